import { isDeepStrictEqual } from 'node:util';
import { spanInputSchema, type SpanInput } from '@genchi/spec';
import { buildOtlpRequest, type SpanSketch } from './build-otlp-request.js';
import { mapOtlpTraces } from './map-otlp-traces.js';

/**
 * Maps one sketched span as `POST /v1/traces` would and returns its span body; throws, naming the
 * reason, when the span is refused or is not exactly what the span schema accepts (OTLP spans are
 * written without a second validation; the convention tests' helper).
 */
export function mapOneSketch(sketch: SpanSketch): SpanInput {
  const result = mapOtlpTraces(buildOtlpRequest([sketch]));
  if (result.rejected.length > 0) throw new Error(`the span was refused: ${JSON.stringify(result.rejected)}`);
  const body = result.spans[0] as SpanInput;
  const parsed = spanInputSchema.safeParse(body);
  if (parsed.error) throw new Error(`the mapped body is not a valid span: ${parsed.error.message}`);
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(parsed.data)), JSON.parse(JSON.stringify(body)))) {
    throw new Error(`the span schema changes the mapped body: ${JSON.stringify(body)}`);
  }
  return body;
}
