import { describe, expect, it } from 'vitest';
import { buildOtlpRequest } from './build-otlp-request.js';
import { decodeOtlpProtobuf, mapOtlpTraces, OtlpDecodeError, type OtlpAnyValue, type OtlpKeyValue, type OtlpTraceRequest } from './index.js';
import { exportTraceServiceRequestType } from './otlp-trace-schema.js';

const bytes = (hex: string | undefined): Buffer | undefined => (hex === undefined ? undefined : Buffer.from(hex, 'hex'));

/** A 64-bit integer text as the `{ low, high }` halves protobufjs writes exactly (it cannot always load `long`). */
function bits(text: string | number | undefined): { low: number; high: number } | undefined {
  if (text === undefined) return undefined;
  const value = BigInt.asUintN(64, BigInt(text));
  return { low: Number(value & 0xffffffffn) | 0, high: Number(value >> 32n) | 0 };
}

function encodeValue(value: OtlpAnyValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (value.intValue !== undefined) return { intValue: bits(value.intValue) };
  if (value.bytesValue !== undefined) return { bytesValue: Buffer.from(value.bytesValue, 'base64') };
  if (value.arrayValue !== undefined) return { arrayValue: { values: value.arrayValue.values?.map(encodeValue) } };
  if (value.kvlistValue !== undefined) return { kvlistValue: { values: encodeKeyValues(value.kvlistValue.values) } };
  return value;
}
const encodeKeyValues = (keyValues: OtlpKeyValue[] | undefined) => keyValues?.map((keyValue) => ({ key: keyValue.key, value: encodeValue(keyValue.value) }));

/** Encodes an OTLP request of the JSON shape as protobuf, from plain objects (ids as bytes, 64-bit integers as halves). */
function encode(request: OtlpTraceRequest): Uint8Array {
  const message = {
    resourceSpans: request.resourceSpans?.map((resourceSpans) => ({
      resource: { attributes: encodeKeyValues(resourceSpans.resource?.attributes) },
      scopeSpans: resourceSpans.scopeSpans?.map((scopeSpans) => ({
        scope: scopeSpans.scope,
        spans: scopeSpans.spans?.map((span) => ({
          ...span,
          traceId: bytes(span.traceId),
          spanId: bytes(span.spanId),
          parentSpanId: bytes(span.parentSpanId),
          startTimeUnixNano: bits(span.startTimeUnixNano),
          endTimeUnixNano: bits(span.endTimeUnixNano),
          attributes: encodeKeyValues(span.attributes),
          events: span.events?.map((event) => ({ ...event, timeUnixNano: bits(event.timeUnixNano), attributes: encodeKeyValues(event.attributes) })),
          links: span.links?.map((link) => ({ ...link, traceId: bytes(link.traceId), spanId: bytes(link.spanId) })),
        })),
      })),
    })),
  };
  return exportTraceServiceRequestType.encode(message).finish();
}

const request = buildOtlpRequest([
  {
    name: 'chat gpt-4o-mini',
    parentSpanId: '00f067aa0ba902b7',
    startTimeUnixNano: '1767261600000123456',
    kind: 3,
    status: { code: 2, message: 'boom' },
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.usage.input_tokens': 0,
      'gen_ai.request.temperature': 0.7,
      'app.flag': false,
      'app.empty': '',
      'app.big': 9007199254740993n.toString(),
      'app.list': ['a', 1, { b: true }],
      'app.map': { inner: { deep: 'x' } },
      'app.bytes': new Uint8Array([0, 255]),
    },
    events: [{ name: 'exception', timeUnixNano: '1767261600500000000', attributes: { 'exception.message': 'boom', 'exception.stacktrace': 'at x' } }],
    links: [{ traceId: 'ffffffffffffffffffffffffffffffff', spanId: 'eeeeeeeeeeeeeeee', traceState: 'k=v' }],
  },
]);

describe('decodeOtlpProtobuf', () => {
  it('decodes into the OTLP/JSON shape: hex ids, nanosecond texts, AnyValue objects', () => {
    const decoded = decodeOtlpProtobuf(encode(request));
    const span = decoded.resourceSpans?.[0]?.scopeSpans?.[0]?.spans?.[0];
    expect(decoded.resourceSpans?.[0]?.resource?.attributes).toEqual([{ key: 'service.name', value: { stringValue: 'test-service' } }]);
    expect(decoded.resourceSpans?.[0]?.scopeSpans?.[0]?.scope).toEqual({ name: 'test-scope', version: '1.0.0', attributes: [] });
    expect(span).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: '0000000000000001',
      parentSpanId: '00f067aa0ba902b7',
      name: 'chat gpt-4o-mini',
      kind: 3,
      startTimeUnixNano: '1767261600000123456',
      endTimeUnixNano: '1767261601250000000',
      status: { code: 2, message: 'boom' },
      links: [{ traceId: 'ffffffffffffffffffffffffffffffff', spanId: 'eeeeeeeeeeeeeeee', traceState: 'k=v', attributes: [] }],
    });
    const values = Object.fromEntries((span?.attributes ?? []).map((keyValue) => [keyValue.key, keyValue.value]));
    expect(values).toEqual({
      'gen_ai.operation.name': { stringValue: 'chat' },
      'gen_ai.usage.input_tokens': { intValue: '0' },
      'gen_ai.request.temperature': { doubleValue: 0.7 },
      'app.flag': { boolValue: false },
      'app.empty': { stringValue: '' },
      'app.big': { stringValue: '9007199254740993' },
      'app.list': { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, { kvlistValue: { values: [{ key: 'b', value: { boolValue: true } }] } }] } },
      'app.map': { kvlistValue: { values: [{ key: 'inner', value: { kvlistValue: { values: [{ key: 'deep', value: { stringValue: 'x' } }] } } }] } },
      'app.bytes': { bytesValue: 'AP8=' },
    });
  });

  it('gives what the JSON form maps to', () => {
    expect(mapOtlpTraces(decodeOtlpProtobuf(encode(request)))).toEqual(mapOtlpTraces(request));
  });

  it('keeps negative and 64-bit integers exact', () => {
    const big = buildOtlpRequest([{ attributes: {} }]);
    big.resourceSpans?.[0]?.scopeSpans?.[0]?.spans?.[0]?.attributes?.push(
      { key: 'negative', value: { intValue: '-42' } },
      { key: 'huge', value: { intValue: '-9223372036854775808' } },
      { key: 'wide', value: { intValue: '9007199254740993' } },
    );
    const values = decodeOtlpProtobuf(encode(big)).resourceSpans?.[0]?.scopeSpans?.[0]?.spans?.[0]?.attributes?.map((keyValue) => keyValue.value);
    expect(values).toEqual([{ intValue: '-42' }, { intValue: '-9223372036854775808' }, { intValue: '9007199254740993' }]);
  });

  it('decodes an empty body as an empty request', () => {
    expect(decodeOtlpProtobuf(new Uint8Array(0))).toEqual({ resourceSpans: [] });
  });

  it.each([
    ['text', Buffer.from('not a protobuf at all')],
    ['JSON', Buffer.from(JSON.stringify(request))],
    ['a truncated message', encode(request).subarray(0, 40)],
  ])('throws OtlpDecodeError for %s', (_label, body) => {
    expect(() => decodeOtlpProtobuf(body)).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpProtobuf(body)).toThrow(/^body is not an OTLP ExportTraceServiceRequest protobuf: /);
  });
});
