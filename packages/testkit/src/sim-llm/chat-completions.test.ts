import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionChunk, ChatCompletionTool } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
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

const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('chat completions', () => {
  it('answers deterministically from the last user message, named as simulated', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'What is genchi?' }] })
      .withResponse();
    expect(response.headers.get('x-simulated')).toBe('sim-llm');
    expect(data.object).toBe('chat.completion');
    expect(data.system_fingerprint).toBe('sim-llm');
    expect(data.model).toBe('gpt-4o-mini-sim-2025-01-01');
    expect(data.choices[0]?.message.content).toBe('Simulated answer to: What is genchi?');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    const usage = data.usage;
    expect(usage?.completion_tokens).toBe(Math.ceil('Simulated answer to: What is genchi?'.length / 4));
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it('streams chunks that rebuild the text, without usage unless asked', async () => {
    sim.addRule({ reply: { content: 'A streamed simulated answer with several chunks.' } });
    const chunks = await collect(
      await client.chat.completions.create({ model: 'sim-small', messages: [{ role: 'user', content: 'hi' }], stream: true }),
    );
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('A streamed simulated answer with several chunks.');
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((chunk) => chunk.usage === undefined)).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('sends usage once, in a final chunk with no choices, when include_usage is set', async () => {
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'sim-small',
        messages: [{ role: 'user', content: 'count my tokens please' }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    const withUsage = chunks.filter((chunk) => chunk.usage);
    expect(withUsage).toHaveLength(1);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(last?.usage?.completion_tokens).toBe(Math.ceil(text.length / 4));
  });

  it('answers with text when tools are offered but no rule scripts a call', async () => {
    const completion = await client.chat.completions.create({
      model: 'sim-small',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool],
    });
    expect(completion.choices[0]?.message.tool_calls).toBeUndefined();
    expect(completion.choices[0]?.message.content).toContain('Simulated answer to');
  });

  it('returns scripted tool calls', async () => {
    sim.addRule({ match: { contains: 'weather' }, reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Kyoto' } }] } });
    const completion = await client.chat.completions.create({
      model: 'sim-small',
      messages: [{ role: 'user', content: 'What is the weather in Kyoto?' }],
      tools: [weatherTool],
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Kyoto' });
  });

  it('streams tool calls as deltas that rebuild the arguments', async () => {
    sim.addRule({
      reply: {
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Kyoto', days: 3 } },
          { name: 'get_weather', arguments: '{"city":"Osaka"}' },
        ],
      },
    });
    const chunks = await collect(
      await client.chat.completions.create({
        model: 'sim-small',
        messages: [{ role: 'user', content: 'weather' }],
        tools: [weatherTool],
        stream: true,
      }),
    );
    const calls: { id?: string; name?: string; arguments: string }[] = [];
    for (const chunk of chunks) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        const call = (calls[delta.index] ??= { arguments: '' });
        if (delta.id) call.id = delta.id;
        if (delta.function?.name) call.name = delta.function.name;
        call.arguments += delta.function?.arguments ?? '';
      }
    }
    expect(calls).toHaveLength(2);
    expect(calls[0]?.id).toMatch(/^call_/);
    expect(calls.map((call) => call.name)).toEqual(['get_weather', 'get_weather']);
    expect(calls.map((call) => JSON.parse(call.arguments) as unknown)).toEqual([{ city: 'Kyoto', days: 3 }, { city: 'Osaka' }]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('calls the tool that tool_choice forces, with arguments valid for its schema', async () => {
    const completion = await client.chat.completions.create({
      model: 'sim-small',
      messages: [{ role: 'user', content: 'weather' }],
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'simulated' });
  });

  it('parses a json_schema answer built from a zod schema', async () => {
    const Product = z.object({
      name: z.string(),
      price: z.number().min(1),
      tags: z.array(z.string()).min(2),
      category: z.enum(['toys', 'books']),
      discount: z.number().int().nullable(),
      inStock: z.boolean(),
    });
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-2024-08-06',
      messages: [{ role: 'user', content: 'Describe a product' }],
      response_format: zodResponseFormat(Product, 'product'),
    });
    expect(completion.model).toBe('gpt-4o-2024-08-06');
    const parsed = completion.choices[0]?.message.parsed;
    expect(Product.parse(parsed)).toEqual(parsed);
    expect(parsed?.tags).toHaveLength(2);
    expect(parsed?.category).toBe('toys');
  });

  it('answers a JSON object for json_object, and scripted JSON as given', async () => {
    const plain = await client.chat.completions.create({
      model: 'sim-small',
      messages: [{ role: 'user', content: 'json please' }],
      response_format: { type: 'json_object' },
    });
    expect(JSON.parse(plain.choices[0]?.message.content ?? '')).toEqual({ answer: 'Simulated answer to: json please' });
    sim.addRule({ reply: { json: { verdict: 'pass', score: 0.9 } } });
    const scripted = await client.chat.completions.create({
      model: 'sim-small',
      messages: [{ role: 'user', content: 'grade' }],
      response_format: { type: 'json_object' },
    });
    expect(JSON.parse(scripted.choices[0]?.message.content ?? '')).toEqual({ verdict: 'pass', score: 0.9 });
  });

  it('truncates at max_tokens with finish_reason length', async () => {
    sim.addRule({ reply: { outputTokens: 50 } });
    const completion = await client.chat.completions.create({
      model: 'sim-small',
      messages: [{ role: 'user', content: 'write a lot' }],
      max_completion_tokens: 10,
    });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.choices[0]?.message.content).toHaveLength(40);
    expect(completion.usage?.completion_tokens).toBe(10);
  });

  it('pads the content to outputTokens simulated tokens', async () => {
    sim.addRule({ reply: { content: 'short', outputTokens: 30 } });
    const completion = await client.chat.completions.create({ model: 'sim-small', messages: [{ role: 'user', content: 'x' }] });
    expect(completion.choices[0]?.message.content?.startsWith('short')).toBe(true);
    expect(completion.usage?.completion_tokens).toBe(30);
  });
});
