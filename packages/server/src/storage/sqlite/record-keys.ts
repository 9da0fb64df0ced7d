import { hash53 } from '@genchi/core/writing';
import { placeholders } from './sql-placeholders.js';

/** Kinds of hashed lookup keys; each hashes its own namespace. (6 was the score id key; scores are found by span.) */
export const keyKinds = {
  spanId: 1,
  traceId: 2,
  userId: 3,
  sessionId: 4,
  tag: 5,
  scoreSpan: 7,
  feedbackId: 8,
  feedbackSpan: 9,
} as const;
export type KeyKind = keyof typeof keyKinds;

/**
 * A 53-bit key for a value of a kind in a project. Different values may share a key (rarely), so a
 * lookup always checks the value on the row it finds.
 */
export function recordKey(kind: KeyKind, project: number, value: string): number {
  return hash53(`${keyKinds[kind]}:${project}:${value}`);
}

/** The rows a key (`@key`) points to, in both key tables; or in record_keys alone, for a key the recent keys certainly lack. */
export const keyRowsSql = {
  both: '(SELECT row FROM recent_keys WHERE key = @key UNION ALL SELECT row FROM record_keys WHERE key = @key)',
  old: '(SELECT row FROM record_keys WHERE key = @key)',
};

/**
 * Finds a row of `table` by id through its key (`@key`, `@project`, `@id`), in both key tables or, for a key
 * the recent keys certainly lack, in record_keys alone. CROSS JOIN keeps SQLite from scanning the table:
 * the keys drive, each found row is checked by id.
 */
export const keyedLookupSql = (table: string, keyRows = keyRowsSql.both): string =>
  `SELECT t.row FROM ${keyRows} k CROSS JOIN ${table} t ON t.row = k.row WHERE t.project = @project AND t.id = @id`;

/**
 * The rows of `table` that record_keys points to for `width` keys at once (the keys first, then the
 * project), with their ids to check: a batch of new records costs one query instead of one per record.
 */
export const storedRowsOfKeysSql = (table: string, width: number): string =>
  `SELECT t.row AS row, t.id AS id FROM record_keys k CROSS JOIN ${table} t ON t.row = k.row WHERE k.key IN (${placeholders(width)}) AND t.project = ?`;

/** The recent keys of one bucket (its number the first parameter), as a table a keyed read goes through. */
export const recentBucketSql = '(SELECT key, time, row FROM recent_bucket_keys WHERE bucket = ?)';
