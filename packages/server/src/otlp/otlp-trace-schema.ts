import { Root, type Type } from 'protobufjs/light.js';

const repeated = (type: string, id: number) => ({ rule: 'repeated', type, id });
const single = (type: string, id: number) => ({ type, id });

/**
 * The subset of `opentelemetry/proto/collector/trace/v1` and its imports that trace ingest reads,
 * as a protobufjs JSON descriptor. Enums are read as plain integers.
 */
const otlpTraceDescriptor = {
  nested: {
    ExportTraceServiceRequest: { fields: { resourceSpans: repeated('ResourceSpans', 1) } },
    ResourceSpans: {
      fields: { resource: single('Resource', 1), scopeSpans: repeated('ScopeSpans', 2), schemaUrl: single('string', 3) },
    },
    Resource: { fields: { attributes: repeated('KeyValue', 1), droppedAttributesCount: single('uint32', 2) } },
    ScopeSpans: {
      fields: { scope: single('InstrumentationScope', 1), spans: repeated('Span', 2), schemaUrl: single('string', 3) },
    },
    InstrumentationScope: {
      fields: {
        name: single('string', 1),
        version: single('string', 2),
        attributes: repeated('KeyValue', 3),
        droppedAttributesCount: single('uint32', 4),
      },
    },
    Span: {
      fields: {
        traceId: single('bytes', 1),
        spanId: single('bytes', 2),
        traceState: single('string', 3),
        parentSpanId: single('bytes', 4),
        flags: single('fixed32', 16),
        name: single('string', 5),
        kind: single('int32', 6),
        startTimeUnixNano: single('fixed64', 7),
        endTimeUnixNano: single('fixed64', 8),
        attributes: repeated('KeyValue', 9),
        droppedAttributesCount: single('uint32', 10),
        events: repeated('Event', 11),
        droppedEventsCount: single('uint32', 12),
        links: repeated('Link', 13),
        droppedLinksCount: single('uint32', 14),
        status: single('Status', 15),
      },
    },
    Event: {
      fields: {
        timeUnixNano: single('fixed64', 1),
        name: single('string', 2),
        attributes: repeated('KeyValue', 3),
        droppedAttributesCount: single('uint32', 4),
      },
    },
    Link: {
      fields: {
        traceId: single('bytes', 1),
        spanId: single('bytes', 2),
        traceState: single('string', 3),
        attributes: repeated('KeyValue', 4),
        droppedAttributesCount: single('uint32', 5),
        flags: single('fixed32', 6),
      },
    },
    Status: { fields: { message: single('string', 2), code: single('int32', 3) } },
    KeyValue: { fields: { key: single('string', 1), value: single('AnyValue', 2) } },
    // The fields of AnyValue form a oneof; they are declared as plain fields because protobufjs's
    // oneof bookkeeping deletes properties on every decoded value and makes decoding much slower.
    AnyValue: {
      fields: {
        stringValue: single('string', 1),
        boolValue: single('bool', 2),
        intValue: single('int64', 3),
        doubleValue: single('double', 4),
        arrayValue: single('ArrayValue', 5),
        kvlistValue: single('KeyValueList', 6),
        bytesValue: single('bytes', 7),
      },
    },
    ArrayValue: { fields: { values: repeated('AnyValue', 1) } },
    KeyValueList: { fields: { values: repeated('KeyValue', 1) } },
  },
};

// Every type is read under proto2 rules: fields have explicit presence (a zero or an empty string
// that was sent still counts as set, which AnyValue needs without its oneof) and strings are not
// re-validated as UTF-8 in JavaScript (invalid bytes become U+FFFD), which is faster.
for (const type of Object.values(otlpTraceDescriptor.nested)) (type as { edition?: string }).edition = 'proto2';

/** The protobuf type of an OTLP trace export request. */
export const exportTraceServiceRequestType: Type = Root.fromJSON(otlpTraceDescriptor).lookupType('ExportTraceServiceRequest');
