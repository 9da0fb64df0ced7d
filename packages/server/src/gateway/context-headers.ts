import { defaultEnvironment, defaultTask } from '@genchi/spec';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from './gateway-error.js';

/** What a caller's `x-genchi-*` headers (and a W3C `traceparent`) say about a call. */
export interface CallContext {
  task: string;
  /** True when the caller named the task (a pinned or split task needs it). */
  taskNamed: boolean;
  environment: string;
  userId?: string;
  sessionId?: string;
  tags?: string[];
  promptId?: string;
  promptVersion?: string;
  traceId?: string;
  parentId?: string;
}

const environmentPattern = /^[a-z0-9][a-z0-9_.-]*$/i;
const traceparentPattern = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-[\da-f]{2}$/i;

function refuse(header: string, problem: string): GatewayError {
  return new GatewayError(400, `header ${header}: ${problem}`, { param: header, code: 'invalid_genchi_header' });
}

function text(headers: IncomingHttpHeaders, name: string, max: number): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  const single = Array.isArray(value) ? value.join(',') : value;
  const trimmed = single.trim();
  if (trimmed === '') return undefined;
  if (trimmed.length > max) throw refuse(name, `longer than ${max} characters`);
  return trimmed;
}

function recordId(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = text(headers, name, 128);
  if (value !== undefined && !/^[\x21-\x7e]+$/.test(value)) throw refuse(name, 'must be printable ASCII without spaces');
  return value;
}

function tagsOf(headers: IncomingHttpHeaders): string[] | undefined {
  const value = text(headers, 'x-genchi-tags', 5_000);
  if (value === undefined) return undefined;
  const tags = value.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
  if (tags.length > 50) throw refuse('x-genchi-tags', 'more than 50 tags');
  const long = tags.find((tag) => tag.length > 100);
  if (long !== undefined) throw refuse('x-genchi-tags', `tag ${long.slice(0, 20)}… is longer than 100 characters`);
  return tags;
}

function promptOf(headers: IncomingHttpHeaders): Pick<CallContext, 'promptId' | 'promptVersion'> {
  const value = text(headers, 'x-genchi-prompt', 301);
  if (value === undefined) return {};
  const at = value.lastIndexOf('@');
  const id = at === -1 ? value : value.slice(0, at);
  const version = at === -1 ? undefined : value.slice(at + 1);
  if (id === '' || id.length > 200) throw refuse('x-genchi-prompt', 'expected id@version, the id 1 to 200 characters');
  if (version !== undefined && (version === '' || version.length > 100)) throw refuse('x-genchi-prompt', 'expected id@version, the version 1 to 100 characters');
  return version === undefined ? { promptId: id } : { promptId: id, promptVersion: version };
}

function traceOf(headers: IncomingHttpHeaders): Pick<CallContext, 'traceId' | 'parentId'> {
  const value = headers.traceparent;
  if (typeof value !== 'string') return {};
  const match = traceparentPattern.exec(value.trim());
  return match ? { traceId: (match[1] as string).toLowerCase(), parentId: (match[2] as string).toLowerCase() } : {};
}

/** True when a request carries none of the context headers (most calls in a benchmark, say). */
function hasNoContext(headers: IncomingHttpHeaders): boolean {
  for (const name in headers) if (name.startsWith('x-genchi-') || name === 'traceparent') return false;
  return true;
}

const plainContext: CallContext = Object.freeze({ task: defaultTask, taskNamed: false, environment: defaultEnvironment });

/** Reads the context headers, or throws a 400 naming the header that is malformed (nothing is sent upstream then). */
export function readCallContext(headers: IncomingHttpHeaders): CallContext {
  if (hasNoContext(headers)) return plainContext;
  const task = text(headers, 'x-genchi-task', 200);
  const environment = text(headers, 'x-genchi-environment', 40);
  if (environment !== undefined && !environmentPattern.test(environment)) {
    throw refuse('x-genchi-environment', 'letters, digits, dot, dash and underscore, starting with a letter or digit');
  }
  const context: CallContext = { task: task ?? defaultTask, taskNamed: task !== undefined, environment: environment ?? defaultEnvironment };
  const userId = text(headers, 'x-genchi-user', 200);
  if (userId !== undefined) context.userId = userId;
  const sessionId = text(headers, 'x-genchi-session', 200);
  if (sessionId !== undefined) context.sessionId = sessionId;
  const tags = tagsOf(headers);
  if (tags !== undefined) context.tags = tags;
  Object.assign(context, promptOf(headers), traceOf(headers));
  const traceId = recordId(headers, 'x-genchi-trace-id');
  if (traceId !== undefined) context.traceId = traceId;
  const parentId = recordId(headers, 'x-genchi-parent-id');
  if (parentId !== undefined) context.parentId = parentId;
  return context;
}
