import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSdkHarness, type SdkHarness } from '../testing/sdk-harness.js';

interface TraceNode {
  id: string;
  name: string;
  kind: string;
  task: string;
  userId: string | null;
  status: string;
  children: TraceNode[];
}

const shape = (node: TraceNode): unknown => [node.name, node.kind, node.children.map(shape)];

describe('observe: nested spans through async context, in a real genchi', () => {
  let h: SdkHarness;
  beforeAll(async () => {
    h = await startSdkHarness({ sdk: { context: { task: 'support-reply', tags: ['v2'] }, environment: 'dev' } });
  });
  afterAll(async () => h.close());

  it('makes one trace of a request that retrieves, calls a model and calls a tool, also across parallel work', async () => {
    const client = h.sdk.wrapOpenAI(h.openai);
    const retrieve = (query: string) =>
      h.sdk.observe('retrieve-context', { kind: 'retrieval', input: query }, async (span) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        span.update({ attributes: { documents: 2 } });
        return ['doc-1', 'doc-2'];
      });
    const traceId = await h.sdk.withContext({ userId: 'user-9' }, () =>
      h.sdk.observe('handle-request', { kind: 'chain', input: 'where is my parcel?' }, async (root) => {
        const [documents] = await Promise.all([retrieve('parcel'), retrieve('shipping')]);
        const completion = await client.chat.completions.create({ model: 'sim-small', messages: [{ role: 'user', content: `answer with ${documents.join(', ')}` }] });
        h.sdk.observe('lookup-order', { kind: 'tool' }, () => ({ order: 42 }));
        root.update({ tags: ['answered'] });
        return completion.choices[0]?.message.content;
      }).then(() => h.sdk.currentSpanId() ?? 'no span outside'),
    );
    expect(traceId).toBe('no span outside');
    await h.sdk.flush();
    const page = await h.query<{ data: Array<{ traceId: string; name: string }> }>('/v1/spans?limit=10&userId=user-9');
    const rootRow = page.data.find((row) => row.name === 'handle-request');
    const trace = await h.query<{ spanCount: number; roots: TraceNode[] }>(`/v1/traces/${rootRow?.traceId}`);
    expect(trace.spanCount).toBe(5);
    expect(trace.roots).toHaveLength(1);
    const root = trace.roots[0] as TraceNode;
    expect(shape(root)).toEqual(['handle-request', 'chain', [['retrieve-context', 'retrieval', []], ['retrieve-context', 'retrieval', []], ['chat.completions.create', 'llm', []], ['lookup-order', 'tool', []]]]);
    expect(root.children.every((child) => child.userId === 'user-9' && child.task === 'support-reply')).toBe(true);
    const detail = await h.span(root.id);
    expect(detail).toMatchObject({ environment: 'dev', tags: ['v2', 'answered'], input: 'where is my parcel?', output: expect.stringContaining('Simulated answer') });
  });

  it('records an error the function throws and hands it back unchanged, sync and async', async () => {
    const failure = new Error('no such order');
    expect(() => h.sdk.observe('sync-fail', () => { throw failure; })).toThrow(failure);
    await expect(h.sdk.observe('async-fail', async () => { throw failure; })).rejects.toBe(failure);
    expect(h.sdk.observe('sync-ok', () => 7)).toBe(7);
    await h.sdk.flush();
    const errors = await h.query<{ data: Array<{ name: string; errorMessage: string }> }>('/v1/spans?status=error&limit=10');
    expect(errors.data.map((row) => [row.name, row.errorMessage]).sort()).toEqual([['async-fail', 'no such order'], ['sync-fail', 'no such order']]);
  });
});
