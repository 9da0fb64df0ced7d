import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeGatewayStoreContract } from '../gateway-store.contract.js';
import { openSqliteStorage } from './open-sqlite-storage.js';

const folder = mkdtempSync(join(tmpdir(), 'genchi-sqlite-gateway-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeGatewayStoreContract('sqlite', async () => openSqliteStorage({ directory: folder }));
