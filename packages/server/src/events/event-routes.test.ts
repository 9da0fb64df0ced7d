import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGenchi, type TestGenchi } from '../testing/index.js';

describe('GET /v1/events', () => {
  let genchi: TestGenchi;
  beforeAll(async () => {
    genchi = await startTestGenchi({ listen: false });
    const base = Date.parse('2026-03-01T00:00:00Z');
    for (let index = 0; index < 5; index += 1) {
      await genchi.context.storage.events.recordEvent(genchi.projectId, {
        id: `evt_${index}`,
        type: index % 2 === 0 ? 'model-change' : 'floating-alias',
        at: base + index * 60_000,
        task: 'summarize',
        summary: `event ${index}`,
        details: { index },
      });
    }
  });
  afterAll(async () => genchi?.close());

  const get = (url: string, key?: string) => genchi.app.inject({ url, headers: genchi.headers(key) });

  it('lists events newest first, filtered, one page at a time', async () => {
    const first = await get('/v1/events?type=model-change&limit=2');
    expect(first.statusCode).toBe(200);
    const page = first.json() as { data: Array<{ id: string }>; nextCursor: string };
    expect(page.data.map((event) => event.id)).toEqual(['evt_4', 'evt_2']);
    const second = (await get(`/v1/events?type=model-change&limit=2&cursor=${page.nextCursor}`)).json() as { data: Array<{ id: string }>; nextCursor: null };
    expect(second).toEqual({ data: [expect.objectContaining({ id: 'evt_0', summary: 'event 0', details: { index: 0 } })], nextCursor: null });
  });

  it('names a bad query parameter and needs the read scope', async () => {
    const bad = await get('/v1/events?limt=3');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/limt/);
    expect((await get('/v1/events', await genchi.keyWith(['ingest']))).statusCode).toBe(403);
    expect((await get('/v1/events', await genchi.keyWith(['read']))).statusCode).toBe(200);
  });
});
