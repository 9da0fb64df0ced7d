import type { OtlpAnyValue, OtlpKeyValue, OtlpSpan, OtlpTraceRequest } from './otlp-types.js';

/** A span to build, with attributes as plain values; ids and times get defaults. */
export interface SpanSketch extends Omit<OtlpSpan, 'attributes' | 'events'> {
  attributes?: Record<string, unknown>;
  events?: Array<{ name: string; timeUnixNano?: string; attributes?: Record<string, unknown> }>;
}

/** An OTLP `AnyValue` for a plain value: integers become `intValue` text, other numbers `doubleValue`, objects `kvlistValue`, bytes base64. */
export function toAnyValue(value: unknown): OtlpAnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (value instanceof Uint8Array) return { bytesValue: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(toAnyValue) } };
  if (typeof value === 'object' && value !== null) return { kvlistValue: { values: toKeyValues(value as Record<string, unknown>) } };
  return {};
}

/** OTLP attributes for a record of plain values. */
export function toKeyValues(values: Record<string, unknown>): OtlpKeyValue[] {
  return Object.entries(values).map(([key, value]) => ({ key, value: toAnyValue(value) }));
}

/** An OTLP trace request (JSON shape) holding the given spans under one resource and one scope. */
export function buildOtlpRequest(spans: readonly SpanSketch[], resource: Record<string, unknown> = { 'service.name': 'test-service' }): OtlpTraceRequest {
  const built = spans.map((sketch, index): OtlpSpan => {
    const { attributes, events, ...rest } = sketch;
    const span: OtlpSpan = {
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: (index + 1).toString(16).padStart(16, '0'),
      name: 'span',
      startTimeUnixNano: '1767261600000000000',
      endTimeUnixNano: '1767261601250000000',
      ...rest,
      attributes: toKeyValues(attributes ?? {}),
    };
    if (events !== undefined) span.events = events.map((event) => ({ ...event, attributes: toKeyValues(event.attributes ?? {}) }));
    return span;
  });
  return { resourceSpans: [{ resource: { attributes: toKeyValues(resource) }, scopeSpans: [{ scope: { name: 'test-scope', version: '1.0.0' }, spans: built }] }] };
}
