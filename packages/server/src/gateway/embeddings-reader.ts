import { usageFromOpenAi } from '@genchi/spec';
import { boundedText, errorOf, parseJson, recordOf, type ExchangeReading } from './exchange-reading.js';

/** Reads what the upstream answered to `POST /embeddings`: how many vectors of what length, never the vectors. */
export function readEmbeddings(text: string, _streamed: boolean, status: number): ExchangeReading {
  const body = recordOf(parseJson(text));
  if (status >= 400) return { error: errorOf(body, `upstream answered ${status}: ${text.slice(0, 500)}`) };
  if (body === undefined) return { error: { type: 'malformed_response', message: 'upstream answered with a body that is not a JSON object' } };
  const data = Array.isArray(body.data) ? body.data : [];
  const first = recordOf(data[0])?.embedding;
  const dimensions = Array.isArray(first) ? first.length : typeof first === 'string' ? Buffer.from(first, 'base64').length / 4 : null;
  const usage = usageFromOpenAi(body.usage);
  return {
    resolvedModel: boundedText(body.model),
    output: { embeddings: data.length, dimensions },
    usage: usage ? { ...usage, outputTokens: 0 } : undefined,
  };
}
