import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestGenchi } from '@genchi/server/testing';
import { describe, expect, it } from 'vitest';
import { startFakeIngest } from '../testing/fake-ingest-server.js';

// The child runs the built SDK, as an application would: run `npm run build` before these tests.
const app = fileURLToPath(new URL('../testing/exit-app.mjs', import.meta.url));

function runApp(env: Record<string, string>): Promise<{ code: number | null; output: string; milliseconds: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [app], { env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output, milliseconds: Date.now() - started })));
}

describe('a process that exits normally', () => {
  it('sends what it recorded before it ends', async () => {
    const genchi = await startTestGenchi();
    try {
      const result = await runApp({ GENCHI_BASE_URL: genchi.url, GENCHI_API_KEY: await genchi.keyWith(['ingest']), SPANS: '7' });
      expect(result).toMatchObject({ code: 0, output: 'recorded 7\n' });
      const response = await fetch(`${genchi.url}/v1/spans?task=exit-test&limit=50`, { headers: genchi.headers() });
      const { data } = (await response.json()) as { data: Array<{ name: string; inputPreview: string }> };
      expect(data.map((row) => row.name).sort()).toEqual(Array.from({ length: 7 }, (_, index) => `exit-step-${index}`).sort());
    } finally {
      await genchi.close();
    }
  });

  it('sends everything when the application ends by awaiting shutdown(), and exits 0', async () => {
    const genchi = await startTestGenchi();
    try {
      const result = await runApp({ GENCHI_BASE_URL: genchi.url, GENCHI_API_KEY: await genchi.keyWith(['ingest']), SPANS: '5', END: 'shutdown' });
      // Node ends a process whose top-level await never settles with exit code 13: shutdown must hold it.
      expect(result).toMatchObject({ code: 0, output: 'recorded 5\nshut down, all sent: true\n' });
      const response = await fetch(`${genchi.url}/v1/spans?task=exit-test&limit=50`, { headers: genchi.headers() });
      expect(((await response.json()) as { data: unknown[] }).data).toHaveLength(5);
    } finally {
      await genchi.close();
    }
  });

  it('still exits, within the exit flush timeout, when genchi hangs', async () => {
    const hanging = await startFakeIngest(() => 'hang');
    try {
      const result = await runApp({ GENCHI_BASE_URL: hanging.url, GENCHI_API_KEY: 'gk_test', EXIT_FLUSH_TIMEOUT_MS: '500' });
      expect(result.code).toBe(0);
      expect(hanging.received).toHaveLength(1);
      expect(result.milliseconds).toBeLessThan(5_000);
    } finally {
      await hanging.close();
    }
  });
});
