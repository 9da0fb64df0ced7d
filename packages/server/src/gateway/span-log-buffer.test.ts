import type { SpanInput } from '@genchi/spec';
import { describe, expect, it } from 'vitest';
import { StorageBusyError } from '../storage/storage.js';
import { SpanLogBuffer, type SpanSink } from './span-log-buffer.js';

const span = (index: number): SpanInput => ({ id: `s${index}`, traceId: 't' });
const options = { maxRecords: 10, batchSize: 4, flushIntervalMs: 1, maxWritesInFlight: 1, maxAttempts: 3 };

/** A sink that records batches and answers as told. */
function sink(answer: (batch: readonly SpanInput[], call: number) => Promise<unknown>): SpanSink & { batches: string[][] } {
  const batches: string[][] = [];
  return {
    batches,
    write: (_projectId, spans) => {
      batches.push(spans.map((item) => item.id));
      return answer(spans, batches.length);
    },
  };
}

describe('the bounded log buffer', () => {
  it('writes in batches of at most batchSize', async () => {
    const target = sink(async () => ['created']);
    const buffer = new SpanLogBuffer(() => target, { ...options, maxWritesInFlight: 4 });
    for (let index = 0; index < 10; index += 1) buffer.push('p', span(index));
    await buffer.idle();
    expect(target.batches.flat()).toEqual(Array.from({ length: 10 }, (_, index) => `s${index}`));
    expect(Math.max(...target.batches.map((batch) => batch.length))).toBeLessThanOrEqual(4);
    expect(buffer.counters).toMatchObject({ accepted: 10, written: 10, droppedBufferFull: 0 });
  });

  it('retries a refused batch, then writes it', async () => {
    const target = sink(async (_batch, call) => {
      if (call === 1) throw new StorageBusyError('busy', 0);
      return [];
    });
    const buffer = new SpanLogBuffer(() => target, options);
    buffer.push('p', span(1));
    await buffer.idle();
    expect(target.batches).toEqual([['s1'], ['s1']]);
    expect(buffer.counters).toMatchObject({ written: 1, writeRetries: 1, droppedWriteFailed: 0, lastError: 'StorageBusyError: busy' });
  });

  it('drops and counts a batch refused maxAttempts times', async () => {
    const target = sink(async () => {
      throw new Error('disk I/O error');
    });
    const buffer = new SpanLogBuffer(() => target, options);
    buffer.push('p', span(1));
    await buffer.idle();
    expect(target.batches).toHaveLength(3);
    expect(buffer.counters).toMatchObject({ written: 0, droppedWriteFailed: 1, writeRetries: 2 });
  });

  it('holds at most maxRecords while the store hangs, dropping and counting the rest, never blocking', async () => {
    const release: Array<() => void> = [];
    const target = sink(() => new Promise((resolve) => release.push(() => resolve([]))));
    const buffer = new SpanLogBuffer(() => target, options);
    for (let index = 0; index < 25; index += 1) expect(typeof buffer.push('p', span(index))).toBe('boolean');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(buffer.inFlight).toBe(4);
    expect(buffer.buffered + buffer.inFlight).toBe(10);
    expect(buffer.counters).toMatchObject({ accepted: 10, droppedBufferFull: 15 });
    while (release.length > 0) {
      release.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await buffer.idle();
    expect(buffer.counters.written).toBe(10);
  });

  it('survives a sink that throws instead of rejecting', async () => {
    const buffer = new SpanLogBuffer(() => ({ write: () => { throw new TypeError('database connection is not open'); } }), { ...options, maxAttempts: 1 });
    buffer.push('p', span(1));
    await buffer.idle();
    expect(buffer.counters).toMatchObject({ droppedWriteFailed: 1, lastError: 'TypeError: database connection is not open' });
  });
});
