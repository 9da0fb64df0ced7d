import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveSpanRecord, PriceBook } from '@genchi/core';
import { feedbackInputSchema, scoreInputSchema, spanInputSchema, spanQuerySchema } from '@genchi/spec';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { databaseFileName, openSqliteStorage } from './open-sqlite-storage.js';

const directory = mkdtempSync(join(tmpdir(), 'genchi-moves-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

it('finds every span exactly once while keys move between tables under load', async () => {
  const storage = openSqliteStorage({ directory, recentKeyLimit: 50 });
  const { id: projectId } = await storage.projects.createProject('moves');
  const context = { prices: new PriceBook(), now: Date.now() };
  const written: string[] = [];
  for (let batch = 0; batch < 40; batch++) {
    const spans = Array.from({ length: 25 }, (_, index) => {
      const id = `s-${batch}-${index}`;
      written.push(id);
      return deriveSpanRecord(spanInputSchema.parse({ id, traceId: `t-${batch}`, userId: 'u', startTime: 1_000_000 + batch * 100 + index }), context);
    });
    const pending = storage.traces.writeSpans(projectId, spans);
    // Read while the writer commits and moves keys.
    const page = await storage.traces.listSpans(projectId, spanQuerySchema.parse({ userId: 'u', limit: 1000 }));
    expect(new Set(page.data.map((row) => row.id)).size).toBe(page.data.length);
    await pending;
  }
  const all = await storage.traces.listSpans(projectId, spanQuerySchema.parse({ userId: 'u', limit: 1000 }));
  expect(all.data.map((row) => row.id).sort()).toEqual([...written].sort());
  for (const id of written.slice(0, 50)) expect((await storage.traces.getSpan(projectId, id))?.id).toBe(id);
  expect(await storage.traces.getTrace(projectId, 't-3')).toHaveLength(25);
  await storage.close();
});

it.each([
  ['recent (no key has moved)', 100_000, (keys: KeyCounts) => keys.moved === 0],
  ['moved to record_keys', 40, (keys: KeyCounts) => keys.moved > 0 && keys.recent < keys.moved],
])('finds a span, its scores and a feedback event again on resend, their keys %s', async (_, recentKeyLimit, placed) => {
  const folder = mkdtempSync(join(directory, 'resend-'));
  const storage = openSqliteStorage({ directory: folder, recentKeyLimit });
  const { id: projectId } = await storage.projects.createProject('resend');
  const context = { prices: new PriceBook(), now: Date.now() };
  const span = (id: string) => deriveSpanRecord(spanInputSchema.parse({ id, traceId: `t-${id}`, startTime: 1_000_000, output: 'an answer' }), context);
  const score = (spanId: string) => scoreInputSchema.parse({ id: `sc-${spanId}`, spanId, name: 'exact', value: 1 });
  const feedback = (spanId: string) => feedbackInputSchema.parse({ id: `fb-${spanId}`, spanId, kind: 'edited', finalText: 'a better answer', createdAt: 1_000_500 });
  const writeAll = async (ids: string[]) => [
    ...(await storage.traces.writeSpans(projectId, ids.map(span))),
    ...(await storage.scores.writeScores(projectId, ids.map(score))),
    ...(await storage.feedback.writeFeedback(projectId, ids.map(feedback))),
  ];
  const ids = Array.from({ length: 30 }, (_, index) => `early-${index}`);
  expect(new Set(await writeAll(ids))).toEqual(new Set(['created']));
  // Newer keys, so that with a small limit the first ones move (a chunk per writer turn, so write in groups).
  for (let group = 0; group < 8; group++) await writeAll(Array.from({ length: 30 }, (_, index) => `later-${group}-${index}`));
  expect(placed(keyCounts(folder))).toBe(true);
  expect(new Set(await writeAll(ids))).toEqual(new Set(['merged']));
  for (const id of ids.slice(0, 3)) {
    expect((await storage.scores.scoresOfSpan(projectId, id)).map((found) => found.id).sort()).toEqual([`fb:fb-${id}`, `sc-${id}`]);
    expect(await storage.feedback.getFeedback(projectId, `fb-${id}`)).toMatchObject({ spanId: id, diff: { originalFrom: 'span-output' } });
  }
  await storage.close();
});

interface KeyCounts {
  recent: number;
  moved: number;
}

/** How many keys sit in the recent buckets and in record_keys (read on a connection of its own). */
function keyCounts(folder: string): KeyCounts {
  const database = openDatabase(join(folder, databaseFileName), { cacheMiB: 1, readonly: true });
  try {
    const count = (table: string) => (database.prepare(`SELECT count(*) AS count FROM ${table}`).get() as { count: number }).count;
    return { recent: count('recent_bucket_keys'), moved: count('record_keys') };
  } finally {
    database.close();
  }
}

it('keeps no key a merge replaced, when the create and the merge share one batch', async () => {
  const folder = mkdtempSync(join(directory, 'replaced-'));
  const storage = openSqliteStorage({ directory: folder });
  const { id: projectId } = await storage.projects.createProject('replaced');
  const context = { prices: new PriceBook(), now: Date.now() };
  const first = deriveSpanRecord(spanInputSchema.parse({ id: 'moved-user', traceId: 't-1', userId: 'first-user', startTime: 1_000_000 }), context);
  const second = deriveSpanRecord(spanInputSchema.parse({ id: 'moved-user', traceId: 't-1', userId: 'second-user', startTime: 1_000_000 }), context);
  expect(await storage.traces.writeSpans(projectId, [first, second])).toEqual(['created', 'merged']);
  expect((await storage.traces.getSpan(projectId, 'moved-user'))?.userId).toBe('second-user');
  // One key each for the id, the trace and the user now on the span; none left for the user it had.
  expect(keyCounts(folder)).toEqual({ recent: 3, moved: 0 });
  await storage.close();
});
