import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimLlm } from './start-sim-llm.js';
import type { SimLlm } from './types.js';

let sim: SimLlm;
let client: OpenAI;

beforeAll(async () => {
  sim = await startSimLlm();
  client = new OpenAI({ baseURL: sim.url, apiKey: 'sk-sim', maxRetries: 0 });
});
afterAll(() => sim.close());

function norm(vector: readonly number[]): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

describe('embeddings', () => {
  it('answers unit vectors of 256 dimensions through the default base64 path', async () => {
    const result = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['alpha', 'beta'] });
    expect(sim.requests.at(-1)?.body).toMatchObject({ encoding_format: 'base64' });
    expect(result.object).toBe('list');
    expect(result.model).toBe('text-embedding-3-small-sim-2025-01-01');
    expect(result.data.map((item) => item.index)).toEqual([0, 1]);
    for (const item of result.data) {
      expect(item.embedding).toHaveLength(256);
      expect(norm(item.embedding)).toBeCloseTo(1, 5);
    }
    expect(result.data[0]?.embedding).not.toEqual(result.data[1]?.embedding);
    expect(result.usage.prompt_tokens).toBe(3); // ceil(5 / 4) + ceil(4 / 4)
    expect(result.usage.total_tokens).toBe(3);
  });

  it('gives the same vector for the same input, as floats or base64', async () => {
    const floats = await client.embeddings.create({ model: 'sim-embedding', input: 'same text', encoding_format: 'float', dimensions: 64 });
    const again = await client.embeddings.create({ model: 'sim-embedding', input: 'same text', dimensions: 64 });
    const first = floats.data[0]?.embedding ?? [];
    expect(first).toHaveLength(64);
    expect(norm(first)).toBeCloseTo(1, 5);
    expect(Array.from(again.data[0]?.embedding ?? [])).toEqual(first);
  });

  it('rejects a request without input', async () => {
    const response = await fetch(`${sim.url}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim-embedding' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: "Missing required parameter: 'input'.", type: 'invalid_request_error', param: 'input', code: 'missing_required_parameter' },
    });
  });
});
