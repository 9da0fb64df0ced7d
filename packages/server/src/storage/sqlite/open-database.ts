import Database from 'better-sqlite3';

/** A better-sqlite3 connection. */
export type SqliteDatabase = Database.Database;

/** Page size of new databases: rows with ~2 KB bodies pack several to a page instead of one. */
const pageSize = 16_384;

/**
 * Opens a connection with genchi's settings: WAL (readers never block the writer), synchronous=NORMAL
 * (a committed transaction survives the process being killed), a page cache of `cacheMiB`, and a busy
 * timeout so that a second writer waits instead of failing.
 */
export function openDatabase(file: string, options: { cacheMiB: number; readonly?: boolean }): SqliteDatabase {
  const database = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) database.pragma(`page_size = ${pageSize}`);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma(`cache_size = -${options.cacheMiB * 1024}`);
  database.pragma('temp_store = MEMORY');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  database.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  return database;
}
