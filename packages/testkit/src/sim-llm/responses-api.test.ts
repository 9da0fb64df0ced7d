import OpenAI from 'openai';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimLlm } from './start-sim-llm.js';
import type { SimLlm } from './types.js';

let sim: SimLlm;
let client: OpenAI;

beforeAll(async () => {
  sim = await startSimLlm();
  client = new OpenAI({ baseURL: sim.url, apiKey: 'sk-sim', maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.setRules([]));

describe('responses API', () => {
  it('creates a response with output_text and usage', async () => {
    const response = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Tell me about genchi' });
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.model).toBe('gpt-4.1-mini-sim-2025-01-01');
    expect(response.output_text).toBe('Simulated answer to: Tell me about genchi');
    expect(response.usage?.output_tokens).toBe(Math.ceil(response.output_text.length / 4));
    expect(response.usage?.total_tokens).toBe((response.usage?.input_tokens ?? 0) + (response.usage?.output_tokens ?? 0));
  });

  it('reads instructions and message input for rules', async () => {
    sim.addRule({ match: { system: 'pirate', contains: 'hello' }, reply: { content: 'Ahoy, simulated.' } });
    const response = await client.responses.create({
      model: 'sim-small',
      instructions: 'Talk like a pirate',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'hello there' }] }],
    });
    expect(response.output_text).toBe('Ahoy, simulated.');
  });

  it('streams events from response.created to response.completed', async () => {
    sim.addRule({ reply: { content: 'Streaming through the Responses API.' } });
    const stream = await client.responses.create({ model: 'sim-small', input: 'stream it', stream: true });
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.output_text.done');
    expect(types.at(-1)).toBe('response.completed');
    const text = events.map((event) => (event.type === 'response.output_text.delta' ? event.delta : '')).join('');
    expect(text).toBe('Streaming through the Responses API.');
    const completed = events.at(-1);
    if (completed?.type !== 'response.completed') throw new Error('expected response.completed');
    expect(completed.response.usage?.output_tokens).toBe(Math.ceil(text.length / 4));
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
  });

  it('works with the client stream helper and its final response', async () => {
    const stream = client.responses.stream({ model: 'sim-small', input: 'helper' });
    let deltas = '';
    stream.on('response.output_text.delta', (event) => {
      deltas += event.delta;
    });
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('Simulated answer to: helper');
    expect(deltas).toBe(final.output_text);
  });

  it('returns function calls, streamed too', async () => {
    const tools: OpenAI.Responses.Tool[] = [
      { type: 'function', name: 'lookup', strict: false, parameters: { type: 'object', properties: { q: { type: 'string' } } } },
    ];
    sim.addRule({ reply: { toolCalls: [{ name: 'lookup', arguments: { q: 'genchi' } }] }, times: 2 });
    const response = await client.responses.create({ model: 'sim-small', input: 'search', tools });
    const call = response.output[0];
    if (call?.type !== 'function_call') throw new Error('expected a function call');
    expect(call.name).toBe('lookup');
    expect(JSON.parse(call.arguments)).toEqual({ q: 'genchi' });

    const stream = client.responses.stream({ model: 'sim-small', input: 'search', tools });
    const final = await stream.finalResponse();
    const streamed = final.output[0];
    if (streamed?.type !== 'function_call') throw new Error('expected a function call');
    expect(JSON.parse(streamed.arguments)).toEqual({ q: 'genchi' });
  });

  it('answers JSON for a json_schema text format', async () => {
    const response = await client.responses.create({
      model: 'sim-small',
      input: 'json',
      text: {
        format: {
          type: 'json_schema',
          name: 'verdict',
          schema: { type: 'object', properties: { pass: { type: 'boolean' } }, required: ['pass'], additionalProperties: false },
        },
      },
    });
    expect(JSON.parse(response.output_text)).toEqual({ pass: false });
  });

  it('reports an incomplete response when max_output_tokens cuts it', async () => {
    sim.addRule({ reply: { outputTokens: 40 } });
    const response = await client.responses.create({ model: 'sim-small', input: 'long', max_output_tokens: 16 });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details?.reason).toBe('max_output_tokens');
    expect(response.usage?.output_tokens).toBe(16);
  });
});
