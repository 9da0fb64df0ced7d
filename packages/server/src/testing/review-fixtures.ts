import type { TestGenchi } from './start-test-genchi.js';

/** Native-batch spans of one task over one UTC day, for review and UI tests: every seventh fails, a few use a rare model. */
export function reviewSpans(day: string, count: number, task = 'support-reply') {
  const start = Date.parse(`${day}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) => ({
    type: 'span',
    body: {
      id: `${task}-${day}-${index}`,
      traceId: `trace-${task}-${day}-${index}`,
      task,
      model: index % 20 === 3 ? 'gpt-4o' : 'gpt-4o-mini',
      startTime: start + index * 60_000,
      endTime: start + index * 60_000 + 300 + index * 7,
      status: index % 7 === 0 ? 'error' : 'ok',
      input: [{ role: 'user', content: `Where is my order ${index}?` }],
      output: [{ role: 'assistant', content: `Your order ${index} ships ${index % 2 === 0 ? 'today' : 'tomorrow'}.` }],
      usage: { inputTokens: 12, outputTokens: 8 + (index % 13) },
    },
  }));
}

/** Sends a native batch and checks it was accepted. */
export async function ingest(genchi: TestGenchi, batch: unknown[]): Promise<void> {
  const response = await genchi.app.inject({ method: 'POST', url: '/v1/ingest', headers: genchi.headers(), payload: { batch } });
  if (response.statusCode !== 200) throw new Error(`ingest failed: ${response.statusCode} ${response.body}`);
}
