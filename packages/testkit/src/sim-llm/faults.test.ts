import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimLlm } from './start-sim-llm.js';
import type { SimFault, SimLlm } from './types.js';

let sim: SimLlm;
let client: OpenAI;

beforeAll(async () => {
  sim = await startSimLlm();
  client = new OpenAI({ baseURL: sim.url, apiKey: 'sk-sim', maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.setRules([]));

const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Tell me a long story about faults' }];

function withFault(fault: SimFault): { headers: Record<string, string> } {
  return { headers: { 'x-sim-fault': fault } };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function postRaw(path: string, body: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, json: await response.json() };
}

describe('HTTP faults', () => {
  it.each([
    ['http-500', 500, OpenAI.InternalServerError],
    ['http-503', 503, OpenAI.InternalServerError],
    ['http-400', 400, OpenAI.BadRequestError],
    ['http-429', 429, OpenAI.RateLimitError],
  ] as const)('%s surfaces as an APIError with status %i', async (fault, status, errorClass) => {
    const error = await rejectionOf(client.chat.completions.create({ model: 'sim-small', messages }, withFault(fault)));
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toBeInstanceOf(errorClass);
    if (!(error instanceof OpenAI.APIError)) throw error;
    expect(error.status).toBe(status);
    expect(error.error).toMatchObject({ message: expect.stringContaining('simulated') as unknown, param: null });
    expect(error.headers?.get('x-simulated')).toBe('sim-llm');
    if (status === 429) expect(error.headers?.get('retry-after')).toBe('1');
  });

  it('can come from a rule, once', async () => {
    sim.addRule({ reply: { fault: 'http-503' }, times: 1 });
    await expect(client.chat.completions.create({ model: 'sim-small', messages })).rejects.toMatchObject({ status: 503 });
    await expect(client.chat.completions.create({ model: 'sim-small', messages })).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('can be drawn at random with a rate, repeatably from a seed', async () => {
    const flaky = await startSimLlm({ faultRate: 0.5, faultKind: ['http-500', 'http-503'], seed: 7 });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 40; index += 1) {
        const response = await fetch(`${flaky.url}/chat/completions`, {
          method: 'POST',
          body: JSON.stringify({ model: 'sim-small', messages }),
        });
        statuses.push(response.status);
        await response.arrayBuffer();
      }
      expect(new Set(statuses)).toEqual(new Set([200, 500, 503]));
      flaky.setFaultRate(0);
      const ok = await fetch(`${flaky.url}/models`);
      expect(ok.status).toBe(200);
    } finally {
      await flaky.close();
    }
  });

  it('rejects an unknown fault name with a 400', async () => {
    const error = await rejectionOf(client.chat.completions.create({ model: 'sim-small', messages }, { headers: { 'x-sim-fault': 'gremlins' } }));
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('applies to embeddings too', async () => {
    const error = await rejectionOf(client.embeddings.create({ model: 'sim-embedding', input: 'x' }, withFault('http-503')));
    expect(error).toMatchObject({ status: 503 });
  });
});

describe('connection faults', () => {
  it('timeout never answers, so a client with a 300 ms timeout gives up', async () => {
    const impatient = new OpenAI({ baseURL: sim.url, apiKey: 'sk-sim', maxRetries: 0, timeout: 300 });
    const error = await rejectionOf(impatient.chat.completions.create({ model: 'sim-small', messages }, withFault('timeout')));
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it('slow-first-byte holds the answer back for two seconds', async () => {
    const impatient = new OpenAI({ baseURL: sim.url, apiKey: 'sk-sim', maxRetries: 0, timeout: 500 });
    const error = await rejectionOf(impatient.chat.completions.create({ model: 'sim-small', messages }, withFault('slow-first-byte')));
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it('reset drops the connection before answering', async () => {
    const error = await rejectionOf(client.chat.completions.create({ model: 'sim-small', messages }, withFault('reset')));
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it('malformed answers 200 with a body that is not JSON, streamed or not', async () => {
    // The client logs unparsable stream data on its own; keep the test output quiet.
    const quiet = new OpenAI({ baseURL: sim.url, apiKey: 'sk-sim', maxRetries: 0, logLevel: 'off' });
    await expect(quiet.chat.completions.create({ model: 'sim-small', messages }, withFault('malformed'))).rejects.toThrow();
    const stream = await quiet.chat.completions.create({ model: 'sim-small', messages, stream: true }, withFault('malformed'));
    await expect(async () => {
      for await (const chunk of stream) expect(chunk).toBeUndefined();
    }).rejects.toThrow();
  });

  it('mid-stream-error cuts a stream after two content chunks', async () => {
    const stream = await client.chat.completions.create({ model: 'sim-small', messages, stream: true }, withFault('mid-stream-error'));
    const received: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          const content = chunk.choices[0]?.delta.content;
          if (content) received.push(content);
        }
      })(),
    );
    expect(error).toBeInstanceOf(Error);
    expect(received).toHaveLength(2);
  });

  it('mid-stream-error cuts a Responses API stream, and resets a non-stream request', async () => {
    const stream = await client.responses.create({ model: 'sim-small', input: 'story', stream: true }, withFault('mid-stream-error'));
    let deltas = 0;
    const error = await rejectionOf(
      (async () => {
        for await (const event of stream) if (event.type === 'response.output_text.delta') deltas += 1;
      })(),
    );
    expect(error).toBeInstanceOf(Error);
    expect(deltas).toBe(2);
    const plain = await rejectionOf(client.chat.completions.create({ model: 'sim-small', messages }, withFault('mid-stream-error')));
    expect(plain).toBeInstanceOf(OpenAI.APIConnectionError);
  });
});

describe('errors in OpenAI shape', () => {
  it('answers 404 for an unknown path', async () => {
    const response = await fetch(`${sim.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-simulated')).toBe('sim-llm');
    expect(await response.json()).toEqual({
      error: { message: 'Invalid URL (GET /v1/nowhere)', type: 'invalid_request_error', param: null, code: 'unknown_url' },
    });
  });

  it('answers 400 for malformed JSON and for a missing model or messages', async () => {
    const malformed = await postRaw('/chat/completions', '{"model": ');
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ error: { type: 'invalid_request_error', param: null, code: null } });
    const noModel = await postRaw('/chat/completions', JSON.stringify({ messages: [] }));
    expect(noModel).toEqual({
      status: 400,
      json: { error: { message: "Missing required parameter: 'model'.", type: 'invalid_request_error', param: 'model', code: 'missing_required_parameter' } },
    });
    const noMessages = await postRaw('/chat/completions', JSON.stringify({ model: 'sim-small' }));
    expect(noMessages.status).toBe(400);
    expect(noMessages.json).toMatchObject({ error: { param: 'messages', code: 'missing_required_parameter' } });
  });
});

describe('close', () => {
  it('returns promptly with a hung request open', async () => {
    const server = await startSimLlm();
    const hung = fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { 'x-sim-fault': 'timeout' },
      body: JSON.stringify({ model: 'sim-small', messages }),
    }).catch((error: unknown) => error);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const closed = await Promise.race([
      server.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 2_000)),
    ]);
    expect(closed).toBe('closed');
    expect(await hung).toBeInstanceOf(Error);
  });
});
