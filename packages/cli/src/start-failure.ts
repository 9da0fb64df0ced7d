import { join } from 'node:path';
import { databaseFileName, InitialProjectError } from '@genchi/server';
import { CommandFailure } from './arguments.js';

/** Where `genchi serve` was asked to listen and keep its store. */
export interface ServePlace {
  host: string;
  port: number;
  dataDirectory: string;
}

const fileReasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

/**
 * Why `genchi serve` could not start, said so that the person who ran it knows what to change (the
 * port, the host, the data folder), or null for a fault of genchi's own, which is printed with its stack.
 */
export function startFailure(error: unknown, place: ServePlace): CommandFailure | null {
  if (!(error instanceof Error)) return null;
  if (error instanceof InitialProjectError) return new CommandFailure(error.message);
  const { code, syscall } = error as NodeJS.ErrnoException;
  const address = `${place.host}:${place.port}`;
  if (syscall === 'listen' || syscall === 'getaddrinfo') {
    if (code === 'EADDRINUSE') return new CommandFailure(`cannot listen on ${address}: the port is in use (is genchi already running?); choose another with --port`);
    if (code === 'EACCES') return new CommandFailure(`cannot listen on ${address}: permission denied (ports below 1024 need privileges); choose another with --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return new CommandFailure(`cannot listen on ${address}: this machine has no such address; use --host 127.0.0.1, or 0.0.0.0 for every interface`);
    }
  }
  if (code !== undefined && code in fileReasons && typeof (error as NodeJS.ErrnoException).path === 'string') {
    return new CommandFailure(`cannot use the data folder ${place.dataDirectory}: ${fileReasons[code]} (${code}, ${syscall} ${(error as NodeJS.ErrnoException).path})`);
  }
  if (error.name === 'SqliteError' && typeof code === 'string') {
    const hint = code === 'SQLITE_NOTADB' ? '; it is not a genchi store: point --data at another folder' : '';
    return new CommandFailure(`cannot open the store ${join(place.dataDirectory, databaseFileName)}: ${error.message} (${code})${hint}`);
  }
  return null;
}
