/** One OTLP attribute value, in the OTLP/JSON encoding (exactly one field is set; none means unset). */
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  /** A 64-bit integer: OTLP/JSON writes it as a decimal string; numbers are accepted too. */
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
  /** Bytes, base64-encoded. */
  bytesValue?: string;
}

/** One OTLP attribute: a key and its value. */
export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}

/** An event recorded on a span. */
export interface OtlpEvent {
  timeUnixNano?: string | number;
  name?: string;
  attributes?: OtlpKeyValue[];
  droppedAttributesCount?: number;
}

/** A link from a span to another span. */
export interface OtlpLink {
  traceId?: string;
  spanId?: string;
  traceState?: string;
  attributes?: OtlpKeyValue[];
  droppedAttributesCount?: number;
  flags?: number;
}

/** The status of a span: code 0 unset, 1 ok, 2 error. */
export interface OtlpStatus {
  message?: string;
  code?: number;
}

/** One span in the OTLP/JSON encoding: ids in lowercase hex, times in nanoseconds since the epoch. */
export interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  traceState?: string;
  parentSpanId?: string;
  flags?: number;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: OtlpKeyValue[];
  droppedAttributesCount?: number;
  events?: OtlpEvent[];
  droppedEventsCount?: number;
  links?: OtlpLink[];
  droppedLinksCount?: number;
  status?: OtlpStatus;
}

/** The library that produced a group of spans. */
export interface OtlpInstrumentationScope {
  name?: string;
  version?: string;
  attributes?: OtlpKeyValue[];
  droppedAttributesCount?: number;
}

/** The spans of one instrumentation scope. */
export interface OtlpScopeSpans {
  scope?: OtlpInstrumentationScope;
  spans?: OtlpSpan[];
  schemaUrl?: string;
}

/** The spans of one resource (service, process, host). */
export interface OtlpResourceSpans {
  resource?: { attributes?: OtlpKeyValue[]; droppedAttributesCount?: number };
  scopeSpans?: OtlpScopeSpans[];
  schemaUrl?: string;
}

/** An OTLP `ExportTraceServiceRequest` in its JSON shape, which the protobuf decoder also produces. */
export interface OtlpTraceRequest {
  resourceSpans?: OtlpResourceSpans[];
}
