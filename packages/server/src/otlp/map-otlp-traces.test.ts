import { spanInputSchema, type SpanInputBody } from '@genchi/spec';
import { describe, expect, it } from 'vitest';
import { buildOtlpRequest, type SpanSketch } from './build-otlp-request.js';
import { mapOtlpTraces, OtlpShapeError, type OtlpMapResult } from './index.js';

/** Maps sketches and checks that every body passes the span schema. */
function mapped(spans: SpanSketch[], options: Parameters<typeof mapOtlpTraces>[1] = {}): OtlpMapResult {
  const result = mapOtlpTraces(buildOtlpRequest(spans), options);
  for (const body of result.spans) expect(spanInputSchema.safeParse(body).error).toBeUndefined();
  return result;
}
const one = (sketch: SpanSketch, options?: Parameters<typeof mapOtlpTraces>[1]): SpanInputBody => {
  const result = mapped([sketch], options);
  expect(result.rejected).toEqual([]);
  return result.spans[0] as SpanInputBody;
};

describe('mapOtlpTraces: span basics', () => {
  it('maps ids, name, times (with sub-millisecond fractions), status and kind', () => {
    const body = one({ name: 'work', parentSpanId: 'aaaaaaaaaaaaaaaa', startTimeUnixNano: '1767261600000123456', endTimeUnixNano: 1767261601250000000 });
    expect(body).toMatchObject({
      id: '0000000000000001',
      traceId: '5b8efff798038103d269b633813fc60c',
      parentId: 'aaaaaaaaaaaaaaaa',
      name: 'work',
      kind: 'span',
      status: 'ok',
      startTime: 1767261600000.1235,
      endTime: 1767261601250,
    });
    expect(body.attributes).toEqual({ 'resource.service.name': 'test-service', 'otel.scope.name': 'test-scope', 'otel.scope.version': '1.0.0' });
    expect(body).not.toHaveProperty('raw');
  });

  it('treats an empty parent id as none, and accepts upper-case hex and base64 ids', () => {
    const body = one({ parentSpanId: '', traceId: '5B8EFFF798038103D269B633813FC60C', spanId: Buffer.from('0102030405060708', 'hex').toString('base64') });
    expect(body).toMatchObject({ traceId: '5b8efff798038103d269b633813fc60c', id: '0102030405060708' });
    expect(body).not.toHaveProperty('parentId');
  });

  it('leaves out times that are zero or absent', () => {
    const request = buildOtlpRequest([{ startTimeUnixNano: '0' }]);
    const span = request.resourceSpans?.[0]?.scopeSpans?.[0]?.spans?.[0];
    if (span !== undefined) delete span.endTimeUnixNano;
    const body = mapOtlpTraces(request).spans[0];
    expect(body).not.toHaveProperty('startTime');
    expect(body).not.toHaveProperty('endTime');
  });

  it('takes the error from the status message, the exception event, or error.type', () => {
    const failed = one({
      status: { code: 2 },
      attributes: { 'error.type': 'TimeoutError' },
      events: [{ name: 'exception', attributes: { 'exception.type': 'TimeoutError', 'exception.message': 'upstream timed out' } }],
    });
    expect(failed).toMatchObject({ status: 'error', error: { type: 'TimeoutError', message: 'upstream timed out' } });
    expect(failed).not.toHaveProperty('raw');
    expect(failed.attributes).not.toHaveProperty('error.type');

    const withStack = one({
      status: { code: 2, message: 'boom' },
      events: [{ name: 'exception', attributes: { 'exception.message': 'boom', 'exception.stacktrace': 'at x' } }],
    });
    expect(withStack).toMatchObject({ status: 'error', error: { message: 'boom' } });
    expect(withStack.raw).toMatchObject({ events: [{ name: 'exception', attributes: { 'exception.stacktrace': 'at x' } }] });

    expect(one({ status: { code: 2 } })).toMatchObject({ status: 'error', error: { message: 'span status is ERROR' } });
    expect(one({ status: { code: 1, message: 'fine' } })).toMatchObject({ status: 'ok' });
    expect(one({ status: { code: 'STATUS_CODE_ERROR' as unknown as number, message: 'named' } })).toMatchObject({ status: 'error', error: { message: 'named' } });
  });

  it('keeps exception events of spans that did not fail, other events and links in raw', () => {
    const body = one({
      events: [{ name: 'exception', timeUnixNano: '1767261600500000000', attributes: { 'exception.message': 'retried' } }, { name: 'cache.miss' }],
      links: [{ traceId: 'ffffffffffffffffffffffffffffffff', spanId: 'eeeeeeeeeeeeeeee', attributes: [{ key: 'kind', value: { stringValue: 'follows' } }] }],
      droppedAttributesCount: 3,
    });
    expect(body.raw).toEqual({
      events: [{ name: 'exception', time: 1767261600500, attributes: { 'exception.message': 'retried' } }, { name: 'cache.miss' }],
      links: [{ traceId: 'ffffffffffffffffffffffffffffffff', spanId: 'eeeeeeeeeeeeeeee', attributes: { kind: 'follows' } }],
      droppedAttributesCount: 3,
    });
  });

  it('keeps unknown attributes: scalars, arrays, flattened key-value lists, bytes, big integers', () => {
    const body = one({
      attributes: {
        'app.count': 3,
        'app.ratio': 0.5,
        'app.flag': false,
        'app.empty': '',
        'app.list': ['a', 'b'],
        'app.nested': { inner: { deep: 1 }, list: [{ x: 1 }] },
        'app.bytes': new Uint8Array([1, 2, 3]),
      },
    });
    expect(body.attributes).toMatchObject({
      'app.count': 3,
      'app.ratio': 0.5,
      'app.flag': false,
      'app.empty': '',
      'app.list': ['a', 'b'],
      'app.nested.inner.deep': 1,
      'app.nested.list': [{ x: 1 }],
      'app.bytes': 'AQID',
    });
    const request = buildOtlpRequest([{}]);
    const span = request.resourceSpans?.[0]?.scopeSpans?.[0]?.spans?.[0];
    span?.attributes?.push({ key: 'big', value: { intValue: '9007199254740993' } }, { key: 'num', value: { intValue: 42 } }, { key: 'unset', value: {} }, { key: 'nan', value: { doubleValue: 'NaN' as unknown as number } }, { key: 'text', value: { doubleValue: '2.5' as unknown as number } });
    expect(mapOtlpTraces(request).spans[0]?.attributes).toMatchObject({ big: '9007199254740993', num: 42, unset: null, nan: 'NaN', text: 2.5 });
  });

  it('fills task and environment from the options only when the span names none', () => {
    expect(one({}, { defaultTask: 'from-header', defaultEnvironment: 'staging' })).toMatchObject({ task: 'from-header', environment: 'staging' });
    const named = one({ attributes: { 'genchi.task': 'own-task', 'genchi.environment': 'dev' } }, { defaultTask: 'from-header', defaultEnvironment: 'staging' });
    expect(named).toMatchObject({ task: 'own-task', environment: 'dev' });
    expect(one({}, { defaultEnvironment: 'not valid!' })).not.toHaveProperty('environment');
  });

  it('reads genchi and general attributes, and the resource deployment environment', () => {
    const result = mapOtlpTraces(
      buildOtlpRequest(
        [{ attributes: { 'genchi.tags': ['a', 'b', 'a'], 'genchi.prompt.id': 'categorize', 'genchi.prompt.version': 4, 'enduser.id': 'u-9', 'session.id': 's-1' } }],
        { 'service.name': 'shop', 'deployment.environment': 'staging' },
      ),
    );
    expect(result.spans[0]).toMatchObject({ tags: ['a', 'b'], promptId: 'categorize', promptVersion: '4', userId: 'u-9', sessionId: 's-1', environment: 'staging' });
    expect(result.spans[0]?.attributes).toEqual({ 'resource.service.name': 'shop', 'otel.scope.name': 'test-scope', 'otel.scope.version': '1.0.0' });
  });

  it('keeps an attribute whose value does not fit its column', () => {
    const body = one({ attributes: { 'genchi.environment': 'not valid!', 'user.id': 'x'.repeat(300) } });
    expect(body).not.toHaveProperty('environment');
    expect(body).not.toHaveProperty('userId');
    expect(body.attributes).toMatchObject({ 'genchi.environment': 'not valid!', 'user.id': 'x'.repeat(300) });
  });
});

describe('mapOtlpTraces: malformed requests', () => {
  it('throws OtlpShapeError for a request that is not an object or whose resourceSpans is not an array', () => {
    expect(() => mapOtlpTraces('nope')).toThrow(OtlpShapeError);
    expect(() => mapOtlpTraces(null)).toThrow('(root): expected an OTLP ExportTraceServiceRequest object');
    expect(() => mapOtlpTraces({ resourceSpans: {} })).toThrow('resourceSpans: expected an array');
    try {
      mapOtlpTraces({ resourceSpans: 3 });
    } catch (error) {
      expect(error).toBeInstanceOf(OtlpShapeError);
      expect((error as OtlpShapeError).path).toBe('resourceSpans');
    }
  });

  it('accepts an empty request', () => {
    expect(mapOtlpTraces({})).toEqual({ spans: [], rejected: [] });
    expect(mapOtlpTraces({ resourceSpans: [] })).toEqual({ spans: [], rejected: [] });
  });

  it('rejects one bad span with its path and maps the others', () => {
    const request = buildOtlpRequest([{ name: 'good' }, { startTimeUnixNano: 'yesterday' }, { name: 'also good' }]);
    const result = mapOtlpTraces(request);
    expect(result.spans.map((span) => span.name)).toEqual(['good', 'also good']);
    expect(result.rejected).toEqual([{ path: 'resourceSpans[0].scopeSpans[0].spans[1].startTimeUnixNano', message: 'expected nanoseconds as a string or number' }]);
  });

  it.each([
    ['a span that is not an object', 42, 'resourceSpans[0].scopeSpans[0].spans[0]', 'expected a span object'],
    ['a missing span id', { traceId: '5b8efff798038103d269b633813fc60c' }, 'resourceSpans[0].scopeSpans[0].spans[0].spanId', 'required: 16 hex characters'],
    ['a short trace id', { traceId: 'abc', spanId: '0000000000000001' }, 'resourceSpans[0].scopeSpans[0].spans[0].traceId', 'expected 32 hex characters (or base64 of 16 bytes)'],
    ['a number id', { traceId: 5, spanId: '0000000000000001' }, 'resourceSpans[0].scopeSpans[0].spans[0].traceId', 'expected 32 hex characters'],
    [
      'attributes that are not an array',
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: '0000000000000001', attributes: {} },
      'resourceSpans[0].scopeSpans[0].spans[0].attributes',
      'expected an array of KeyValue',
    ],
    [
      'a key that is not a string',
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: '0000000000000001', attributes: [{ key: 1, value: { stringValue: 'x' } }] },
      'resourceSpans[0].scopeSpans[0].spans[0].attributes[0].key',
      'expected a string',
    ],
    [
      'an intValue that is not an integer',
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: '0000000000000001', attributes: [{ key: 'n', value: { intValue: '1.5' } }] },
      'resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.intValue',
      'expected an integer as a string or number',
    ],
    [
      'a bad value deep in a key-value list',
      {
        traceId: '5b8efff798038103d269b633813fc60c',
        spanId: '0000000000000001',
        attributes: [{ key: 'k', value: { kvlistValue: { values: [{ key: 'a', value: { arrayValue: { values: [{ boolValue: 'yes' }] } } }] } } }],
      },
      'resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.kvlistValue.values[0].value.arrayValue.values[0].boolValue',
      'expected a boolean',
    ],
    [
      'an event without attributes array',
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: '0000000000000001', events: [{ name: 'e', attributes: 'x' }] },
      'resourceSpans[0].scopeSpans[0].spans[0].events[0].attributes',
      'expected an array of KeyValue',
    ],
    [
      'a status code of the wrong type',
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: '0000000000000001', status: { code: true } },
      'resourceSpans[0].scopeSpans[0].spans[0].status.code',
      'expected a status code number',
    ],
    [
      'a negative time',
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: '0000000000000001', endTimeUnixNano: -5 },
      'resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano',
      'expected nanoseconds as a string or number',
    ],
  ])('rejects %s', (_label, span, path, message) => {
    const result = mapOtlpTraces({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] });
    expect(result).toEqual({ spans: [], rejected: [{ path, message }] });
  });

  it('rejects a whole resource or scope whose shared parts are malformed', () => {
    const result = mapOtlpTraces({
      resourceSpans: [
        { resource: { attributes: [{ key: 'a', value: 7 }] }, scopeSpans: [{ spans: [{}] }] },
        { scopeSpans: [{ spans: 'none' }, 'scope'] },
        'resource',
      ],
    });
    expect(result.spans).toEqual([]);
    expect(result.rejected).toEqual([
      { path: 'resourceSpans[0].resource.attributes[0].value', message: 'expected an AnyValue object' },
      { path: 'resourceSpans[1].scopeSpans[0].spans', message: 'expected an array' },
      { path: 'resourceSpans[1].scopeSpans[1]', message: 'expected a ScopeSpans object' },
      { path: 'resourceSpans[2]', message: 'expected a ResourceSpans object' },
    ]);
  });
});
