import type { SpanKind } from '@genchi/spec';
import type { Tracer } from '../context/tracer.js';
import { GenchiError } from '../genchi-error.js';
import { describeError, type SpanDraft } from './span-draft.js';
import { SpanHandle, type SpanFields } from './span-handle.js';

/** Options of `observe`: the span's kind (default `span`), its context and input, and whether to record the return value. */
export interface ObserveOptions extends SpanFields {
  kind?: SpanKind;
  /** Record what the function returns (or resolves to) as the span's output (default true). */
  captureOutput?: boolean;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

function end(tracer: Tracer, span: SpanDraft, outcome: { value: unknown; capture: boolean } | { error: unknown }): void {
  if ('error' in outcome) {
    span.status = 'error';
    span.error = describeError(outcome.error);
  } else if (outcome.capture && outcome.value !== undefined && span.output === undefined) {
    span.output = outcome.value;
  }
  tracer.finish(span);
}

function startObserved(tracer: Tracer, name: string, options: ObserveOptions): SpanDraft | null {
  try {
    const { kind, captureOutput: _capture, input, output, model, status, attributes, ...context } = options;
    const span = tracer.start(kind ?? 'span', name, context);
    new SpanHandle(span).update({ ...(input === undefined ? {} : { input }), ...(output === undefined ? {} : { output }), ...(model === undefined ? {} : { model }), ...(status === undefined ? {} : { status }), ...(attributes === undefined ? {} : { attributes }) });
    return span;
  } catch (error) {
    tracer.report(new GenchiError('instrumentation-failed', `observe(${name}) could not start its span: ${(error as Error).message}`, { cause: error }));
    return null;
  }
}

/**
 * Runs `fn` inside a new span, the child of the current one: model calls and other spans started
 * while it runs (awaits included) nest under it. Its result and its errors reach the caller unchanged;
 * the span records them. A sync function stays sync; a promise is followed to its end.
 */
export function observeSpan<T>(tracer: Tracer, name: string, options: ObserveOptions, fn: (span: SpanHandle) => T): T {
  const span = startObserved(tracer, name, options);
  if (span === null) return fn(new SpanHandle({ id: '', traceId: '', parentId: null, kind: 'span', name, startTime: 0, context: {}, ended: true }));
  const capture = options.captureOutput !== false;
  const scope = { span, context: span.context };
  let result: T;
  try {
    result = tracer.run(scope, () => fn(new SpanHandle(span)));
  } catch (error) {
    end(tracer, span, { error });
    throw error;
  }
  if (!isPromiseLike(result)) {
    end(tracer, span, { value: result, capture });
    return result;
  }
  return Promise.resolve(result).then(
    (value) => {
      end(tracer, span, { value, capture });
      return value;
    },
    (error: unknown) => {
      end(tracer, span, { error });
      throw error;
    },
  ) as T;
}
