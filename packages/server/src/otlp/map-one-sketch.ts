import { spanInputSchema, type SpanInputBody } from '@genchi/spec';
import { buildOtlpRequest, type SpanSketch } from './build-otlp-request.js';
import { mapOtlpTraces } from './map-otlp-traces.js';

/**
 * Maps one sketched span as `POST /v1/traces` would and returns its span body; throws, naming the
 * reason, when the span is refused or its body is not a valid span (the convention tests' helper).
 */
export function mapOneSketch(sketch: SpanSketch): SpanInputBody {
  const result = mapOtlpTraces(buildOtlpRequest([sketch]));
  if (result.rejected.length > 0) throw new Error(`the span was refused: ${JSON.stringify(result.rejected)}`);
  const body = result.spans[0] as SpanInputBody;
  const parsed = spanInputSchema.safeParse(body);
  if (parsed.error) throw new Error(`the mapped body is not a valid span: ${parsed.error.message}`);
  return body;
}
