import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startGenchiProcess, stopProcess, type GenchiProcess } from './testing/genchi-process.js';

const folder = mkdtempSync(join(tmpdir(), 'genchi-login-link-'));
let server: GenchiProcess | undefined;
afterAll(async () => {
  if (server) await stopProcess(server.child, 'SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

async function printedLink(process: GenchiProcess): Promise<RegExpExecArray> {
  for (let waited = 0; waited < 5000; waited += 50) {
    const match = /open (http:\/\/\S+)\/login#([\w-]+) to use the web UI/.exec(process.output());
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no login link printed:\n${process.output()}`);
}

describe('genchi serve prints a one-time login link', () => {
  it('opens a web session once for a new user with no key, and prints no API key', async () => {
    server = await startGenchiProcess(['--data', folder]);
    const [, url, token] = await printedLink(server);
    expect(url).toBe(server.url);
    expect(server.output()).not.toMatch(/gk_/);
    const login = () => fetch(`${url}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-genchi-client': 'web' }, body: JSON.stringify({ loginToken: token }) });
    const first = await login();
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ project: { name: 'default' }, scopes: ['admin'] });
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await fetch(`${url}/v1/review/queues`, { headers: { cookie } })).status).toBe(200);
    expect((await login()).status).toBe(401);
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });
});
