import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimLlm, type SimLlm } from '@genchi/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGenchi, startGenchiProcess, stopProcess, type GenchiProcess } from './testing/genchi-process.js';

const apiKey = 'gk_gateway_process_key_0123456789';

describe('the gateway of `genchi serve`, as a new user runs it', () => {
  let sim: SimLlm;
  let folder: string;
  let server: GenchiProcess;

  beforeAll(async () => {
    sim = await startSimLlm();
    folder = mkdtempSync(join(tmpdir(), 'genchi-gateway-process-'));
    const config = [
      'providers:',
      '  sim:',
      `    baseUrl: ${sim.url}`,
      '    apiKeyEnv: SIM_UPSTREAM_KEY',
      '  other:',
      `    baseUrl: ${sim.url}`,
      '    apiKeyEnv: OTHER_UPSTREAM_KEY_UNSET',
      'tasks:',
      '  categorize-product:',
      '    model: sim/gpt-4o-2024-08-06',
    ].join('\n');
    writeFileSync(join(folder, 'genchi.config.yaml'), config);
    server = await startGenchiProcess(['--config', join(folder, 'genchi.config.yaml'), '--data', join(folder, 'data')], {
      GENCHI_INIT_PROJECT: 'shop',
      GENCHI_INIT_API_KEY: apiKey,
      SIM_UPSTREAM_KEY: 'sk-from-the-environment',
    });
  });
  afterAll(async () => {
    if (server) await stopProcess(server.child);
    await sim?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves the official openai client with the upstream key from the environment, and logs the call', async () => {
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey, maxRetries: 0 });
    const { data, response } = await client.chat.completions
      .create({ model: 'sim/gpt-4o-mini', messages: [{ role: 'user', content: 'Blue suede shoes' }] }, { headers: { 'x-genchi-task': 'categorize-product' } })
      .withResponse();
    expect(data.model).toBe('gpt-4o-2024-08-06');
    expect(sim.requests.at(-1)?.headers.authorization).toBe('Bearer sk-from-the-environment');
    const spanId = response.headers.get('x-genchi-span-id');
    let span: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 100 && span === undefined; attempt += 1) {
      const found = await fetch(`${server.url}/v1/spans/${spanId}`, { headers: { authorization: `Bearer ${apiKey}` } });
      if (found.status === 200) span = (await found.json()) as Record<string, unknown>;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(span).toMatchObject({ task: 'categorize-product', model: 'gpt-4o-2024-08-06', provider: 'sim', metadata: { requestedModel: 'sim/gpt-4o-mini' } });
  });

  it('warns at start about an upstream key variable that is not set, and refuses its calls with a 401 naming it', async () => {
    expect(server.output()).toContain('provider other: OTHER_UPSTREAM_KEY_UNSET is not set');
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey, maxRetries: 0 });
    await expect(client.chat.completions.create({ model: 'other/gpt-4o', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining('set OTHER_UPSTREAM_KEY_UNSET where genchi runs'),
    });
  });

  it('refuses to start with a task that names an unknown provider', async () => {
    const file = join(folder, 'bad.yaml');
    writeFileSync(file, `providers:\n  sim:\n    baseUrl: ${sim.url}\n  local:\n    baseUrl: ${sim.url}\ntasks:\n  t:\n    model: azure/gpt-4o\n`);
    const result = await runGenchi(['serve', '--port', '0', '--config', file, '--data', join(folder, 'bad-data')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('tasks.t.model: unknown provider azure in model azure/gpt-4o; configured providers: sim, local');
  });
});
