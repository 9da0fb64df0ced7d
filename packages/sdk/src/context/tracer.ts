import { AsyncLocalStorage } from 'node:async_hooks';
import type { SpanKind } from '@genchi/spec';
import type { ExportItem } from '../export/export-item.js';
import type { GenchiError } from '../genchi-error.js';
import { newSpanId, newTraceId } from '../ids.js';
import { preciseNow, type SpanDraft } from '../spans/span-draft.js';
import { mergeContext, type CallContext } from './call-context.js';

/** The scope a piece of code runs in: the span that is the parent of new spans, and the merged context. */
export interface Scope {
  span: SpanDraft | null;
  context: CallContext;
}

/** Where finished spans and other records go (the exporter). */
export interface RecordSink {
  enqueue(item: ExportItem): void;
}

/**
 * The shared core of the SDK's features: starts spans under the current scope (AsyncLocalStorage,
 * so nesting follows async calls), finishes them into the sink, and reports its own faults instead
 * of throwing them into the application.
 */
export class Tracer {
  private readonly scopes = new AsyncLocalStorage<Scope>();
  private readonly spansOfResults = new WeakMap<object, { spanId: string; traceId: string }>();

  constructor(
    readonly sink: RecordSink,
    private readonly defaults: CallContext,
    readonly report: (error: GenchiError | unknown) => void,
  ) {}

  /** The scope of the running code, or the root scope (no parent, the default context). */
  current(): Scope {
    return this.scopes.getStore() ?? { span: null, context: this.defaults };
  }

  /** Runs `fn` in a scope. */
  run<T>(scope: Scope, fn: () => T): T {
    return this.scopes.run(scope, fn);
  }

  /** Starts a span under the current scope; `context` (a client's or a span's own) wins over the scope's. */
  start(kind: SpanKind, name: string, context?: CallContext): SpanDraft {
    const scope = this.scopes.getStore();
    const parent = scope?.span ?? null;
    const ambient = scope === undefined ? this.defaults : scope.context;
    return {
      id: newSpanId(),
      traceId: parent === null ? newTraceId() : parent.traceId,
      parentId: parent === null ? null : parent.id,
      kind,
      name,
      startTime: preciseNow(),
      context: context === undefined ? ambient : mergeContext(ambient, context),
      ended: false,
    };
  }

  /** Remembers which span recorded a result object (a completion, a stream), for `spanOf`. */
  remember(result: object, span: SpanDraft): void {
    this.spansOfResults.set(result, { spanId: span.id, traceId: span.traceId });
  }

  /** The span that recorded a result object, if any. */
  spanOf(result: object): { spanId: string; traceId: string } | undefined {
    return this.spansOfResults.get(result);
  }

  /** Ends a span (once) and hands it to the sink; serialisation happens later, off the caller's path. */
  finish(span: SpanDraft, endTime = preciseNow()): void {
    if (span.ended) return;
    span.ended = true;
    span.endTime = endTime;
    span.status ??= 'ok';
    this.sink.enqueue({ type: 'span', span });
  }
}
