import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveSpanRecord, PriceBook } from '@genchi/core';
import { spanInputSchema } from '@genchi/spec';
import { afterAll, expect, it } from 'vitest';
import { migrate } from './migrations.js';
import { openDatabase } from './open-database.js';
import { spanToRows } from './span-columns.js';
import { StoreWriter } from './store-writer.js';
import { WriterClient } from './writer-client.js';

const directory = mkdtempSync(join(tmpdir(), 'genchi-store-writer-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// The writer thread is not the only connection that writes: the request thread writes edited records
// (review actions, rule positions, sessions). A writer transaction that began as a read and then wrote
// after such a commit failed with SQLITE_BUSY_SNAPSHOT, which crashed the writer thread.
it('holds the write lock from the start of a group, so a commit on another connection cannot slip in between its read and its write', () => {
  const file = join(directory, 'two-connections.sqlite');
  const writerConnection = openDatabase(file, { cacheMiB: 8 });
  migrate(writerConnection);
  const requestConnection = openDatabase(file, { cacheMiB: 8 });
  requestConnection.pragma('busy_timeout = 0');
  const project = Number(requestConnection.prepare("INSERT INTO projects (id, name, created_at) VALUES ('p1', 'p', 0)").run().lastInsertRowid);
  const writer = new StoreWriter(writerConnection, { prices: {}, recentKeyLimit: 1_000, keyMoveChunk: 500 });
  const otherCommits: string[] = [];
  // Right after the id lookup (a read), the request thread's connection tries to commit.
  type Lookup = { all: (...args: unknown[]) => unknown[] };
  const spanWriter = (writer as unknown as { writers: { spans: { findStoredRows: Lookup } } }).writers.spans;
  const lookup = spanWriter.findStoredRows;
  spanWriter.findStoredRows = {
    all: (...args: unknown[]) => {
      const found = lookup.all(...args);
      try {
        requestConnection.prepare("UPDATE projects SET name = 'renamed' WHERE id = 'p1'").run();
        otherCommits.push('committed');
      } catch (error) {
        otherCommits.push((error as { code?: string }).code ?? 'failed');
      }
      return found;
    },
  };
  try {
    const record = deriveSpanRecord(spanInputSchema.parse({ id: 'span-1', traceId: 'trace-1', startTime: 1_000 }), { prices: new PriceBook(), now: 2_000 });
    const [reply] = writer.writeGroup([{ id: 1, kind: 'spans', project, payload: [spanToRows(record)], count: 1, background: false }]);
    expect(reply).toEqual({ id: 1, outcomes: ['created'] });
    expect(otherCommits).toEqual(['SQLITE_BUSY']);
  } finally {
    requestConnection.close();
    writerConnection.close();
  }
});

const spanRows = (id: string) => [spanToRows(deriveSpanRecord(spanInputSchema.parse({ id, traceId: `trace-${id}`, startTime: 1_000 }), { prices: new PriceBook(), now: 2_000 }))];

function writerOn(name: string): { client: WriterClient; project: number; file: string } {
  const file = join(directory, name);
  const database = openDatabase(file, { cacheMiB: 8 });
  migrate(database);
  const project = Number(database.prepare("INSERT INTO projects (id, name, created_at) VALUES ('p1', 'p', 0)").run().lastInsertRowid);
  database.close();
  const options = { file, cacheMiB: 8, maxRowsPerCommit: 4_000, prices: {}, recentKeyLimit: 1_000, keyMoveChunk: 500, commitWindowMs: 0, backgroundCommitMs: 60_000 };
  return { client: new WriterClient(options, 64 * 1024 * 1024), project, file };
}

// Background writes (the gateway's log of answered calls) may wait for the long window, so that they
// share one commit; a write someone waits on must not wait behind them.
it('holds background writes for their window, and commits them with the next write someone waits on', async () => {
  const { client, project } = writerOn('background.sqlite');
  try {
    const resolved: string[] = [];
    const background = ['b1', 'b2', 'b3'].map((id) => client.write('spans', project, spanRows(id), 1, 100, { background: true }).then(() => resolved.push(id)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resolved).toEqual([]);
    expect(await client.write('spans', project, spanRows('urgent'), 1, 100)).toEqual(['created']);
    expect(resolved).toEqual(['b1', 'b2', 'b3']);
    await Promise.all(background);
  } finally {
    await client.close();
  }
});

// A busy gateway's log must not pile up in memory for the whole window: from 256 pending rows on, background
// writes wait only the ordinary window (0 ms here) instead of the background one (60 s here).
it('commits background writes without the long window once 256 rows wait', async () => {
  const { client, project } = writerOn('background-cut.sqlite');
  const manyRows = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => spanRows(`${prefix}-${index}`)[0]);
  try {
    const resolved: string[] = [];
    const below = client.write('spans', project, manyRows('below', 255), 255, 255 * 100, { background: true }).then(() => resolved.push('255 rows'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resolved).toEqual([]);
    const cut = client.write('spans', project, manyRows('cut', 1), 1, 100, { background: true }).then(() => resolved.push('256th row'));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), 10_000)));
    expect(await Promise.race([Promise.all([below, cut]).then(() => 'committed'), late])).toBe('committed');
    clearTimeout(timer);
    expect(resolved.sort()).toEqual(['255 rows', '256th row']);
  } finally {
    await client.close();
  }
});

it('commits background writes at once when the store closes', async () => {
  const { client, project, file } = writerOn('background-close.sqlite');
  const written = client.write('spans', project, spanRows('last'), 1, 100, { background: true });
  await client.close();
  expect(await written).toEqual(['created']);
  const database = openDatabase(file, { cacheMiB: 8 });
  try {
    expect(database.prepare("SELECT count(*) AS count FROM spans WHERE id = 'last'").get()).toEqual({ count: 1 });
  } finally {
    database.close();
  }
});
