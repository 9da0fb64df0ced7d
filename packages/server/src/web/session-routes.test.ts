import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGenchi, type TestGenchi } from '../testing/index.js';

const web = { 'x-genchi-client': 'web' };

describe('web sessions, login links and the built app', () => {
  let genchi: TestGenchi;
  let directory: string;
  const cookieOf = (header: string | string[] | undefined) => String(Array.isArray(header) ? header[0] : header).split(';')[0] as string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'genchi-web-'));
    mkdirSync(join(directory, 'assets'));
    writeFileSync(join(directory, 'index.html'), '<!doctype html><div id="root"></div><script src="/assets/app-1.js"></script>');
    writeFileSync(join(directory, 'assets', 'app-1.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
    genchi = await startTestGenchi({ listen: false, config: { web: { directory } } });
  });
  afterAll(async () => {
    await genchi.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const login = (payload: object, headers: Record<string, string> = web) => genchi.app.inject({ method: 'POST', url: '/v1/session', headers, payload });

  it('opens a session with an API key as an httpOnly, SameSite=Strict cookie', async () => {
    const response = await login({ apiKey: genchi.apiKey });
    expect(response.statusCode).toBe(201);
    expect(response.headers['set-cookie']).toMatch(/^genchi_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=1209600$/);
    expect(response.json()).toMatchObject({ project: { name: 'test' }, scopes: ['admin'] });
    const cookie = cookieOf(response.headers['set-cookie']);
    expect((await genchi.app.inject({ url: '/v1/spans', headers: { cookie } })).statusCode).toBe(200);
    expect((await genchi.app.inject({ url: '/v1/session', headers: { cookie } })).json()).toMatchObject({ via: 'cookie', project: { name: 'test' }, expiresAt: expect.any(String) });
  });

  it('refuses a wrong key, a missing UI header, and cookie writes from another site', async () => {
    expect((await login({ apiKey: 'gk_wrong' })).json().error.message).toBe('unknown or revoked API key');
    expect((await login({ apiKey: genchi.apiKey }, {})).statusCode).toBe(403);
    expect((await login({ apiKey: genchi.apiKey }, { ...web, origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await login({ password: 'x' })).statusCode).toBe(400);
    const cookie = cookieOf((await login({ apiKey: genchi.apiKey })).headers['set-cookie']);
    const write = (headers: Record<string, string>) =>
      genchi.app.inject({ method: 'POST', url: '/v1/review/failure-modes', headers: { cookie, ...headers }, payload: { task: 't', name: `m${Math.random()}` } });
    expect((await write({})).json().error.message).toMatch(/cross-site request refused/);
    expect((await write({ ...web, origin: 'http://evil.example' })).statusCode).toBe(403);
    expect((await write({ ...web, origin: 'http://localhost:80' })).statusCode).toBe(201);
    expect((await write(web)).statusCode).toBe(201);
  });

  it('lets the start-up login link be used once', async () => {
    expect(genchi.loginToken).toMatch(/^[\w-]{43}$/);
    const first = await login({ loginToken: genchi.loginToken });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ project: { name: 'test' }, scopes: ['admin'] });
    const second = await login({ loginToken: genchi.loginToken });
    expect(second.statusCode).toBe(401);
    expect(second.json().error.message).toMatch(/used already or has expired/);
  });

  it('ends a session on logout and when its key is revoked', async () => {
    const cookie = cookieOf((await login({ apiKey: genchi.apiKey })).headers['set-cookie']);
    const logout = await genchi.app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie, ...web } });
    expect(logout.statusCode).toBe(204);
    expect(logout.headers['set-cookie']).toMatch(/Max-Age=0/);
    const ended = await genchi.app.inject({ url: '/v1/spans', headers: { cookie } });
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.message).toMatch(/session has ended/);
    const readKey = await genchi.keyWith(['read']);
    const readCookie = cookieOf((await login({ apiKey: readKey })).headers['set-cookie']);
    expect((await genchi.app.inject({ url: '/v1/keys', headers: { cookie: readCookie } })).statusCode).toBe(403);
    const keyId = (await genchi.app.inject({ url: '/v1/keys', headers: genchi.headers() })).json().data.find((key: { prefix: string }) => readKey.startsWith(key.prefix)).id;
    await genchi.app.inject({ method: 'DELETE', url: `/v1/keys/${keyId}`, headers: genchi.headers() });
    expect((await genchi.app.inject({ url: '/v1/spans', headers: { cookie: readCookie } })).statusCode).toBe(401);
  });

  it('serves the app’s pages and hashed assets, gzipped, and nothing outside its folder', async () => {
    for (const url of ['/', '/traces', '/traces/abc', '/review/support-reply', '/login']) {
      const page = await genchi.app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.body).toContain('<div id="root">');
    }
    const asset = await genchi.app.inject({ url: '/assets/app-1.js', headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'content-encoding': 'gzip', 'cache-control': 'public, max-age=31536000, immutable' });
    expect(asset.rawPayload.length).toBeLessThan(500);
    expect((await genchi.app.inject({ url: '/assets/app-1.js' })).body).toContain('console.log');
    expect((await genchi.app.inject({ url: '/assets/../../../../etc/passwd' })).statusCode).toBe(404);
    expect((await genchi.app.inject({ url: '/assets/%2e%2e/%2e%2e/package.json' })).statusCode).toBe(404);
    expect((await genchi.app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await genchi.app.inject({ url: '/v1/unknown' })).json().error.type).toBe('not_found_error');
  });

  it('says how to build the UI when it is not built', async () => {
    const bare = await startTestGenchi({ listen: false, config: { web: { directory: join(directory, 'missing') } } });
    try {
      const page = await bare.app.inject({ url: '/' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/not built.*npm run build/s);
    } finally {
      await bare.close();
    }
  });
});
