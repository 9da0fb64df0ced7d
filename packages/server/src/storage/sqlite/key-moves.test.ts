import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveSpanRecord, PriceBook } from '@genchi/core';
import { spanInputSchema, spanQuerySchema } from '@genchi/spec';
import { afterAll, expect, it } from 'vitest';
import { openSqliteStorage } from './open-sqlite-storage.js';

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
