import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeFeedbackContract } from '../feedback.contract.js';
import { openSqliteStorage } from './open-sqlite-storage.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function openFresh(recentKeyLimit?: number) {
  const directory = mkdtempSync(join(tmpdir(), 'genchi-feedback-'));
  folders.push(directory);
  return async () => openSqliteStorage({ directory, ...(recentKeyLimit === undefined ? {} : { recentKeyLimit }) });
}

describeFeedbackContract('sqlite', openFresh());
// The same behaviour when keys move from the recent table to the large one after every few writes.
describeFeedbackContract('sqlite, keys moved early', openFresh(4));
