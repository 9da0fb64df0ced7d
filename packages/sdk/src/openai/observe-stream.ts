import type { Tracer } from '../context/tracer.js';
import { describeError, preciseNow, type SpanDraft } from '../spans/span-draft.js';
import type { StreamAccumulator } from './endpoint-capture.js';

type Iterator = AsyncIterator<unknown> & { return?: (value?: unknown) => Promise<IteratorResult<unknown>> };

/**
 * An iterator that hands each chunk to the caller exactly as it came (same object, same order, same
 * errors) and, on the side, feeds it to the accumulator; the span ends when the stream ends, fails,
 * or the caller stops reading (`cancelled`).
 */
function observedIterator(inner: Iterator, span: SpanDraft, accumulator: StreamAccumulator, tracer: Tracer): AsyncIterableIterator<unknown> {
  let finished = false;
  const finish = (status: 'ok' | 'cancelled' | 'error', error?: unknown): void => {
    if (finished) return;
    finished = true;
    try {
      accumulator.finish(span);
      if (status === 'error') {
        span.status = 'error';
        span.error = describeError(error);
      } else if (status === 'cancelled' && span.status === undefined) {
        span.status = 'cancelled';
      }
      tracer.finish(span);
    } catch (fault) {
      tracer.report(fault);
    }
  };
  const iterator: AsyncIterableIterator<unknown> = {
    async next(...args: [] | [unknown]) {
      let result: IteratorResult<unknown>;
      try {
        result = await inner.next(...args);
      } catch (error) {
        finish('error', error);
        throw error;
      }
      if (result.done === true) {
        finish('ok');
        return result;
      }
      try {
        if (accumulator.add(result.value) && span.ttftMs === undefined) span.ttftMs = preciseNow() - span.startTime;
      } catch (fault) {
        tracer.report(fault);
      }
      return result;
    },
    async return(value?: unknown) {
      finish('cancelled');
      return inner.return ? inner.return(value) : { done: true, value };
    },
    async throw(error?: unknown) {
      finish('error', error);
      if (inner.throw) return inner.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * Observes a stream object in place (the caller keeps the very object the client returned): the
 * openai client's `Stream` draws every iteration, `tee()` and `toReadableStream()` from its
 * `iterator` factory, so that factory is wrapped; other async iterables get their
 * `Symbol.asyncIterator` wrapped. Returns false when the value is not a stream.
 */
export function observeStream(stream: object, span: SpanDraft, accumulator: StreamAccumulator, tracer: Tracer): boolean {
  const source = stream as { iterator?: unknown; [Symbol.asyncIterator]?: unknown };
  if (typeof source.iterator === 'function') {
    const original = source.iterator as (this: unknown) => Iterator;
    source.iterator = function observed(this: unknown) {
      return observedIterator(original.call(this), span, accumulator, tracer);
    };
    return true;
  }
  if (typeof source[Symbol.asyncIterator] === 'function') {
    const original = source[Symbol.asyncIterator] as (this: unknown) => Iterator;
    Object.defineProperty(stream, Symbol.asyncIterator, {
      configurable: true,
      writable: true,
      value: function observed(this: unknown) {
        return observedIterator(original.call(this), span, accumulator, tracer);
      },
    });
    return true;
  }
  return false;
}
