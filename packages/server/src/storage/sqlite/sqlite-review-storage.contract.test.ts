import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeReviewStorageContract } from '../review-storage.contract.js';
import { openSqliteStorage } from './open-sqlite-storage.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function openFresh(recentKeyLimit?: number) {
  const directory = mkdtempSync(join(tmpdir(), 'genchi-review-'));
  folders.push(directory);
  return async () => openSqliteStorage({ directory, ...(recentKeyLimit === undefined ? {} : { recentKeyLimit }) });
}

describeReviewStorageContract('sqlite', openFresh());
// Span lookups by id must also find spans whose keys moved to the large table.
describeReviewStorageContract('sqlite, keys moved early', openFresh(4));
