export { decodeOtlpProtobuf } from './decode-otlp-protobuf.js';
export { mapOtlpTraces, type OtlpMapResult } from './map-otlp-traces.js';
export type { OtlpMapOptions } from './map-span.js';
export { OtlpDecodeError, OtlpShapeError } from './otlp-errors.js';
export type * from './otlp-types.js';
export { buildOtlpRequest, toAnyValue, toKeyValues, type SpanSketch } from './build-otlp-request.js';
