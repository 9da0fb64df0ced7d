import type { SpanInput, SpanKind } from '@genchi/spec';
import { applyPrefixRules, applyRules, columnText } from './attribute-rules.js';
import type { ConventionMapper } from './conventions/convention-mapper.js';
import { conventions } from './conventions/conventions.js';
import { OtlpProblem } from './otlp-errors.js';
import { addAttributes, isRecord, readId, readNanosAsMillis, type AttributeMap, type JsonValue } from './otlp-values.js';
import { readEvents, readLinks, readStatus, type SpanStatusInfo } from './span-parts.js';
import type { SpanDraft, SpanEvent, SpanView } from './span-view.js';

/** Options of the OTLP mapping: values for spans that name none (from `x-genchi-task` / `x-genchi-environment`). */
export interface OtlpMapOptions {
  defaultTask?: string;
  defaultEnvironment?: string;
}

/** Attributes every span of a resource and scope shares, already under their `resource.` / `otel.scope.` keys. */
export type SharedAttributes = ReadonlyArray<[string, JsonValue]>;

const exceptionKeys: ReadonlySet<string> = new Set(['exception.type', 'exception.message', 'exception.escaped']);

function detects(convention: ConventionMapper, view: SpanView): boolean {
  if (convention.markers.length === 0) return true;
  for (const marker of convention.markers) if (view.attributes.has(marker)) return true;
  if (convention.markerEvents === undefined || view.events.length === 0) return false;
  return view.events.some((event) => convention.markerEvents?.includes(event.name));
}

function applyConventions(view: SpanView, draft: SpanDraft): void {
  const active = conventions.filter((convention) => detects(convention, view));
  let kind: SpanKind | undefined;
  for (const convention of active) {
    kind = convention.kind?.(view);
    if (kind !== undefined) break;
  }
  if (kind !== undefined) draft.kind = kind;
  for (const convention of active) {
    applyRules(convention.rules, view, draft);
    if (convention.prefixRules !== undefined) applyPrefixRules(convention.prefixRules, view, draft);
    convention.map?.(view, draft);
  }
  draft.kind ??= draft.model !== undefined || draft.usage !== undefined ? 'llm' : 'span';
}

function applyStatus(status: SpanStatusInfo, view: SpanView, draft: SpanDraft): void {
  if (!status.failed) {
    draft.status = 'ok';
    return;
  }
  draft.status = 'error';
  const index = view.events.findIndex((event) => event.name === 'exception');
  const exception = index >= 0 ? (view.events[index] as SpanEvent).attributes : undefined;
  const exceptionType = exception?.['exception.type'];
  const exceptionMessage = exception?.['exception.message'];
  const errorType = view.attributes.get('error.type');
  const type = typeof exceptionType === 'string' ? exceptionType : typeof errorType === 'string' ? errorType : undefined;
  const message = status.message ?? (typeof exceptionMessage === 'string' ? exceptionMessage : undefined) ?? type ?? 'span status is ERROR';
  draft.error = type === undefined ? { message: message.slice(0, 20_000) } : { type: type.slice(0, 200), message: message.slice(0, 20_000) };
  if (typeof errorType === 'string' && errorType === type) view.attributes.delete('error.type');
  // The exception event is consumed when the error holds all it says (no stack trace, same message).
  const consumed =
    index >= 0 &&
    (exceptionMessage === undefined || exceptionMessage === message) &&
    Object.keys(exception ?? {}).every((key) => exceptionKeys.has(key));
  if (consumed) view.events.splice(index, 1);
}

function requiredId(value: unknown, bytes: number, field: string): string {
  const id = readId(value, bytes, field);
  if (id === undefined) throw new OtlpProblem(field, `required: ${bytes * 2} hex characters`);
  return id;
}

/** Maps one OTLP span (JSON shape) to a genchi span body; throws `OtlpProblem` with a path relative to the span. */
export function mapSpan(span: unknown, shared: SharedAttributes, options: OtlpMapOptions): SpanInput {
  if (!isRecord(span)) throw new OtlpProblem('', 'expected a span object');
  const draft: SpanDraft = { id: requiredId(span.spanId, 8, 'spanId'), traceId: requiredId(span.traceId, 16, 'traceId') };
  const parentId = readId(span.parentSpanId, 8, 'parentSpanId');
  if (parentId !== undefined) draft.parentId = parentId;
  if (span.name !== undefined && typeof span.name !== 'string') throw new OtlpProblem('name', 'expected a string');
  const name = span.name ?? '';
  if (name !== '') draft.name = name.length > 500 ? name.slice(0, 500) : name;
  const startTime = readNanosAsMillis(span.startTimeUnixNano, 'startTimeUnixNano');
  if (startTime !== undefined) draft.startTime = startTime;
  const endTime = readNanosAsMillis(span.endTimeUnixNano, 'endTimeUnixNano');
  if (endTime !== undefined) draft.endTime = endTime;

  const attributes: AttributeMap = new Map(shared);
  addAttributes(attributes, span.attributes, 'attributes');
  const view: SpanView = { name, attributes, events: readEvents(span.events, 'events') };
  const links = readLinks(span.links, 'links');
  const status = readStatus(span.status, 'status');

  applyConventions(view, draft);
  if (draft.task === undefined && options.defaultTask !== undefined) {
    const task = columnText('task', options.defaultTask);
    if (task !== undefined) draft.task = task;
  }
  if (draft.environment === undefined && options.defaultEnvironment !== undefined) {
    const environment = columnText('environment', options.defaultEnvironment);
    if (environment !== undefined) draft.environment = environment;
  }
  applyStatus(status, view, draft);
  if (attributes.size > 0) draft.attributes = toObject(attributes);
  const raw = rawOf(span, view.events, links);
  if (raw !== undefined) draft.raw = raw;
  return draft;
}

/** The attributes as a JSON object (a loop is several times faster than `Object.fromEntries` here). */
function toObject(attributes: AttributeMap): Record<string, JsonValue> {
  const object: Record<string, JsonValue> = {};
  for (const [key, value] of attributes) {
    if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    else object[key] = value;
  }
  return object;
}

const droppedCounts = ['droppedAttributesCount', 'droppedEventsCount', 'droppedLinksCount'] as const;

/** What has no column: unconsumed events, links, and how much the SDK dropped; undefined when there is nothing. */
function rawOf(span: Record<string, unknown>, events: SpanEvent[], links: unknown[]): Record<string, unknown> | undefined {
  let raw: Record<string, unknown> | undefined;
  if (events.length > 0) (raw ??= {}).events = events;
  if (links.length > 0) (raw ??= {}).links = links;
  for (const field of droppedCounts) {
    const count = span[field];
    if (typeof count === 'number' && count > 0) (raw ??= {})[field] = count;
  }
  return raw;
}
