import { spanInputSchema, type SpanInputBody } from '@genchi/spec';
import { describe, expect, it } from 'vitest';
import { PriceBook } from '../pricing/price-book.js';
import { countTokens } from '../tokens/count-tokens.js';
import { deriveSpanRecord } from './derive-span.js';
import { mergeSpanRecord } from './merge-span.js';

const context = { prices: new PriceBook(), now: Date.parse('2026-01-01T00:00:00Z') };
const derive = (body: SpanInputBody) => deriveSpanRecord(spanInputSchema.parse(body), context);
const parse = (body: SpanInputBody) => spanInputSchema.parse(body);

const call: SpanInputBody = {
  id: 'span-1',
  traceId: 'trace-1',
  startTime: '2026-01-01T10:00:00.000Z',
  endTime: '2026-01-01T10:00:01.250Z',
  model: 'gpt-4o-mini',
  resolvedModel: 'gpt-4o-mini-2024-07-18',
  input: [{ role: 'user', content: 'Categorize: red running shoes' }],
  output: [{ role: 'assistant', content: 'Footwear > Running' }],
  usage: { inputTokens: 1000, outputTokens: 500 },
};

describe('deriveSpanRecord', () => {
  it('fills defaults, latency and cost from the price table', () => {
    const record = derive(call);
    expect(record).toMatchObject({ kind: 'llm', task: 'default', environment: 'prod', status: 'ok', latencyMs: 1250 });
    expect(record.costSource).toBe('price-table');
    expect(record.costUsd).toBeCloseTo((1000 * 0.15 + 500 * 0.6) / 1e6);
    expect(record.inputPreview).toBe('Categorize: red running shoes');
    expect(record.outputPreview).toBe('Footwear > Running');
  });

  it('keeps a reported cost and marks it so', () => {
    const record = derive({ ...call, costUsd: 0.5 });
    expect(record).toMatchObject({ costUsd: 0.5, costSource: 'reported' });
  });

  it('counts missing tokens with the tokenizer and marks them estimated', () => {
    const record = derive({ ...call, usage: undefined });
    expect(record.inputTokens).toBe(countTokens('Categorize: red running shoes'));
    expect(record.outputTokens).toBe(countTokens('Footwear > Running'));
    expect(record.inputTokensEstimated && record.outputTokensEstimated).toBe(true);
    expect(record.costSource).toBe('price-table');
  });

  it('does not count tokens for spans that are not model calls', () => {
    const record = derive({ id: 'c', traceId: 't', kind: 'chain', input: 'hello' });
    expect(record.inputTokens).toBeNull();
    expect(record.costUsd).toBeNull();
  });

  it('takes the task from metadata when no task field is set, and an error makes the status error', () => {
    const record = derive({ ...call, metadata: { task: 'categorize-product' }, error: 'upstream 500' });
    expect(record.task).toBe('categorize-product');
    expect(record).toMatchObject({ status: 'error', errorMessage: 'upstream 500' });
  });

  it('uses the receive time as a provisional start when none is given', () => {
    const record = derive({ id: 'x', traceId: 't' });
    expect(record.startTime).toBe(context.now);
    expect(record.startTimeProvisional).toBe(true);
    expect(record.latencyMs).toBeNull();
  });
});

describe('mergeSpanRecord', () => {
  const create = parse({ id: 'span-1', traceId: 'trace-1', startTime: call.startTime, model: 'gpt-4o-mini', input: call.input, task: 'categorize-product', tags: ['a'] });
  const update = parse({ id: 'span-1', traceId: 'trace-1', endTime: call.endTime, output: call.output, usage: { inputTokens: 1000, outputTokens: 500 }, tags: ['b'], metadata: { k: 1 } });

  it('gives the same record whichever of create and update arrives first', () => {
    const createFirst = mergeSpanRecord(deriveSpanRecord(create, context), update, context);
    const updateFirst = mergeSpanRecord(deriveSpanRecord(update, { ...context, now: context.now + 5000 }), create, context);
    for (const merged of [createFirst, updateFirst]) {
      expect(merged).toMatchObject({ task: 'categorize-product', kind: 'llm', latencyMs: 1250, inputTokens: 1000, outputTokens: 500 });
      expect(merged.startTimeProvisional).toBe(false);
      expect(merged.metadata).toEqual({ k: 1 });
    }
    expect(new Set(createFirst.tags)).toEqual(new Set(['a', 'b']));
    expect(updateFirst.costUsd).toBeCloseTo(createFirst.costUsd ?? Number.NaN);
  });

  it('is idempotent: merging the same record again changes nothing', () => {
    const once = deriveSpanRecord(create, context);
    expect(mergeSpanRecord(once, create, context)).toEqual(once);
  });

  it('replaces estimated tokens by reported ones, and defaults by named values', () => {
    const estimated = deriveSpanRecord(parse({ id: 's', traceId: 't', model: 'gpt-4o', input: 'hi', output: 'there' }), context);
    expect(estimated.inputTokensEstimated).toBe(true);
    const merged = mergeSpanRecord(estimated, parse({ id: 's', traceId: 't', usage: { inputTokens: 7 }, environment: 'dev' }), context);
    expect(merged).toMatchObject({ inputTokens: 7, inputTokensEstimated: false, outputTokensEstimated: true, environment: 'dev' });
  });

  it('an error arriving later marks a span that defaulted to ok as failed', () => {
    const ok = deriveSpanRecord(create, context);
    const failed = mergeSpanRecord(ok, parse({ id: 'span-1', traceId: 'trace-1', error: { type: 'RateLimit', message: '429' } }), context);
    expect(failed).toMatchObject({ status: 'error', errorType: 'RateLimit', errorMessage: '429' });
  });
});
