import type { SpanInput } from '@genchi/spec';
import type { AttributeMap, JsonValue } from './otlp-values.js';

/** A span event, normalised: time in epoch milliseconds, attributes as one object. */
export interface SpanEvent {
  name: string;
  time?: number;
  attributes?: Record<string, JsonValue>;
  droppedAttributesCount?: number;
}

/** A span link, normalised: ids in lowercase hex. */
export interface SpanLink {
  traceId: string;
  spanId: string;
  traceState?: string;
  attributes?: Record<string, JsonValue>;
}

/**
 * What conventions read from one OTLP span. Conventions remove from `attributes` and `events`
 * what they turn into columns; whatever is left is kept in the span's `attributes` and `raw`.
 */
export interface SpanView {
  readonly name: string;
  readonly attributes: AttributeMap;
  readonly events: SpanEvent[];
}

/** The genchi span a mapping fills in: valid by construction (every value is fitted to its column), so it is written without a second validation (`mapped-spans.test.ts` checks this). */
export type SpanDraft = SpanInput;
