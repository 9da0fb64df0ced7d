import { startSimLlm, type SimLlm } from '@genchi/testkit';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGenchi, type TestGenchi } from '../testing/index.js';
import { gatewayOf } from './gateway-routes.js';
import { storedSpan, waitFor } from './testing/gateway-test-helpers.js';

const day = 86_400_000;

describe('gateway: pinning, floating aliases, model changes, shadows and A/B splits', () => {
  let main: SimLlm;
  let candidate: SimLlm;
  let genchi: TestGenchi;
  let client: OpenAI;
  let now = Date.parse('2026-03-02T09:00:00Z');
  const ask = (task: string, model: string, headers: Record<string, string> = {}) =>
    client.chat.completions.create({ model, messages: [{ role: 'user', content: `a question for ${task}` }] }, { headers: { 'x-genchi-task': task, ...headers } }).withResponse();
  const getJson = async (path: string) => (await (await fetch(`${genchi.url}${path}`, { headers: genchi.headers() })).json()) as { data: Array<Record<string, unknown>> };

  beforeAll(async () => {
    main = await startSimLlm();
    candidate = await startSimLlm();
    genchi = await startTestGenchi({
      clock: { now: () => now },
      config: {
        // `gone` listens nowhere (port 9, discard): only the model list asks it anything.
        providers: { main: { baseUrl: main.url }, candidate: { baseUrl: candidate.url }, gone: { baseUrl: 'http://127.0.0.1:9/v1' } },
        tasks: {
          'categorize-product': { model: 'main/gpt-4o-2024-08-06' },
          'search-index': { calls: 'embedding', model: 'candidate/sim-embedding-2026-01-01' },
          mirrored: { shadow: [{ model: 'candidate/sim-large', share: 1 }] },
          'half-mirrored': { shadow: [{ model: 'candidate/sim-large', share: 0.5 }] },
          split: {
            variants: [
              { name: 'control', model: 'main/gpt-4o-2024-08-06', weight: 3 },
              { name: 'challenger', model: 'candidate/sim-small-2025-01-01', weight: 1, promptVersion: '2' },
            ],
          },
        },
        gateway: { shadow: { maxConcurrent: 2, maxQueued: 2 } },
      },
    });
    client = new OpenAI({ baseURL: `${genchi.url}/v1`, apiKey: genchi.apiKey, maxRetries: 0 });
  });
  afterAll(async () => {
    await genchi?.close();
    await Promise.all([main?.close(), candidate?.close()]);
  });

  it('sends a pinned task to its pinned version whatever model it names, and records both', async () => {
    main.clearRequests();
    const { data, response } = await ask('categorize-product', 'main/gpt-4o-mini');
    expect(main.requests[0]?.body).toMatchObject({ model: 'gpt-4o-2024-08-06' });
    expect(data.model).toBe('gpt-4o-2024-08-06');
    const span = await storedSpan(genchi, genchi.projectId, response.headers.get('x-genchi-span-id'));
    expect(span).toMatchObject({ task: 'categorize-product', model: 'gpt-4o-2024-08-06', resolvedModel: 'gpt-4o-2024-08-06', metadata: { requestedModel: 'main/gpt-4o-mini', pinnedModel: 'main/gpt-4o-2024-08-06' } });
  });

  it('lists the models of every provider as provider/model, naming a provider that did not answer', async () => {
    const response = await fetch(`${genchi.url}/v1/models`, { headers: genchi.headers() });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-genchi-providers-failed')).toBe('gone');
    const { data } = (await response.json()) as { data: Array<{ id: string; owned_by: string }> };
    expect(data.map((model) => model.id).sort()).toEqual(['candidate/sim-embedding', 'candidate/sim-large', 'candidate/sim-small', 'main/sim-embedding', 'main/sim-large', 'main/sim-small']);
    expect(data.find((model) => model.id === 'main/sim-small')?.owned_by).toBe('sim-llm');
  });

  it('pins only the calls of the kind the task names: embeddings of a chat task, and chats of an embeddings task, go where they name', async () => {
    main.clearRequests();
    candidate.clearRequests();
    const headers = (task: string) => ({ headers: { 'x-genchi-task': task } });
    const embedded = await client.embeddings.create({ model: 'main/sim-embedding', input: 'a product title' }, headers('categorize-product')).withResponse();
    expect(main.requests.map((request) => request.body)).toEqual([expect.objectContaining({ model: 'sim-embedding' })]);
    expect(await storedSpan(genchi, genchi.projectId, embedded.response.headers.get('x-genchi-span-id'))).toMatchObject({
      task: 'categorize-product',
      kind: 'embedding',
      model: 'sim-embedding',
      metadata: expect.not.objectContaining({ pinnedModel: expect.anything() }),
    });

    main.clearRequests();
    const pinned = await client.embeddings.create({ model: 'main/sim-embedding', input: 'a product title' }, headers('search-index')).withResponse();
    expect(main.requests).toEqual([]);
    expect(candidate.requests.map((request) => request.body)).toEqual([expect.objectContaining({ model: 'sim-embedding-2026-01-01' })]);
    expect(await storedSpan(genchi, genchi.projectId, pinned.response.headers.get('x-genchi-span-id'))).toMatchObject({
      task: 'search-index',
      model: 'sim-embedding-2026-01-01',
      metadata: { requestedModel: 'main/sim-embedding', pinnedModel: 'candidate/sim-embedding-2026-01-01' },
    });

    candidate.clearRequests();
    await ask('search-index', 'main/gpt-4o-mini-2024-07-18');
    expect(candidate.requests).toEqual([]);
    expect(main.requests.at(-1)?.body).toMatchObject({ model: 'gpt-4o-mini-2024-07-18' });
  });

  it('flags a task on a floating alias and records a model-change event when the answered version changes the next day', async () => {
    main.setResolvedModel('gpt-4o', 'gpt-4o-2024-05-13');
    await ask('summarize', 'main/gpt-4o');
    await ask('summarize', 'main/gpt-4o');
    await gatewayOf(genchi.app).tracker.idle();
    const floating = await getJson('/v1/events?type=floating-alias');
    expect(floating.data).toEqual([
      expect.objectContaining({ type: 'floating-alias', task: 'summarize', details: { provider: 'main', requestedModel: 'gpt-4o', resolvedModel: 'gpt-4o-2024-05-13' } }),
    ]);
    expect((await getJson('/v1/events?type=model-change')).data).toEqual([]);

    now += day;
    main.setResolvedModel('gpt-4o', 'gpt-4o-2024-08-06');
    await ask('summarize', 'main/gpt-4o');
    await gatewayOf(genchi.app).tracker.idle();
    const changes = await getJson('/v1/events?type=model-change&task=summarize');
    expect(changes.data).toEqual([
      expect.objectContaining({
        type: 'model-change',
        task: 'summarize',
        at: new Date(now).toISOString(),
        summary: expect.stringContaining('main answered gpt-4o with gpt-4o-2024-08-06 for task summarize; on 2026-03-02 it answered gpt-4o-2024-05-13'),
        details: expect.objectContaining({ from: 'gpt-4o-2024-05-13', to: 'gpt-4o-2024-08-06', day: '2026-03-03' }),
      }),
    ]);
    const tasks = (await getJson('/v1/gateway/tasks')).data;
    expect(tasks.find((task) => task.task === 'summarize')).toMatchObject({
      floating: true,
      calls: null,
      pinnedModel: null,
      models: [{ provider: 'main', requestedModel: 'gpt-4o', resolvedModel: 'gpt-4o-2024-08-06', previousModel: 'gpt-4o-2024-05-13', floating: true, changedAt: new Date(now).toISOString() }],
    });
    expect(tasks.find((task) => task.task === 'categorize-product')).toMatchObject({ floating: false, calls: 'llm', pinnedModel: 'main/gpt-4o-2024-08-06' });
    expect(tasks.find((task) => task.task === 'search-index')).toMatchObject({ calls: 'embedding', pinnedModel: 'candidate/sim-embedding-2026-01-01' });
  });

  it('mirrors a task to its shadow model off the caller path and logs the shadow under the primary span', async () => {
    candidate.clearRequests();
    candidate.setLatency({ firstTokenMs: 1_500 });
    const { data, response } = await ask('mirrored', 'main/sim-small');
    expect(data.model).toBe('sim-small-sim-2025-01-01');
    // The caller has its answer while the shadow call is still under way: it was never on the caller's path.
    await waitFor(() => gatewayOf(genchi.app).shadows.running === 1);
    const primary = await storedSpan(genchi, genchi.projectId, response.headers.get('x-genchi-span-id'));
    const shadows = await waitFor(async () => {
      await gatewayOf(genchi.app).shadows.idle();
      await gatewayOf(genchi.app).log.idle();
      const found = await genchi.context.storage.traces.getTrace(genchi.projectId, primary.traceId);
      const shadow = found.find((span) => span.environment === 'shadow');
      return found.length === 2 && shadow ? [await genchi.context.storage.traces.getSpan(genchi.projectId, shadow.id)] : null;
    });
    expect(candidate.requests[0]?.body).toMatchObject({ model: 'sim-large', messages: [{ role: 'user', content: 'a question for mirrored' }] });
    expect(shadows[0]).toMatchObject({ parentId: primary.id, traceId: primary.traceId, task: 'mirrored', provider: 'candidate', model: 'sim-large', resolvedModel: 'sim-large-sim-2025-01-01', status: 'ok', tags: ['shadow'], metadata: { shadowOf: primary.id } });
    expect(shadows[0]?.latencyMs).toBeGreaterThanOrEqual(1_400);
    candidate.setLatency({});
  });

  it('drops shadow calls beyond the concurrency limit and queue, counting them, without slowing calls', async () => {
    candidate.setLatency({ firstTokenMs: 3_000 });
    const before = gatewayOf(genchi.app).stats().shadow;
    for (let index = 0; index < 10; index += 1) await ask('mirrored', 'main/sim-small');
    // All ten calls were answered while the first two shadows were still running.
    expect(gatewayOf(genchi.app).stats().shadow).toMatchObject({ running: 2, queued: 2 });
    await gatewayOf(genchi.app).shadows.idle(15_000);
    const after = gatewayOf(genchi.app).stats().shadow;
    expect(after.drawn - before.drawn).toBe(10);
    expect(after.dropped - before.dropped).toBe(6);
    expect(after.completed - before.completed).toBe(4);
    candidate.setLatency({});
  });

  it('mirrors about the configured share of a task', async () => {
    const before = gatewayOf(genchi.app).stats().shadow.drawn;
    for (let index = 0; index < 200; index += 1) await ask('half-mirrored', 'main/sim-small');
    const drawn = gatewayOf(genchi.app).stats().shadow.drawn - before;
    expect(drawn).toBeGreaterThan(60);
    expect(drawn).toBeLessThan(140);
  });

  it('splits a task between variants by weight, sticky per user, and records the variant', async () => {
    const variantOf = new Map<string, string>();
    for (let user = 0; user < 200; user += 1) {
      for (let repeat = 0; repeat < 2; repeat += 1) {
        const { response } = await ask('split', 'main/anything', { 'x-genchi-user': `user-${user}` });
        const variant = response.headers.get('x-genchi-variant') ?? 'none';
        if (repeat === 1) expect(variant).toBe(variantOf.get(`user-${user}`));
        variantOf.set(`user-${user}`, variant);
      }
    }
    const challengers = [...variantOf.values()].filter((variant) => variant === 'challenger').length;
    expect(challengers).toBeGreaterThan(30);
    expect(challengers).toBeLessThan(70);
    const user = [...variantOf.entries()].find(([, variant]) => variant === 'challenger')?.[0] ?? '';
    candidate.clearRequests();
    const { response } = await ask('split', 'main/anything', { 'x-genchi-user': user });
    expect(candidate.requests[0]?.body).toMatchObject({ model: 'sim-small-2025-01-01' });
    const span = await storedSpan(genchi, genchi.projectId, response.headers.get('x-genchi-span-id'));
    expect(span).toMatchObject({ provider: 'candidate', model: 'sim-small-2025-01-01', promptVersion: '2', tags: ['variant:challenger'], metadata: { variant: 'challenger', variantStickyBy: 'user', requestedModel: 'main/anything' } });
  });
});
