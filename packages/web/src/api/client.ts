import type { WebClientHeader } from '@genchi/spec';

// Types only from spec: a value import would bundle zod and every schema into the page.
const webClientHeader: WebClientHeader = 'x-genchi-client';

/** An answer of the genchi API other than 2xx, with its OpenAI-shaped error. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly status: number, message: string, readonly type: string) {
    super(message);
  }
}

/** The event the app listens to when the session has ended (any 401). */
export const unauthorizedEvent = 'genchi:unauthorized';

/** Options of one API call. */
export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls the genchi API with the session cookie and the web UI's header; throws ApiError on failure. */
export async function api<Answer>(path: string, options: ApiOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { [webClientHeader]: 'web' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'genchi cannot be reached; is the server running?', 'network_error');
  }
  if (response.status === 401 && path !== '/v1/session') window.dispatchEvent(new Event(unauthorizedEvent));
  if (response.status === 204) return undefined as Answer;
  const text = await response.text();
  const parsed = text === '' ? null : (safeJson(text) as { error?: { message?: string; type?: string } } | null);
  if (!response.ok) {
    throw new ApiError(response.status, parsed?.error?.message ?? `${response.status} ${response.statusText}`, parsed?.error?.type ?? 'error');
  }
  return (parsed ?? text) as Answer;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Builds a query string from defined values. */
export function queryString(values: Record<string, string | number | boolean | undefined | null>): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') parameters.set(key, String(value));
  const text = parameters.toString();
  return text === '' ? '' : `?${text}`;
}
