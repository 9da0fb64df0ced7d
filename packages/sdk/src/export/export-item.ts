import type { FeedbackInputBody, ScoreInputBody } from '@genchi/spec';
import type { SpanDraft } from '../spans/span-draft.js';
import { spanBody } from './span-body.js';

/** One record waiting for export: a finished span (serialised later) or a ready body. */
export type ExportItem =
  | { type: 'span'; span: SpanDraft }
  | { type: 'feedback'; body: FeedbackInputBody }
  | { type: 'score'; body: ScoreInputBody };

/** What a mask hook is given: one field of one record about to leave the process. */
export interface MaskRecord {
  /** The record type: `span`, `feedback` or `score`. */
  type: ExportItem['type'];
  /** The field, e.g. `input`, `output`, `toolCalls`, `metadata`, `error`, `comment`, `finalText`. */
  field: string;
  value: unknown;
}

/** A mask hook: returns the value to send instead (redacted, say); if it throws, the field is replaced by {@link maskFailedMarker}. */
export type MaskFunction = (record: MaskRecord) => unknown;

/** What a field becomes when the mask hook throws on it (fail closed: nothing unmasked leaves). */
export const maskFailedMarker = '[genchi: masked, the mask hook failed]';

/** The fields that carry application data, per record type: those go through the mask hook. */
export const maskedFields: Readonly<Record<ExportItem['type'], readonly string[]>> = {
  span: ['input', 'output', 'toolCalls', 'metadata', 'error', 'params', 'attributes'],
  feedback: ['comment', 'finalText', 'originalText', 'metadata'],
  score: ['reason', 'metadata'],
};

/** The fields that may be cut down when a record is too large, largest first. */
const shrinkableFields: Readonly<Record<ExportItem['type'], readonly string[]>> = {
  span: ['input', 'output', 'params', 'toolCalls', 'metadata', 'attributes'],
  feedback: ['originalText', 'finalText', 'comment', 'metadata'],
  score: ['reason', 'metadata'],
};

/** A record ready to send: its JSON and its size in bytes (UTF-8). */
export interface SerializedItem {
  json: string;
  bytes: number;
}

/** Why a record could not be serialised. */
export type SerializeProblem = { kind: 'mask-failed'; field: string; error: unknown } | { kind: 'too-large'; bytes: number };

function bodyOf(item: ExportItem): Record<string, unknown> {
  return item.type === 'span' ? spanBody(item.span) : { ...item.body };
}

function applyMask(type: ExportItem['type'], body: Record<string, unknown>, mask: MaskFunction, problems: SerializeProblem[]): void {
  for (const field of maskedFields[type]) {
    if (body[field] === undefined) continue;
    try {
      body[field] = mask({ type, field, value: body[field] });
    } catch (error) {
      body[field] = maskFailedMarker;
      problems.push({ kind: 'mask-failed', field, error });
    }
  }
}

const bigIntAsText = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/** JSON of one value that may hold cycles or BigInts: BigInts become text, anything else that fails a marker. */
function valueJson(value: unknown): string {
  try {
    return JSON.stringify(value, bigIntAsText) ?? 'null';
  } catch (error) {
    return JSON.stringify(`[genchi: not serialisable: ${(error as Error).message}]`);
  }
}

/** JSON of a record; the fast path first, field by field only when that throws. */
function recordJson(type: string, body: Record<string, unknown>): string {
  try {
    return JSON.stringify({ type, body });
  } catch {
    const fields = Object.entries(body).map(([field, value]) => `${JSON.stringify(field)}:${valueJson(value)}`);
    return `{"type":${JSON.stringify(type)},"body":{${fields.join(',')}}}`;
  }
}

const truncatedHeadChars = 2048;

function shrink(type: ExportItem['type'], body: Record<string, unknown>, maxBytes: number): string {
  let json = recordJson(type, body);
  const sizes = shrinkableFields[type]
    .filter((field) => body[field] !== undefined)
    .map((field) => ({ field, text: valueJson(body[field]) }))
    .sort((a, b) => b.text.length - a.text.length);
  for (const { field, text } of sizes) {
    if (Buffer.byteLength(json) <= maxBytes) break;
    body[field] = { truncated: true, originalChars: text.length, head: text.slice(0, truncatedHeadChars) };
    json = recordJson(type, body);
  }
  return json;
}

/**
 * Turns a record into the JSON of one batch item: masked, serialised without throwing, and cut down
 * (largest data fields first) when it is larger than `maxBytes`; null when even that does not fit.
 */
export function serializeItem(item: ExportItem, mask: MaskFunction | undefined, maxBytes: number, problems: SerializeProblem[]): SerializedItem | null {
  const body = bodyOf(item);
  if (mask !== undefined) applyMask(item.type, body, mask, problems);
  let json = recordJson(item.type, body);
  let bytes = Buffer.byteLength(json);
  if (bytes > maxBytes) {
    json = shrink(item.type, body, maxBytes);
    bytes = Buffer.byteLength(json);
    if (bytes > maxBytes) {
      problems.push({ kind: 'too-large', bytes });
      return null;
    }
  }
  return { json, bytes };
}
