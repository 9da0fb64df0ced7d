import type { SpanKind, SpanStatus } from '@genchi/spec';
import type { CallContext } from '../context/call-context.js';
import type { SpanDraft } from './span-draft.js';

/** What `observe` options and `span.update` may set on a span. */
export interface SpanFields extends CallContext {
  input?: unknown;
  output?: unknown;
  model?: string;
  status?: SpanStatus;
  /** Free-form attributes (kept beside metadata, e.g. retrieval scores). */
  attributes?: Record<string, unknown>;
}

/** A span an `observe` callback is given: its ids, and a way to add to it before it ends. */
export class SpanHandle {
  /** @internal */
  constructor(private readonly draft: SpanDraft) {}

  /** The span's id (16 hex characters): what feedback and scores attach to. */
  get id(): string {
    return this.draft.id;
  }

  /** The trace's id (32 hex characters). */
  get traceId(): string {
    return this.draft.traceId;
  }

  /** The span's kind. */
  get kind(): SpanKind {
    return this.draft.kind;
  }

  /** Adds fields to the span: scalars replace, tags add up, metadata and attributes merge. Ignored once the span ended. */
  update(fields: SpanFields): this {
    const draft = this.draft;
    if (draft.ended) return this;
    const { input, output, model, status, attributes, tags, metadata, ...scalars } = fields;
    if (input !== undefined) draft.input = input;
    if (output !== undefined) draft.output = output;
    if (model !== undefined) draft.model = model;
    if (status !== undefined) draft.status = status;
    if (attributes !== undefined) draft.attributes = { ...draft.attributes, ...attributes };
    const defined = Object.entries(scalars).filter(([, value]) => value !== undefined);
    if (defined.length > 0) draft.context = { ...draft.context, ...Object.fromEntries(defined) };
    if (tags !== undefined || metadata !== undefined) {
      const extra = draft.extra ?? {};
      draft.extra = {
        ...(tags === undefined && extra.tags === undefined ? {} : { tags: [...(extra.tags ?? []), ...(tags ?? [])] }),
        ...(metadata === undefined && extra.metadata === undefined ? {} : { metadata: { ...extra.metadata, ...metadata } }),
      };
    }
    return this;
  }
}
