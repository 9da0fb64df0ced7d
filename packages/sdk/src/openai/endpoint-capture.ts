import type { SpanKind } from '@genchi/spec';
import type { SpanDraft } from '../spans/span-draft.js';

/** Collects a streamed answer chunk by chunk, then writes it onto the span. */
export interface StreamAccumulator {
  /** Takes one chunk as the caller receives it; true when it carries the first output token. */
  add(chunk: unknown): boolean;
  /** Writes what was collected (output, tool calls, usage, resolved model) onto the span. */
  finish(span: SpanDraft): void;
}

/** How one endpoint of a client is recorded: what to read from the request, the answer and a stream. */
export interface EndpointCapture {
  kind: SpanKind;
  name: string;
  /** Reads the request onto the span by reference (arrays of messages are copied one level). */
  request(params: unknown, span: SpanDraft): void;
  /** Reads a whole answer onto the span. */
  response(value: unknown, span: SpanDraft): void;
  /** A new accumulator, for endpoints that stream. */
  stream?: () => StreamAccumulator;
}

/** A plain object's own fields, or an empty object for anything else. */
export function fieldsOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** A value when it is a string. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A value when it is a non-negative integer (a token count). */
export function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Copies an array and each of its object elements one level deep, so later pushes or edits by the application do not change what was recorded. */
export function copyOneLevel(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const copy = new Array<unknown>(value.length);
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    copy[index] = item !== null && typeof item === 'object' && !Array.isArray(item) ? { ...(item as object) } : item;
  }
  return copy;
}

/** The request parameters besides the named body fields (model settings, tools, response format). */
export function paramsWithout(params: Record<string, unknown>, omitted: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key in params) {
    if (!omitted.includes(key)) kept[key] = params[key];
  }
  return kept;
}
