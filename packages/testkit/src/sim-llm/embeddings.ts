import { requireModel } from './conversation.js';
import { faultByName } from './faults.js';
import { invalidRequest, sendJson } from './http-io.js';
import { waitBeforeAnswer } from './paced-writer.js';
import { resolvePace } from './reply-plan.js';
import { readDirectives } from './request-directives.js';
import type { Exchange } from './sim-context.js';
import { countTokens } from './tokens.js';

/** Answers `POST /v1/embeddings` with deterministic unit vectors derived from a hash of each input. */
export async function embeddings(exchange: Exchange): Promise<void> {
  const { req, res, body, context } = exchange;
  const model = requireModel(body);
  const inputs = readInputs(body['input']);
  const dimensions = readDimensions(body['dimensions'], context.embeddingDimensions);
  const base64 = body['encoding_format'] === 'base64';
  const directives = readDirectives(req.headers);
  const faultName = directives.reply?.fault ?? context.faults.draw();
  const fault = directives.fault ?? (faultName === undefined ? undefined : faultByName(faultName));
  if (fault?.intercept?.(res, false)) return;
  const pace = resolvePace(context.latency, directives.reply?.latency, directives.latency, fault);
  if (!(await waitBeforeAnswer(res, pace.firstTokenMs, context.sleeper))) return;
  let promptTokens = 0;
  const data = inputs.map((input, index) => {
    promptTokens += countTokens(input);
    const vector = embeddingVector(input, dimensions);
    const embedding = base64 ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  sendJson(res, 200, {
    object: 'list',
    data,
    model: context.models.resolve(model),
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
}

/** A deterministic unit-length vector for a text: the same text always gives the same vector. */
export function embeddingVector(text: string, dimensions: number): Float32Array {
  let state = fnv1a(text);
  const values = new Float64Array(dimensions);
  let squares = 0;
  for (let index = 0; index < dimensions; index += 1) {
    // mulberry32 steps seeded by the text's hash.
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    const value = ((mixed ^ (mixed >>> 14)) >>> 0) / 2_147_483_648 - 1;
    values[index] = value;
    squares += value * value;
  }
  const norm = Math.sqrt(squares) || 1;
  const vector = new Float32Array(dimensions);
  for (let index = 0; index < dimensions; index += 1) vector[index] = (values[index] ?? 0) / norm;
  return vector;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function readInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) {
    throw invalidRequest("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
  }
  // Token arrays (number[] or number[][]) are hashed through their JSON text.
  if (input.every((item) => typeof item === 'number')) return [JSON.stringify(input)];
  return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

function readDimensions(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 16_384) {
    throw invalidRequest('dimensions must be an integer between 1 and 16384.', 'dimensions', 'invalid_value');
  }
  return value;
}
