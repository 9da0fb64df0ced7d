import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeCheckStorageContract } from '../check-storage.contract.js';
import { openSqliteStorage } from './open-sqlite-storage.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describeCheckStorageContract('sqlite', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'genchi-checks-'));
  folders.push(directory);
  return openSqliteStorage({ directory });
});
