import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runGenchi, startGenchiProcess, stopProcess, type GenchiProcess } from './testing/genchi-process.js';

const folders: string[] = [];
const running: GenchiProcess[] = [];
const freshFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'genchi-process-'));
  folders.push(folder);
  return folder;
};
afterEach(async () => {
  await Promise.all(running.splice(0).map((process) => stopProcess(process.child, 'SIGKILL')));
});
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const apiKey = 'gk_process_test_key_0123456789';
const init = { GENCHI_INIT_PROJECT: 'acme', GENCHI_INIT_API_KEY: apiKey };
const auth = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };

async function start(data: string): Promise<GenchiProcess> {
  const started = await startGenchiProcess(['--data', data], init);
  running.push(started);
  return started;
}

function batch(index: number) {
  return {
    batch: Array.from({ length: 100 }, (_, item) => ({
      type: 'span',
      body: { id: `s-${index}-${item}`, traceId: `t-${index}`, startTime: Date.now(), model: 'gpt-4o-mini', usage: { inputTokens: 1, outputTokens: 1 }, input: 'x'.repeat(500) },
    })),
  };
}

async function countSpans(url: string): Promise<number> {
  let count = 0;
  let cursor = '';
  do {
    const response = await fetch(`${url}/v1/spans?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: auth });
    const page = (await response.json()) as { data: unknown[]; nextCursor: string | null };
    count += page.data.length;
    cursor = page.nextCursor ?? '';
  } while (cursor);
  return count;
}

describe('genchi serve, as a real process', () => {
  it('creates the initial project and key headlessly, without printing the key', async () => {
    const server = await start(freshFolder());
    const whoami = await fetch(`${server.url}/v1/whoami`, { headers: auth });
    expect(await whoami.json()).toMatchObject({ project: { name: 'acme' }, scopes: ['admin'] });
    expect(server.output()).not.toContain(apiKey);
  });

  it('loses no acknowledged batch when killed with SIGKILL right after the last answer', async () => {
    const data = freshFolder();
    const first = await start(data);
    const acknowledged = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const response = await fetch(`${first.url}/v1/ingest`, { method: 'POST', headers: auth, body: JSON.stringify(batch(index)) });
        return response.status === 200 ? 100 : 0;
      }),
    );
    first.child.kill('SIGKILL');
    await stopProcess(first.child, 'SIGKILL');
    const total = acknowledged.reduce<number>((sum, count) => sum + count, 0);
    expect(total).toBe(3000);
    const second = await start(data);
    expect(await countSpans(second.url)).toBe(total);
  });

  it('creates keys from the command line, printed once on stdout', async () => {
    const data = freshFolder();
    const server = await start(data);
    const created = await runGenchi(['keys', 'create', '--project', 'acme', '--scopes', 'ingest,read', '--data', data]);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^gk_/);
    const whoami = await fetch(`${server.url}/v1/whoami`, { headers: { authorization: `Bearer ${secret}` } });
    expect(await whoami.json()).toMatchObject({ scopes: ['ingest', 'read'] });
    const wrong = await runGenchi(['keys', 'create', '--project', 'nobody', '--data', data]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/no project named nobody; projects: acme/);
    const badScope = await runGenchi(['keys', 'create', '--project', 'acme', '--scopes', 'root', '--data', data]);
    expect(badScope.stderr).toMatch(/--scopes/);
  });

  it('refuses a config file with an unknown key, naming it', async () => {
    const data = freshFolder();
    const file = join(data, 'genchi.config.yaml');
    writeFileSync(file, 'server:\n  prot: 9\n');
    const result = await runGenchi(['serve', '--config', file, '--data', data]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/server: Unrecognized key: "prot"|prot/);
  });

  it('says what to change, without a stack, when it cannot listen or cannot use its data folder', async () => {
    const server = await start(freshFolder());
    const port = new URL(server.url).port;
    const taken = await runGenchi(['serve', '--port', port, '--data', freshFolder()]);
    expect(taken).toMatchObject({ code: 1, stderr: expect.stringContaining(`cannot listen on 127.0.0.1:${port}: the port is in use (is genchi already running?); choose another with --port`) });

    const noAddress = await runGenchi(['serve', '--port', '0', '--host', 'host.invalid', '--data', freshFolder()]);
    expect(noAddress).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot listen on host.invalid:0: this machine has no such address') });

    const file = join(freshFolder(), 'a-file');
    writeFileSync(file, 'not a folder');
    const underFile = await runGenchi(['serve', '--port', '0', '--data', join(file, 'store')]);
    expect(underFile).toMatchObject({ code: 1, stderr: expect.stringContaining(`cannot use the data folder ${join(file, 'store')}: a part of the path is a file, not a folder (ENOTDIR`) });

    const notAStore = freshFolder();
    writeFileSync(join(notAStore, 'genchi.sqlite'), 'a text file where the store should be, long enough to be read as a header'.repeat(20));
    const garbage = await runGenchi(['serve', '--port', '0', '--data', notAStore]);
    expect(garbage).toMatchObject({ code: 1, stderr: expect.stringContaining(`cannot open the store ${join(notAStore, 'genchi.sqlite')}: file is not a database (SQLITE_NOTADB)`) });

    for (const result of [taken, noAddress, underFile, garbage]) expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await runGenchi(['serve', '--log-level', 'loud'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--log-level must be one of trace, debug, info, warn, error, fatal, silent') });
  });

  it('prints nothing but its listening and login lines with --log-level silent', async () => {
    const server = await startGenchiProcess(['--data', freshFolder(), '--log-level', 'silent'], init);
    running.push(server);
    await fetch(`${server.url}/v1/nowhere`, { headers: auth });
    // At info it would also log the initial key's project and fastify's own listening line.
    expect(server.output().trim().split('\n')).toEqual([expect.stringMatching(/^genchi listening on /), expect.stringMatching(/^open http:\/\/\S+\/login#/)]);
  });

  it('refuses command-line mistakes with one line naming them, and never makes a store where --data names none', async () => {
    const missing = join(freshFolder(), 'typo');
    expect(await runGenchi(['keys', 'list', '--project', 'acme', '--data', missing])).toMatchObject({ code: 2, stderr: expect.stringContaining(`no genchi store in ${missing}`) });
    expect(await runGenchi(['projects', 'list', '--data', missing])).toMatchObject({ code: 2, stderr: expect.stringContaining(`no genchi store in ${missing}`) });
    expect(existsSync(missing)).toBe(false);

    const data = freshFolder();
    expect(await runGenchi(['projects', 'create', 'shop', '--data', data])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^prj_\S+\tshop\n$/) });
    expect(await runGenchi(['projects', 'create', 'shop', '--data', data])).toMatchObject({ code: 2, stderr: 'genchi projects: a project named shop exists\n' });
    expect(await runGenchi(['projects', 'create', 'my shop', '--data', data])).toMatchObject({ code: 2, stderr: expect.stringContaining('NAME: letters, digits, dot, dash and underscore') });
    expect(await runGenchi(['keys', 'remove', '--project', 'shop', '--data', data])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown action remove; genchi keys create|list|revoke') });

    const env = (project: string, key: string) => ({ GENCHI_INIT_PROJECT: project, GENCHI_INIT_API_KEY: key });
    const badName = await runGenchi(['serve', '--port', '0', '--data', freshFolder()], env('my shop', apiKey));
    expect(badName).toMatchObject({ code: 2, stderr: expect.stringContaining('GENCHI_INIT_PROJECT: letters, digits') });
    const shortKey = await runGenchi(['serve', '--port', '0', '--data', freshFolder()], env('shop', 'gk_short'));
    expect(shortKey).toMatchObject({ code: 2, stderr: 'genchi serve: GENCHI_INIT_API_KEY: must be at least 16 characters\n' });
  });

  it('adds a changed GENCHI_INIT_API_KEY to its project on a later start, and refuses one that is another project\'s key', async () => {
    const data = freshFolder();
    const secondKey = 'gk_process_test_key_rotated_987654';
    const first = await start(data);
    await stopProcess(first.child);
    const second = await startGenchiProcess(['--data', data], { ...init, GENCHI_INIT_API_KEY: secondKey });
    running.push(second);
    expect(second.output()).toContain('project "acme" has a new admin key from GENCHI_INIT_API_KEY; keys it had stay valid until revoked');
    for (const key of [apiKey, secondKey]) {
      expect((await fetch(`${second.url}/v1/whoami`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    }
    await stopProcess(second.child);
    const refused = await runGenchi(['serve', '--port', '0', '--data', data], { GENCHI_INIT_PROJECT: 'other', GENCHI_INIT_API_KEY: secondKey });
    expect(refused).toMatchObject({ code: 1, stderr: 'genchi serve: GENCHI_INIT_API_KEY is already a key of project "acme", not of "other"\n' });
    expect((await runGenchi(['projects', 'list', '--data', data])).stdout).not.toContain('other');
  });
});
