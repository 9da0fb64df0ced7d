import { readdirSync, readFileSync } from 'node:fs';
import { spanInputSchema } from '@genchi/spec';
import { expect, it } from 'vitest';
import { conventions } from './conventions/conventions.js';
import { mapOtlpTraces } from './index.js';

// OTLP ingest writes mapped spans without validating them again (see SpanDraft): every value must
// already fit the span schema. This drives the mapping with hostile values for every attribute key
// the conventions name, and checks that whatever comes out is exactly what the schema would accept.

/**
 * Every dotted attribute key named in the conventions' sources (rules, markers, and keys their code
 * reads), and for each family prefix (`llm.input_messages.`) its flattened items (`…0.message.role`).
 */
function conventionKeys(): { named: string[]; flattened: string[] } {
  const folder = new URL('./conventions/', import.meta.url);
  const named = new Set<string>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))) {
    for (const [, key] of readFileSync(new URL(file, folder), 'utf8').matchAll(/'([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\.?)'/g)) {
      if (key!.includes('.')) named.add(key!);
    }
  }
  const prefixes = [...named].filter((key) => key.endsWith('.'));
  const whole = [...named].filter((key) => !key.endsWith('.'));
  return { named: whole, flattened: prefixes.flatMap((prefix) => [`${prefix}x`, ...whole.flatMap((key) => [`${prefix}0.${key}`, `${prefix}1.${key}`])]) };
}

const long = (length: number, text = 'a') => text.repeat(Math.ceil(length / text.length)).slice(0, length);
const messages = (value: unknown) => JSON.stringify(value);
const texts = [
  '', 'x', 'prod', 'Prod Env!', '-1', '1.5', '12', '1e400', long(41), long(101), long(201), long(501), long(25_000), 'not json [', '{"a":1}',
  messages([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]),
  messages([{ role: 5, parts: 'x' }]),
  messages([{ role: 'assistant', parts: [{ type: 'tool_call', id: long(300), name: long(300), arguments: { a: 1 } }] }]),
  messages([{ role: 'assistant', parts: [{ type: 'tool_call', id: 'c', name: '', arguments: [1, 2] }, { type: 'tool_call_response', id: 'c', response: null }] }]),
  messages([{ role: 'user', content: [{ type: 'text', text: long(300) }], tool_calls: [{ id: 'x', function: { name: long(250), arguments: '{}' } }] }]),
  messages([{ message: { role: 'assistant', tool_calls: [{ function: { name: 'f', arguments: 7 } }] } }]),
  messages({ messages: [{ role: 'user', content: 'x' }] }),
];
const values: unknown[] = [
  ...texts.map((stringValue) => ({ stringValue })),
  { intValue: '-5' }, { intValue: '5' }, { intValue: '99999999999999999999' }, { intValue: 7 }, { intValue: -3 },
  { doubleValue: -1.5 }, { doubleValue: 1e308 }, { doubleValue: 0.25 }, { doubleValue: 3 },
  { boolValue: true },
  { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: '' }, { stringValue: long(150) }, { intValue: '3' }, { stringValue: 'a' }] } },
  { arrayValue: { values: Array.from({ length: 60 }, (_, index) => ({ stringValue: `tag-${index}` })) } },
  { kvlistValue: { values: [{ key: 'a', value: { stringValue: 'b' } }, { key: '__proto__', value: { intValue: '1' } }] } },
  { bytesValue: 'AAEC' },
  {},
];

/** A small seeded generator, so that a failure can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 0x1_0000_0000;
  };
}

/** Maps spans (100 to a request) and checks that each is exactly what the span schema would accept; returns how many. */
function expectValidWhenMapped(spans: unknown[], options: { defaultTask?: string; defaultEnvironment?: string } = {}): number {
  let checked = 0;
  for (let start = 0; start < spans.length; start += 100) {
    const body = { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 's' }, spans: spans.slice(start, start + 100) }] }] };
    for (const span of mapOtlpTraces(body, options).spans) {
      const parsed = spanInputSchema.safeParse(span);
      expect(parsed.error, JSON.stringify(span).slice(0, 2_000)).toBeUndefined();
      expect(parsed.data).toEqual(span);
      checked++;
    }
  }
  return checked;
}

const spanId = (index: number) => (index + 1).toString(16).padStart(16, '0');
const { named, flattened } = conventionKeys();
/** One attribute per convention marker, so that every convention's rules apply to a span. */
const markers = conventions.flatMap((convention) => convention.markers).map((key) => ({ key, value: { stringValue: 'llm' } }));

it('maps each hostile value of each attribute key the conventions name to a span the schema accepts unchanged', () => {
  expect(named.length).toBeGreaterThan(60);
  const spans = named.flatMap((key, keyIndex) =>
    values.map((value, valueIndex) => {
      const id = spanId(keyIndex * values.length + valueIndex);
      return { traceId: id + id, spanId: id, name: 'chat', startTimeUnixNano: '1795457263097000000', attributes: [...markers, { key, value }] };
    }),
  );
  expect(expectValidWhenMapped(spans)).toBe(spans.length);
});

it('maps random mixes of hostile attributes, events and statuses to spans the schema accepts unchanged', () => {
  expect(flattened.length).toBeGreaterThan(1_000);
  const eventNames = ['exception', 'event', ...conventions.flatMap((convention) => convention.markerEvents ?? [])];
  const next = random(20261123);
  const pick = <Item>(items: readonly Item[]): Item => items[Math.floor(next() * items.length)] as Item;
  const key = () => pick(next() < 0.6 ? named : flattened);
  let checked = 0;
  for (let batch = 0; batch < 40; batch++) {
    const spans = Array.from({ length: 100 }, (_, index) => {
      const id = spanId(batch * 100 + index);
      return {
        traceId: id + id,
        spanId: id,
        name: pick(['', 'chat', long(700)]),
        kind: pick([0, 1, 3, 9]),
        startTimeUnixNano: pick(['1795457263097000000', 1795457263097000000, '0', undefined]),
        endTimeUnixNano: pick(['1795457263947000000', '1795457263000000000', undefined]),
        attributes: Array.from({ length: 4 + Math.floor(next() * 14) }, () => ({ key: key(), value: pick(values) })),
        events: Array.from({ length: Math.floor(next() * 3) }, () => ({
          name: pick(eventNames),
          attributes: [pick(['exception.message', 'exception.type']), key(), key()].map((name) => ({ key: name, value: pick(values) })),
        })),
        status: pick([{ code: 1 }, { code: 2, message: long(30_000) }, { code: 2 }, {}]),
      };
    });
    checked += expectValidWhenMapped(spans, { defaultTask: pick(['', 't', long(300)]), defaultEnvironment: pick(['dev', 'Bad Env', long(50)]) });
  }
  expect(checked).toBeGreaterThan(3_500);
});
