import type { SpanInputBody } from '@genchi/spec';
import type { SpanDraft } from '../spans/span-draft.js';

/** Spec limits the SDK trims to, so that one long value never costs a whole span its place. */
const limits = { name: 500, task: 200, id: 200, promptVersion: 100, model: 200, tags: 50, tag: 100 } as const;

const clip = (text: string, max: number): string => (text.length <= max ? text : text.slice(0, max));

/** An environment name as the server accepts it: letters, digits, dot, dash and underscore, at most 40. */
export function cleanEnvironment(environment: string): string {
  const cleaned = environment.replace(/[^a-z0-9_.-]/gi, '-').replace(/^[^a-z0-9]+/i, '').slice(0, 40);
  return cleaned === '' ? 'prod' : cleaned;
}

function cleanTags(tags: readonly string[]): string[] {
  const kept: string[] = [];
  for (const tag of tags) {
    if (typeof tag !== 'string' || tag === '') continue;
    kept.push(clip(tag, limits.tag));
    if (kept.length === limits.tags) break;
  }
  return kept;
}

/** The wire body of a finished span (`type: 'span'` of `POST /v1/ingest`), before masking. */
export function spanBody(span: SpanDraft): SpanInputBody & Record<string, unknown> {
  const context = span.context;
  const body: SpanInputBody & Record<string, unknown> = {
    id: span.id,
    traceId: span.traceId,
    kind: span.kind,
    name: clip(span.name, limits.name),
    startTime: span.startTime,
    status: span.status ?? 'ok',
  };
  if (span.parentId !== null) body.parentId = span.parentId;
  if (span.endTime !== undefined) body.endTime = span.endTime;
  if (span.ttftMs !== undefined) body.ttftMs = Math.max(0, span.ttftMs);
  if (context.task !== undefined) body.task = clip(context.task, limits.task);
  if (context.environment !== undefined) body.environment = cleanEnvironment(context.environment);
  if (context.userId !== undefined) body.userId = clip(context.userId, limits.id);
  if (context.sessionId !== undefined) body.sessionId = clip(context.sessionId, limits.id);
  if (context.promptId !== undefined) body.promptId = clip(context.promptId, limits.id);
  if (context.promptVersion !== undefined) body.promptVersion = clip(String(context.promptVersion), limits.promptVersion);
  const tags = [...(context.tags ?? []), ...(span.extra?.tags ?? [])];
  if (tags.length > 0) body.tags = cleanTags([...new Set(tags)]);
  const metadata = span.extra?.metadata === undefined ? context.metadata : { ...context.metadata, ...span.extra.metadata };
  if (metadata !== undefined && Object.keys(metadata).length > 0) body.metadata = { ...metadata };
  if (span.provider !== undefined) body.provider = clip(span.provider, 100);
  if (span.model !== undefined) body.model = clip(span.model, limits.model);
  if (span.resolvedModel !== undefined) body.resolvedModel = clip(span.resolvedModel, limits.model);
  if (span.params !== undefined) body.params = span.params;
  if (span.input !== undefined) body.input = span.input;
  if (span.output !== undefined) body.output = span.output;
  if (span.toolCalls !== undefined && span.toolCalls.length > 0) body.toolCalls = span.toolCalls.slice(0, 1000);
  if (span.usage !== undefined) body.usage = span.usage;
  if (span.error !== undefined) body.error = span.error;
  if (span.attributes !== undefined) body.attributes = span.attributes;
  return body;
}
