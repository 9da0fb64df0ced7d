import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGenchi, type TestGenchi } from '../testing/index.js';

describe('API keys', () => {
  let genchi: TestGenchi;
  beforeAll(async () => {
    genchi = await startTestGenchi({ listen: false });
  });
  afterAll(async () => genchi.close());

  const get = (url: string, headers: Record<string, string> = {}) => genchi.app.inject({ url, headers });

  it('401 without a key or with an unknown one, in OpenAI error shape', async () => {
    const missing = await get('/v1/spans');
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ error: { message: expect.stringMatching(/missing API key/), type: 'authentication_error', param: null, code: null } });
    expect((await get('/v1/spans', { authorization: 'Bearer gk_wrong' })).statusCode).toBe(401);
    expect((await get('/v1/spans', { authorization: 'Basic abc' })).statusCode).toBe(401);
  });

  it('403 for a key without the scope; admin may do everything', async () => {
    const ingestOnly = await genchi.keyWith(['ingest']);
    const readOnly = await genchi.keyWith(['read']);
    expect((await get('/v1/spans', genchi.headers(ingestOnly))).statusCode).toBe(403);
    expect((await get('/v1/spans', genchi.headers(readOnly))).statusCode).toBe(200);
    const post = (key: string) => genchi.app.inject({ method: 'POST', url: '/v1/ingest', headers: genchi.headers(key), payload: { batch: [{ type: 'span', body: { id: 's', traceId: 't' } }] } });
    expect((await post(readOnly)).statusCode).toBe(403);
    expect((await post(ingestOnly)).statusCode).toBe(200);
    expect((await get('/v1/keys', genchi.headers(readOnly))).statusCode).toBe(403);
    expect((await get('/v1/keys')).statusCode).toBe(401);
    expect((await get('/v1/keys', genchi.headers())).statusCode).toBe(200);
  });

  it('takes the project from the key alone', async () => {
    const other = await genchi.context.storage.projects.createProject('elsewhere');
    const response = await genchi.app.inject({
      method: 'POST',
      url: '/v1/ingest',
      headers: genchi.headers(),
      payload: { projectId: other.id, batch: [{ type: 'span', body: { id: 'mine', traceId: 't' } }] },
    });
    expect(response.statusCode).toBe(200);
    expect(await genchi.context.storage.traces.getSpan(other.id, 'mine')).toBeNull();
    expect(await genchi.context.storage.traces.getSpan(genchi.projectId, 'mine')).not.toBeNull();
  });

  it('creates, lists and revokes keys through the API; a revoked key is refused', async () => {
    const created = await genchi.app.inject({ method: 'POST', url: '/v1/keys', headers: genchi.headers(), payload: { name: 'ci', scopes: ['read'] } });
    expect(created.statusCode).toBe(201);
    const { secret, key } = created.json();
    expect(secret).toMatch(/^gk_[0-9A-Za-z]{32}$/);
    expect((await get('/v1/whoami', genchi.headers(secret))).json()).toMatchObject({ project: { name: 'test' }, scopes: ['read'] });
    const listed = (await get('/v1/keys', genchi.headers())).json().data;
    expect(JSON.stringify(listed)).not.toContain(secret);
    const revoked = await genchi.app.inject({ method: 'DELETE', url: `/v1/keys/${key.id}`, headers: genchi.headers() });
    expect(revoked.statusCode).toBe(204);
    expect((await get('/v1/spans', genchi.headers(secret))).statusCode).toBe(401);
    const badScopes = await genchi.app.inject({ method: 'POST', url: '/v1/keys', headers: genchi.headers(), payload: { scopes: ['root'] } });
    expect(badScopes.statusCode).toBe(400);
    expect(badScopes.json().error.message).toMatch(/^body\.scopes\[0\]/);
  });

  it('serves health without a key and 404 in error shape for unknown routes', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    const missing = await get('/v1/nothing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.type).toBe('not_found_error');
  });
});
