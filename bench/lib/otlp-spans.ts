/** An OTLP/JSON span with the current GenAI conventions and ~2 KB of message bodies, as a reusable text template. */
function spanTemplate(variant: number): string {
  const question = `Categorize this product for the catalogue (variant ${variant}): `.padEnd(900, 'lorem ipsum dolor sit amet ');
  const answer = `{"category":"Footwear > Running","confidence":0.9${variant % 10},"reason":"`.padEnd(700, 'because the title says so ') + '"}';
  const input = JSON.stringify([
    { role: 'system', parts: [{ type: 'text', content: 'You are a careful product categorizer. Answer in JSON.' }] },
    { role: 'user', parts: [{ type: 'text', content: question }] },
  ]);
  const output = JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: answer }], finish_reason: 'stop' }]);
  const attribute = (key: string, value: Record<string, unknown>) => ({ key, value });
  return JSON.stringify({
    traceId: '@TRACE@',
    spanId: '@SPAN@',
    name: 'chat gpt-4o-mini',
    kind: 3,
    startTimeUnixNano: '@START@',
    endTimeUnixNano: '@END@',
    attributes: [
      attribute('gen_ai.operation.name', { stringValue: 'chat' }),
      attribute('gen_ai.provider.name', { stringValue: 'openai' }),
      attribute('gen_ai.request.model', { stringValue: 'gpt-4o-mini' }),
      attribute('gen_ai.response.model', { stringValue: 'gpt-4o-mini-2024-07-18' }),
      attribute('gen_ai.request.temperature', { doubleValue: 0.2 }),
      attribute('gen_ai.usage.input_tokens', { intValue: String(180 + variant) }),
      attribute('gen_ai.usage.output_tokens', { intValue: 120 }),
      attribute('gen_ai.input.messages', { stringValue: input }),
      attribute('gen_ai.output.messages', { stringValue: output }),
      attribute('genchi.task', { stringValue: variant % 3 === 0 ? 'summarize' : 'categorize-product' }),
      attribute('user.id', { stringValue: `user-${variant % 50}` }),
    ],
    status: { code: 1 },
  });
}

const templates = Array.from({ length: 16 }, (_, variant) => spanTemplate(variant));
let counter = 0;

const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

/** An OTLP/JSON export request body with `count` fresh spans (unique ids, times around now). */
export function otlpBatch(count: number): string {
  const spans: string[] = [];
  const now = Date.now();
  for (let index = 0; index < count; index++) {
    counter++;
    const random = Math.floor(Math.random() * 0xffffffff);
    const spanId = hex(random, 8) + hex(counter, 8);
    const start = BigInt(now + index) * 1_000_000n;
    spans.push(
      (templates[counter % templates.length] as string)
        .replace('@TRACE@', spanId + spanId)
        .replace('@SPAN@', spanId)
        .replace('@START@', String(start))
        .replace('@END@', String(start + 850_000_000n)),
    );
  }
  return `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"catalogue"}}]},"scopeSpans":[{"scope":{"name":"bench"},"spans":[${spans.join(',')}]}]}]}`;
}

/** Where each occurrence of `key`'s value begins in `text`, in order. */
function valueOffsets(text: string, key: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1)) offsets.push(at + key.length);
  return offsets;
}

/**
 * A pool of ready OTLP/JSON request bodies whose span and trace ids and times are rewritten in place
 * before each send, so that the load generator costs next to nothing beside the server it measures.
 * Times are rewritten too: a real exporter sends spans that started just now, not the same few hundred
 * instants over and over (repeated instants would scatter the time indexes' inserts over the whole index).
 */
export class OtlpBodyPool {
  private readonly bodies: Buffer[];
  private readonly idOffsets: number[][];
  private readonly timeOffsets: Array<{ start: number[]; end: number[] }>;
  private next = 0;
  private sequence = 0;

  constructor(count: number, spansPerBody: number) {
    this.bodies = Array.from({ length: count }, () => Buffer.from(otlpBatch(spansPerBody)));
    const texts = this.bodies.map((body) => body.toString('latin1'));
    // Every span id (16 hex) appears as spanId and twice in the traceId; rewrite the first 8 hex of each.
    this.idOffsets = texts.map((text) => [...valueOffsets(text, '"traceId":"'), ...valueOffsets(text, '"spanId":"')]);
    this.timeOffsets = texts.map((text) => ({ start: valueOffsets(text, '"startTimeUnixNano":"'), end: valueOffsets(text, '"endTimeUnixNano":"') }));
  }

  /** A body with fresh ids (unique across the pool's life) and spans that started in the last moments. */
  take(): Buffer {
    const index = this.next;
    this.next = (this.next + 1) % this.bodies.length;
    const body = this.bodies[index] as Buffer;
    this.sequence++;
    const stamp = this.sequence.toString(16).padStart(8, '0');
    for (const offset of this.idOffsets[index] as number[]) body.write(stamp, offset, 'latin1');
    // Nanosecond times as 19 digits: milliseconds since the epoch (13 digits) and six zeros.
    const { start, end } = this.timeOffsets[index] as { start: number[]; end: number[] };
    const now = Date.now() - start.length;
    start.forEach((offset, span) => body.write(`${now + span}000000`, offset, 'latin1'));
    end.forEach((offset, span) => body.write(`${now + span + 850}000000`, offset, 'latin1'));
    return body;
  }
}
