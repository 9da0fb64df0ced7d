import { describe, expect, it } from 'vitest';
import { newSpanId, newTraceId } from '../ids.js';
import { mergeContext } from '../context/call-context.js';
import { cleanEnvironment } from './span-body.js';
import { maskFailedMarker, serializeItem, type SerializeProblem } from './export-item.js';
import { ExportQueue } from './export-queue.js';
import { backoffMs, retryAfterMs } from './retry-policy.js';

const item = (bytes: number) => ({ json: 'x'.repeat(bytes), bytes });

describe('ExportQueue', () => {
  it('drops the oldest beyond its count or byte limit and reports how many', () => {
    const queue = new ExportQueue(3, 1000);
    expect([1, 2, 3].map(() => queue.push(item(10)))).toEqual([0, 0, 0]);
    expect(queue.push(item(10))).toBe(1);
    expect(queue.push(item(980))).toBe(1);
    expect([queue.length, queue.bytes]).toEqual([3, 1000]);
    expect(queue.push(item(995))).toBe(3);
    expect([queue.length, queue.bytes]).toEqual([1, 995]);
  });

  it('takes batches by count and bytes, always at least one record', () => {
    const queue = new ExportQueue(100, 10_000);
    for (let index = 0; index < 10; index++) queue.push(item(100));
    expect(queue.take(4, 10_000)).toHaveLength(4);
    expect(queue.take(100, 250)).toHaveLength(2);
    queue.push(item(5000));
    expect(queue.take(100, 10)).toHaveLength(1);
    expect(queue.length).toBe(4);
  });
});

describe('retry policy', () => {
  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(Date.now() + 3000).toUTCString(), Date.now())).toBeGreaterThan(1000);
    expect(retryAfterMs(undefined)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });

  it('backs off exponentially with jitter, capped, never sooner than Retry-After', () => {
    const options = { initialBackoffMs: 100, maxBackoffMs: 1000 };
    expect(backoffMs(1, options, null, () => 0)).toBe(50);
    expect(backoffMs(3, options, null, () => 1)).toBe(400);
    expect(backoffMs(10, options, null, () => 1)).toBe(1000);
    expect(backoffMs(1, options, 700, () => 0)).toBe(700);
    expect(backoffMs(1, options, 60_000, () => 0)).toBe(1000);
  });
});

describe('serializing a record', () => {
  const span = { id: 'a', traceId: 'b', parentId: null, kind: 'llm' as const, name: 'n', startTime: 1, context: {}, ended: true, input: 'mail ana@example.com', output: 'ok', metadata: undefined };

  it('runs the mask on each data field, and fails closed on the field it throws on', () => {
    const problems: SerializeProblem[] = [];
    const serialized = serializeItem({ type: 'span', span }, ({ field, value }) => {
      if (field === 'output') throw new Error('boom');
      return String(value).replace(/\S+@\S+/, '[email]');
    }, 10_000, problems);
    expect(JSON.parse(serialized?.json ?? '{}').body).toMatchObject({ input: 'mail [email]', output: maskFailedMarker });
    expect(problems).toEqual([{ kind: 'mask-failed', field: 'output', error: new Error('boom') }]);
  });

  it('drops a record that stays too large once cut down', () => {
    const problems: SerializeProblem[] = [];
    expect(serializeItem({ type: 'feedback', body: { id: 'f', spanId: 's', kind: 'comment', comment: 'c'.repeat(5000) } }, undefined, 100, problems)).toBeNull();
    expect(problems[0]).toMatchObject({ kind: 'too-large' });
  });
});

describe('ids and context', () => {
  it('makes W3C-style ids', () => {
    const traces = new Set(Array.from({ length: 1000 }, newTraceId));
    expect(traces.size).toBe(1000);
    expect([...traces].every((id) => /^[0-9a-f]{32}$/.test(id) && !/^0+$/.test(id))).toBe(true);
    expect(newSpanId()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('merges an inner context over an outer one', () => {
    expect(mergeContext({ task: 'a', tags: ['x'], metadata: { one: 1 }, userId: 'u' }, { task: 'b', tags: ['y', 'x'], metadata: { two: 2 } })).toEqual({
      task: 'b', tags: ['x', 'y'], metadata: { one: 1, two: 2 }, userId: 'u',
    });
    expect(cleanEnvironment('Staging EU!')).toBe('Staging-EU-');
    expect(cleanEnvironment('--')).toBe('prod');
  });
});
