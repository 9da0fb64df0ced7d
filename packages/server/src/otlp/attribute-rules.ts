import type { SpanKind, UsageInput } from '@genchi/spec';
import { jsonArray } from './chat-messages.js';
import type { JsonValue } from './otlp-values.js';
import type { SpanDraft, SpanView } from './span-view.js';

/** Span columns that hold one short text. */
export type TextColumn = 'provider' | 'model' | 'resolvedModel' | 'task' | 'environment' | 'userId' | 'sessionId' | 'promptId' | 'promptVersion';

/** Where one attribute goes. */
export type AttributeRule =
  | { key: string; into: 'column'; column: TextColumn; normalize?: (text: string) => string }
  | { key: string; into: 'usage'; field: keyof UsageInput }
  | { key: string; into: 'param'; name: string }
  | { key: string; into: 'ttft'; scale: number }
  | { key: string; into: 'tags' }
  | { key: string; into: 'cost' };

/** A family of attributes (`prefix` + name) gathered into params or metadata under the rest of the key. */
export interface PrefixRule {
  prefix: string;
  into: 'params' | 'metadata';
  /** Names given a different name, e.g. `topP` → `top_p`. */
  rename?: ReadonlyMap<string, string>;
}

/** The attribute `key` goes to a text column, through `normalize` when given. */
export const toColumn = (key: string, column: TextColumn, normalize?: (text: string) => string): AttributeRule =>
  normalize === undefined ? { key, into: 'column', column } : { key, into: 'column', column, normalize };
/** The attribute `key` is a token count. */
export const toUsage = (key: string, field: keyof UsageInput): AttributeRule => ({ key, into: 'usage', field });
/** The attribute `key` is the request parameter `name`. */
export const toParam = (key: string, name: string): AttributeRule => ({ key, into: 'param', name });
/** The attribute `key` is the time to first token, in units of `scale` milliseconds. */
export const toTtft = (key: string, scale = 1): AttributeRule => ({ key, into: 'ttft', scale });
/** The attribute `key` holds tags (a list or one string). */
export const toTags = (key: string): AttributeRule => ({ key, into: 'tags' });
/** The attribute `key` is the call's cost in US dollars. */
export const toCost = (key: string): AttributeRule => ({ key, into: 'cost' });

const textColumnLimits: Readonly<Record<TextColumn, number>> = {
  provider: 100,
  model: 200,
  resolvedModel: 200,
  task: 200,
  environment: 40,
  userId: 200,
  sessionId: 200,
  promptId: 200,
  promptVersion: 100,
};
const environmentPattern = /^[a-z0-9][a-z0-9_.-]*$/i;
const digitsPattern = /^\d+$/;
const modelCallKinds: ReadonlySet<SpanKind | undefined> = new Set([undefined, 'llm', 'embedding']);

/** A value as a column's text, or undefined when it does not fit the column. */
export function columnText(column: TextColumn, value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  if (text === undefined || text === '' || text.length > textColumnLimits[column]) return undefined;
  if (column === 'environment' && !environmentPattern.test(text)) return undefined;
  return text;
}

function tokenCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && digitsPattern.test(value)) {
    const count = Number(value);
    return Number.isSafeInteger(count) ? count : undefined;
  }
  return undefined;
}

function finiteNonNegative(value: unknown): number | undefined {
  const number = typeof value === 'string' && value !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** Whether two attribute values are the same (JSON-equal). */
export function sameValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  return JSON.stringify(left) === JSON.stringify(right);
}

/** Adds tags from a list or one string, skipping duplicates and texts the tag column cannot hold. */
export function addTags(draft: SpanDraft, value: unknown): boolean {
  // OpenInference writes its tag list as JSON text.
  const listed = typeof value === 'string' ? jsonArray(value) : undefined;
  const items = Array.isArray(value) ? value : listed !== undefined ? listed : typeof value === 'string' ? [value] : undefined;
  if (items === undefined) return false;
  const tags = draft.tags ?? [];
  for (const item of items) {
    if (typeof item === 'string' && item !== '' && item.length <= 100 && tags.length < 50 && !tags.includes(item)) tags.push(item);
  }
  if (tags.length > 0) draft.tags = tags;
  return true;
}

/**
 * Puts `value` into a slot: when the slot is empty it is filled; when it already holds the same
 * value the attribute is a duplicate. Either way the attribute is consumed (true); a different
 * value already there wins and the attribute stays.
 */
function fill<Slot extends object>(slot: Slot, field: keyof Slot, value: unknown): boolean {
  if (value === undefined) return false;
  const current = slot[field];
  if (current === undefined) {
    slot[field] = value as Slot[keyof Slot];
    return true;
  }
  return sameValue(current, value);
}

function applyRule(rule: AttributeRule, value: JsonValue, draft: SpanDraft): boolean {
  switch (rule.into) {
    case 'column': {
      const text = columnText(rule.column, value);
      return fill(draft, rule.column, text === undefined || rule.normalize === undefined ? text : columnText(rule.column, rule.normalize(text)));
    }
    case 'usage':
      if (!modelCallKinds.has(draft.kind)) return false;
      return fill((draft.usage ??= {}), rule.field, tokenCount(value));
    case 'param':
      return value !== null && fill((draft.params ??= {}), rule.name, value);
    case 'ttft': {
      const amount = finiteNonNegative(value);
      return fill(draft, 'ttftMs', amount === undefined ? undefined : finiteNonNegative(amount * rule.scale));
    }
    case 'tags':
      return addTags(draft, value);
    case 'cost':
      return modelCallKinds.has(draft.kind) && fill(draft, 'costUsd', finiteNonNegative(value));
  }
}

/** Applies rules to a span, removing the attributes that went into columns. */
export function applyRules(rules: readonly AttributeRule[], view: SpanView, draft: SpanDraft): void {
  const attributes = view.attributes;
  for (const rule of rules) {
    const value = attributes.get(rule.key);
    if (value !== undefined && applyRule(rule, value, draft)) attributes.delete(rule.key);
  }
  if (draft.usage !== undefined && Object.keys(draft.usage).length === 0) delete draft.usage;
  if (draft.params !== undefined && Object.keys(draft.params).length === 0) delete draft.params;
}

/** Gathers attribute families into params or metadata, removing them from the attributes. */
export function applyPrefixRules(rules: readonly PrefixRule[], view: SpanView, draft: SpanDraft): void {
  const attributes = view.attributes;
  for (const [key, value] of attributes) {
    for (const rule of rules) {
      if (!key.startsWith(rule.prefix)) continue;
      const rest = key.slice(rule.prefix.length);
      const name = rule.rename?.get(rest) ?? rest;
      const target = rule.into === 'params' ? (draft.params ??= {}) : (draft.metadata ??= {});
      if (value !== null && fill(target, name, value)) attributes.delete(key);
      break;
    }
  }
}
