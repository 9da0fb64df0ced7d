import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeStorageContract } from '../storage.contract.js';
import { openSqliteStorage } from './open-sqlite-storage.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function openFresh(recentKeyLimit?: number) {
  const directory = mkdtempSync(join(tmpdir(), 'genchi-sqlite-'));
  folders.push(directory);
  return async () => openSqliteStorage({ directory, ...(recentKeyLimit === undefined ? {} : { recentKeyLimit }) });
}

describeStorageContract('sqlite', openFresh());
// The same behaviour when keys move from the recent table to the large one after every few writes.
describeStorageContract('sqlite, keys moved early', openFresh(8));
