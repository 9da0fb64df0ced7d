import { deriveSpanRecord, PriceBook, type SpanRecord } from '@genchi/core';
import { spanInputSchema, type SpanInputBody } from '@genchi/spec';

/** A small seeded generator (mulberry32), so every run seeds the same spans. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Tasks with their share of traffic (skewed, as production is). */
export const benchTasks = [
  ['categorize-product', 0.35], ['support-reply', 0.2], ['summarize-ticket', 0.15], ['extract-address', 0.1],
  ['translate-review', 0.08], ['rank-results', 0.06], ['write-title', 0.04], ['detect-fraud', 0.02],
] as const;
const models = [['gpt-4o-mini', 0.7], ['gpt-4o', 0.2], ['claude-3-5-haiku', 0.08], ['gpt-4.1-nano', 0.02]] as const;

function pick<Value>(random: () => number, table: ReadonlyArray<readonly [Value, number]>): Value {
  let draw = random();
  for (const [value, share] of table) {
    draw -= share;
    if (draw <= 0) return value;
  }
  return (table[table.length - 1] as readonly [Value, number])[0];
}

/**
 * `count` model-call spans spread over `days` days ending at `end`, as the store keeps them (derived
 * by core's deriveSpanRecord, exactly as the ingest path does): 2% errors, 10% dev, 10,000 users,
 * 50,000 sessions, bodies of a few hundred bytes.
 */
export function benchSpans(offset: number, count: number, end: number, days: number, total: number): SpanRecord[] {
  const random = seededRandom(offset + 1);
  const context = { prices: new PriceBook(), now: end };
  const records: SpanRecord[] = [];
  for (let index = offset; index < offset + count; index++) {
    const start = end - days * 86_400_000 + Math.floor((index / total) * days * 86_400_000);
    const outputTokens = 20 + Math.floor(random() * 400);
    const task = pick(random, benchTasks);
    const body: SpanInputBody = {
      id: `s${index}`,
      traceId: `t${Math.floor(index / 2)}`,
      task,
      environment: random() < 0.1 ? 'dev' : 'prod',
      model: pick(random, models),
      startTime: start,
      endTime: start + 200 + outputTokens * 12 + Math.floor(random() * 300),
      ttftMs: 150 + Math.floor(random() * 200),
      status: random() < 0.02 ? 'error' : 'ok',
      userId: `user-${Math.floor(random() * 10_000)}`,
      sessionId: `session-${Math.floor(random() * 50_000)}`,
      ...(random() < 0.1 ? { tags: ['beta'] } : {}),
      input: [{ role: 'system', content: `You help with ${task}.` }, { role: 'user', content: `Request ${index}: ${'please handle this item carefully '.repeat(4)}` }],
      output: [{ role: 'assistant', content: `Answer ${index}: ${'here is the result of the work '.repeat(5)}` }],
      usage: { inputTokens: 60 + Math.floor(random() * 200), outputTokens },
    };
    records.push(deriveSpanRecord(spanInputSchema.parse(body), context));
  }
  return records;
}
