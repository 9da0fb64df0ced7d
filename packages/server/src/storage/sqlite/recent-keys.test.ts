import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveSpanRecord, PriceBook } from '@genchi/core';
import { spanInputSchema } from '@genchi/spec';
import { afterAll, expect, it } from 'vitest';
import { migrate, migrations } from './migrations.js';
import { openDatabase } from './open-database.js';
import { RecentKeys } from './recent-keys.js';
import { spanToRows } from './span-columns.js';
import { keyedLookupSql, recordKey } from './record-keys.js';
import { StoreWriter } from './store-writer.js';

const directory = mkdtempSync(join(tmpdir(), 'genchi-recent-keys-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const context = { prices: new PriceBook(), now: Date.now() };
const spanRows = (id: string, start: number) =>
  spanToRows(deriveSpanRecord(spanInputSchema.parse({ id, traceId: `trace-${id}`, userId: 'u', startTime: start }), context));
const count = (database: ReturnType<typeof openDatabase>, sql: string) => (database.prepare(sql).get() as { count: number }).count;

it('fills buckets one after another, sweeps full ones into record_keys range by range, and finds every span throughout', () => {
  const database = openDatabase(join(directory, 'sweeps.sqlite'), { cacheMiB: 8 });
  migrate(database);
  const project = Number(database.prepare("INSERT INTO projects (id, name, created_at) VALUES ('p1', 'p', 0)").run().lastInsertRowid);
  // 120 keys in full buckets start a sweep in three ranges of ~40. A bucket is full at 10 keys (120 / 12) and a
  // new one starts with the next group, so each group of 7 spans (21 keys) fills one bucket.
  const writer = new StoreWriter(database, { prices: {}, recentKeyLimit: 120, keyMoveChunk: 40 });
  const lookup = database.prepare(keyedLookupSql('spans'));
  const written: string[] = [];
  let moves = 0;
  let mostBuckets = 0;
  for (let group = 0; group < 30; group++) {
    const rows = Array.from({ length: 7 }, (_, index) => {
      const id = `span-${group}-${index}`;
      written.push(id);
      return spanRows(id, 1_000 + written.length);
    });
    expect(writer.writeGroup([{ id: group, kind: 'spans', project, payload: rows, count: rows.length, background: false }])).toEqual([
      { id: group, outcomes: rows.map(() => 'created') },
    ]);
    // As the writer thread does between groups: one range per turn while a sweep is due.
    if (writer.keysToMove) {
      writer.moveKeys();
      moves++;
    }
    mostBuckets = Math.max(mostBuckets, count(database, 'SELECT count(*) AS count FROM recent_key_buckets'));
    for (const id of written) expect(lookup.all({ key: recordKey('spanId', project, id), project, id }), id).toHaveLength(1);
    // A resent span from earlier (its key in a bucket, or moved already) merges into the stored one.
    const again = [spanRows(written[Math.floor(written.length / 3)] as string, 0)];
    expect(writer.writeGroup([{ id: 1_000 + group, kind: 'spans', project, payload: again, count: 1, background: false }])).toEqual([
      { id: 1_000 + group, outcomes: ['merged'] },
    ]);
  }
  expect(moves).toBeGreaterThanOrEqual(3);
  expect(count(database, 'SELECT count(*) AS count FROM record_keys')).toBeGreaterThan(0);
  // Sweeps keep the live buckets to about recentKeyLimit / bucket size, plus the ones filled meanwhile.
  expect(mostBuckets).toBeLessThanOrEqual(20);
  // A key is in exactly one place: moved keys left the recent buckets.
  expect(count(database, 'SELECT count(*) AS count FROM recent_bucket_keys k JOIN record_keys r USING (key, time, row)')).toBe(0);
  // Every span has its three keys (id, trace, user), spread over the two tables.
  expect(count(database, 'SELECT (SELECT count(*) FROM recent_keys) + (SELECT count(*) FROM record_keys) AS count')).toBe(written.length * 3);
  database.close();
});

it('never rules out a key it holds, and rules out nearly all it does not', () => {
  const database = openDatabase(join(directory, 'filter.sqlite'), { cacheMiB: 8 });
  migrate(database);
  const keys = new RecentKeys(database, { recentKeyLimit: 200_000, keyMoveChunk: 50_000 });
  const held = Array.from({ length: 200_000 }, (_, index) => recordKey('spanId', 1, `held-${index}`));
  database.transaction(() => {
    held.forEach((key, row) => keys.add(key, 0, row));
    keys.flush();
  })();
  expect(held.every((key) => keys.mayHold(key))).toBe(true);
  const absent = Array.from({ length: 50_000 }, (_, index) => recordKey('spanId', 1, `absent-${index}`));
  // Full (as many keys as wait before a sweep): about one in 200 of the keys it lacks still passes.
  expect(absent.filter((key) => keys.mayHold(key)).length).toBeLessThan(250);
  // A writer opened later on the same file builds its filter from the stored keys.
  const reopened = new RecentKeys(database, { recentKeyLimit: 200_000, keyMoveChunk: 50_000 });
  expect(held.every((key) => reopened.mayHold(key))).toBe(true);
  database.close();
});

it('keeps the recent keys of a store made before buckets existed', () => {
  const database = openDatabase(join(directory, 'older.sqlite'), { cacheMiB: 8 });
  const bucketsAt = migrations.findIndex((migration) => migration.name === '0005-recent-key-buckets');
  migrate(database, migrations.filter((_, index) => index !== bucketsAt));
  database.prepare('INSERT INTO recent_keys (key, time, row) VALUES (?, ?, ?)').run(42, 1.5, 7);
  migrate(database);
  expect(database.prepare('SELECT key, time, row FROM recent_keys').all()).toEqual([{ key: 42, time: 1.5, row: 7 }]);
  expect(new RecentKeys(database, { recentKeyLimit: 10, keyMoveChunk: 10 }).mayHold(42)).toBe(true);
  database.close();
});
