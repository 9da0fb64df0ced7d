import type { SpanKind, SpanQueryInput, SpanStatus } from '@genchi/spec';

const statuses: readonly SpanStatus[] = ['ok', 'error', 'cancelled'];
const kinds: readonly SpanKind[] = ['llm', 'embedding', 'chain', 'agent', 'retrieval', 'reranker', 'tool', 'guardrail', 'evaluator', 'span'];

/** The filters of `GET /v1/spans` that the traces page offers, as data: each is a URL parameter of the page and of the API. */
export const spanFilterFields = [
  { key: 'from', label: 'Since', choices: ['1h', '24h', '7d', '30d'] },
  { key: 'task', label: 'Task' },
  { key: 'model', label: 'Model' },
  { key: 'environment', label: 'Environment' },
  { key: 'status', label: 'Status', choices: statuses },
  { key: 'kind', label: 'Kind', choices: kinds },
  { key: 'tag', label: 'Tag' },
  { key: 'userId', label: 'User' },
  { key: 'sessionId', label: 'Session' },
  { key: 'traceId', label: 'Trace' },
] as const satisfies ReadonlyArray<{ key: keyof SpanQueryInput; label: string; choices?: readonly string[] }>;

/** A filter's URL parameter. */
export type SpanFilterKey = (typeof spanFilterFields)[number]['key'];

/** The filters in force: only the ones set. */
export type SpanFilters = Partial<Record<SpanFilterKey, string>>;

const filterKeys = new Set<string>(spanFilterFields.map((field) => field.key));

/** The filters named in a page's query string (unknown parameters and empty values are ignored). */
export function filtersFromSearch(search: URLSearchParams): SpanFilters {
  const filters: SpanFilters = {};
  for (const [key, value] of search) if (filterKeys.has(key) && value.trim() !== '') filters[key as SpanFilterKey] = value.trim();
  return filters;
}

/** The query string of a set of filters, in the fields' order, so that equal filters give equal URLs. */
export function searchOfFilters(filters: SpanFilters): string {
  const parameters = new URLSearchParams();
  for (const field of spanFilterFields) {
    const value = filters[field.key];
    if (value !== undefined && value !== '') parameters.set(field.key, value);
  }
  const text = parameters.toString();
  return text === '' ? '' : `?${text}`;
}

/** The API path of one page of spans for these filters. */
export function spansPath(filters: SpanFilters, cursor: string | null, limit = 100): string {
  const parameters = new URLSearchParams(searchOfFilters(filters));
  parameters.set('limit', String(limit));
  if (cursor !== null) parameters.set('cursor', cursor);
  return `/v1/spans?${parameters.toString()}`;
}

/** Whether any filter is set. */
export function hasFilters(filters: SpanFilters): boolean {
  return Object.keys(filters).length > 0;
}
