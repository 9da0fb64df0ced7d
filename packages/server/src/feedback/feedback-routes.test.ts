import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGenchi, type TestGenchi } from '../testing/index.js';

const start = Date.parse('2026-05-02T09:00:00Z');
const answer = (id: string, content: string) => ({
  type: 'span',
  body: { id, traceId: `trace-${id}`, startTime: start, endTime: start + 300, task: 'support-reply', input: 'where is my parcel?', output: [{ role: 'assistant', content }] },
});

describe('POST /v1/feedback', () => {
  let genchi: TestGenchi;
  beforeAll(async () => {
    genchi = await startTestGenchi({ listen: false });
    await genchi.app.inject({ method: 'POST', url: '/v1/ingest', headers: genchi.headers(), payload: { batch: [answer('reply-1', 'It arrives on Monday.')] } });
  });
  afterAll(async () => genchi.close());

  const post = (payload: object, key?: string) => genchi.app.inject({ method: 'POST', url: '/v1/feedback', headers: genchi.headers(key), payload });

  it('stores an event, answers its label, and shows it on the span next to its feedback score', async () => {
    const response = await post({ id: 'fb-1', spanId: 'reply-1', kind: 'thumbs', thumbs: 'down', comment: 'it came Tuesday' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ id: 'fb-1', status: 'created', labelStrength: -2, label: 'strong-negative' });
    const span = (await genchi.app.inject({ url: '/v1/spans/reply-1', headers: genchi.headers() })).json();
    expect(span.feedback).toEqual([expect.objectContaining({ id: 'fb-1', kind: 'thumbs', thumbs: 'down', comment: 'it came Tuesday', labelStrength: -2 })]);
    expect(span.scores).toEqual([expect.objectContaining({ id: 'fb:fb-1', name: 'feedback', source: 'feedback', value: -2, reason: 'it came Tuesday' })]);
  });

  it('names an id when the body has none, and answers 200 when an id is sent again', async () => {
    const named = await post({ spanId: 'reply-1', kind: 'copied' });
    expect(named.statusCode).toBe(201);
    expect(named.json()).toMatchObject({ id: expect.stringMatching(/^fb_[0-9a-f-]{36}$/), labelStrength: 1, label: 'weak-positive' });
    const again = await post({ id: 'fb-1', spanId: 'reply-1', kind: 'thumbs', thumbs: 'up' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'merged', labelStrength: 2 });
  });

  it('refuses a body that lacks what its kind needs, naming the field', async () => {
    const missing = await post({ spanId: 'reply-1', kind: 'edited' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ message: 'body.finalText: required when kind is edited', param: 'body.finalText' });
    const badRating = await post({ spanId: 'reply-1', kind: 'rating', rating: 9 });
    expect(badRating.json().error.message).toBe('body.rating: must be between 1 and the scale (5)');
    const unknownKind = await post({ spanId: 'reply-1', kind: 'liked' });
    expect(unknownKind.json().error.message).toMatch(/^body\.kind: /);
  });

  it('needs a key with the ingest scope', async () => {
    expect((await genchi.app.inject({ method: 'POST', url: '/v1/feedback', payload: { spanId: 'reply-1', kind: 'accepted' } })).statusCode).toBe(401);
    expect((await post({ spanId: 'reply-1', kind: 'accepted' }, await genchi.keyWith(['read']))).statusCode).toBe(403);
    expect((await post({ spanId: 'reply-1', kind: 'accepted' }, await genchi.keyWith(['ingest']))).statusCode).toBe(201);
  });

  it('takes feedback through the native batch too, diffing an edit against a span of the same batch', async () => {
    const response = await genchi.app.inject({
      method: 'POST',
      url: '/v1/ingest',
      headers: genchi.headers(),
      payload: {
        batch: [
          answer('reply-2', 'Your parcel arrives on Monday.'),
          { type: 'feedback', body: { id: 'fb-edit', spanId: 'reply-2', kind: 'edited', finalText: 'Your parcel arrives on Monday morning.' } },
          { type: 'feedback', body: { id: 'fb-bad', spanId: 'reply-2', kind: 'thumbs' } },
        ],
      },
    });
    expect(response.statusCode).toBe(207);
    expect(response.json().results.map((result: { status: string }) => result.status)).toEqual(['created', 'created', 'rejected']);
    expect(response.json().results[2].error).toBe('batch[2].body.thumbs: required when kind is thumbs');
    const span = (await genchi.app.inject({ url: '/v1/spans/reply-2', headers: genchi.headers() })).json();
    expect(span.feedback[0]).toMatchObject({ id: 'fb-edit', labelStrength: -1, diff: { originalFrom: 'span-output', addedChars: 8, removedChars: 0 } });
    expect(span.feedback[0].diff.parts).toContainEqual({ op: 'insert', text: ' morning' });
  });
});

describe('CORS of the browser-safe endpoint', () => {
  let open: TestGenchi;
  let closed: TestGenchi;
  beforeAll(async () => {
    open = await startTestGenchi({ listen: false, config: { server: { corsOrigins: ['https://shop.example'] } } });
    closed = await startTestGenchi({ listen: false });
  });
  afterAll(async () => Promise.all([open.close(), closed.close()]));

  const preflight = (genchi: TestGenchi, origin: string) =>
    genchi.app.inject({
      method: 'OPTIONS',
      url: '/v1/feedback',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });

  it('answers the preflight of an allowed origin with what it may send', async () => {
    const response = await preflight(open, 'https://shop.example');
    expect(response.statusCode).toBe(204);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': 'https://shop.example',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'authorization, content-type',
      vary: 'Origin',
    });
  });

  it('names the origin on answers, errors included, and never for other origins or when CORS is off', async () => {
    const ok = await open.app.inject({ method: 'POST', url: '/v1/feedback', headers: { ...open.headers(), origin: 'https://shop.example' }, payload: { spanId: 's', kind: 'accepted' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example');
    const refused = await open.app.inject({ method: 'POST', url: '/v1/feedback', headers: { origin: 'https://shop.example' }, payload: { spanId: 's', kind: 'accepted' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect((await preflight(open, 'https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight(closed, 'https://shop.example')).headers['access-control-allow-origin']).toBeUndefined();
    const spans = await open.app.inject({ url: '/v1/spans', headers: { ...open.headers(), origin: 'https://shop.example' } });
    expect(spans.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a configured origin that is not an origin, naming it', async () => {
    await expect(startTestGenchi({ listen: false, config: { server: { corsOrigins: ['https://shop.example/app'] } } })).rejects.toThrow(/origin such as/);
  });
});
