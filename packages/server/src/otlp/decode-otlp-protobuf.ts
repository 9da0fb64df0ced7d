import { exactInt64Reader, type Int64Bits } from './exact-int64-reader.js';
import { OtlpDecodeError } from './otlp-errors.js';
import { exportTraceServiceRequestType } from './otlp-trace-schema.js';
import type {
  OtlpAnyValue,
  OtlpEvent,
  OtlpKeyValue,
  OtlpLink,
  OtlpResourceSpans,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpTraceRequest,
} from './otlp-types.js';

/** A decoded protobufjs message: fields set on the wire are own properties, defaults sit on the prototype. */
type Decoded = Record<string, unknown>;

const has = (message: Decoded, field: string): boolean => Object.prototype.hasOwnProperty.call(message, field);
const list = (message: Decoded, field: string): Decoded[] => (has(message, field) ? (message[field] as Decoded[]) : []);
/** Decimal text of a 64-bit integer read by the exact reader. */
function int64Text(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const long = value as Int64Bits;
  if (long.high === 0) return String(long.low >>> 0);
  const bits = (BigInt(long.high >>> 0) << 32n) | BigInt(long.low >>> 0);
  return (long.unsigned ? bits : BigInt.asIntN(64, bits)).toString();
}
const bytesOf = (value: unknown): Buffer => {
  const bytes = value as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

function convertAnyValue(message: Decoded): OtlpAnyValue {
  if (has(message, 'stringValue')) return { stringValue: message.stringValue as string };
  if (has(message, 'intValue')) return { intValue: int64Text(message.intValue) };
  if (has(message, 'doubleValue')) return { doubleValue: message.doubleValue as number };
  if (has(message, 'boolValue')) return { boolValue: message.boolValue as boolean };
  if (has(message, 'arrayValue')) return { arrayValue: { values: list(message.arrayValue as Decoded, 'values').map(convertAnyValue) } };
  if (has(message, 'kvlistValue')) return { kvlistValue: { values: convertKeyValues(list(message.kvlistValue as Decoded, 'values')) } };
  if (has(message, 'bytesValue')) return { bytesValue: bytesOf(message.bytesValue).toString('base64') };
  return {};
}

function convertKeyValues(messages: Decoded[]): OtlpKeyValue[] {
  const keyValues: OtlpKeyValue[] = new Array<OtlpKeyValue>(messages.length);
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index] as Decoded;
    const keyValue: OtlpKeyValue = { key: message.key as string };
    if (has(message, 'value')) keyValue.value = convertAnyValue(message.value as Decoded);
    keyValues[index] = keyValue;
  }
  return keyValues;
}

function convertEvent(message: Decoded): OtlpEvent {
  const event: OtlpEvent = { name: message.name as string, attributes: convertKeyValues(list(message, 'attributes')) };
  if (has(message, 'timeUnixNano')) event.timeUnixNano = int64Text(message.timeUnixNano);
  if (has(message, 'droppedAttributesCount')) event.droppedAttributesCount = message.droppedAttributesCount as number;
  return event;
}

function convertLink(message: Decoded): OtlpLink {
  const link: OtlpLink = {
    traceId: bytesOf(message.traceId).toString('hex'),
    spanId: bytesOf(message.spanId).toString('hex'),
    attributes: convertKeyValues(list(message, 'attributes')),
  };
  if (has(message, 'traceState')) link.traceState = message.traceState as string;
  if (has(message, 'droppedAttributesCount')) link.droppedAttributesCount = message.droppedAttributesCount as number;
  if (has(message, 'flags')) link.flags = message.flags as number;
  return link;
}

const optionalSpanFields = ['traceState', 'flags', 'kind', 'droppedAttributesCount', 'droppedEventsCount', 'droppedLinksCount'] as const;

function convertSpan(message: Decoded): OtlpSpan {
  const span: OtlpSpan = {
    traceId: bytesOf(message.traceId).toString('hex'),
    spanId: bytesOf(message.spanId).toString('hex'),
    name: message.name as string,
    attributes: convertKeyValues(list(message, 'attributes')),
  };
  if (has(message, 'parentSpanId')) span.parentSpanId = bytesOf(message.parentSpanId).toString('hex');
  if (has(message, 'startTimeUnixNano')) span.startTimeUnixNano = int64Text(message.startTimeUnixNano);
  if (has(message, 'endTimeUnixNano')) span.endTimeUnixNano = int64Text(message.endTimeUnixNano);
  for (const field of optionalSpanFields) {
    if (has(message, field)) (span as Record<string, unknown>)[field] = message[field];
  }
  const events = list(message, 'events');
  if (events.length > 0) span.events = events.map(convertEvent);
  const links = list(message, 'links');
  if (links.length > 0) span.links = links.map(convertLink);
  if (has(message, 'status')) {
    const status = message.status as Decoded;
    span.status = { code: status.code as number };
    if (has(status, 'message')) span.status.message = status.message as string;
  }
  return span;
}

function convertScopeSpans(message: Decoded): OtlpScopeSpans {
  const scopeSpans: OtlpScopeSpans = { spans: list(message, 'spans').map(convertSpan) };
  if (has(message, 'scope')) {
    const scope = message.scope as Decoded;
    scopeSpans.scope = { name: scope.name as string, attributes: convertKeyValues(list(scope, 'attributes')) };
    if (has(scope, 'version')) scopeSpans.scope.version = scope.version as string;
  }
  if (has(message, 'schemaUrl')) scopeSpans.schemaUrl = message.schemaUrl as string;
  return scopeSpans;
}

function convertResourceSpans(message: Decoded): OtlpResourceSpans {
  const resourceSpans: OtlpResourceSpans = { scopeSpans: list(message, 'scopeSpans').map(convertScopeSpans) };
  if (has(message, 'resource')) {
    resourceSpans.resource = { attributes: convertKeyValues(list(message.resource as Decoded, 'attributes')) };
  }
  if (has(message, 'schemaUrl')) resourceSpans.schemaUrl = message.schemaUrl as string;
  return resourceSpans;
}

/** Decodes an OTLP `ExportTraceServiceRequest` protobuf into the shape of its OTLP/JSON encoding. */
export function decodeOtlpProtobuf(body: Uint8Array): OtlpTraceRequest {
  let message: Decoded;
  try {
    message = exportTraceServiceRequestType.decode(exactInt64Reader(body)) as unknown as Decoded;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OtlpDecodeError(`body is not an OTLP ExportTraceServiceRequest protobuf: ${reason}`);
  }
  return { resourceSpans: list(message, 'resourceSpans').map(convertResourceSpans) };
}
