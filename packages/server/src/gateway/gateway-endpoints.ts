import type { SpanKind } from '@genchi/spec';
import { readChatCompletion } from './chat-completion-reader.js';
import { readEmbeddings } from './embeddings-reader.js';
import type { ExchangeReading } from './exchange-reading.js';
import { readResponses } from './responses-reader.js';

/** A problem with a request body: the field and what is wrong with it. */
export interface BodyProblem {
  param: string;
  message: string;
}

/** One model endpoint the gateway forwards, as data: its paths, how to check a body, and how to read an answer. */
export interface GatewayEndpoint {
  /** The span's name (the same as the SDK's for the same call). */
  name: string;
  path: string;
  /** The path after the provider's base URL. */
  upstreamPath: string;
  spanKind: SpanKind;
  /** Body fields that hold the content (kept as the span's input), not parameters. */
  contentFields: readonly string[];
  /** The field that holds the input. */
  inputField: string;
  /** True when a body without its input field is refused before anything is sent. */
  inputRequired: boolean;
  /** True when genchi may add `stream_options.include_usage` to a streaming body. */
  injectsUsage: boolean;
  /** True when a task's shadow models get a copy of this call. */
  shadowable: boolean;
  read(text: string, streamed: boolean, status: number): ExchangeReading;
  /** The span's input from a body. */
  input(body: Record<string, unknown>): unknown;
}

function responsesInput(body: Record<string, unknown>): unknown {
  const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : body.input;
  if (typeof body.instructions !== 'string') return input;
  return [{ role: 'system', content: body.instructions }, ...(Array.isArray(input) ? input : input === undefined ? [] : [input])];
}

/** The model endpoints of the gateway. A new endpoint adds an entry. */
export const gatewayEndpoints: readonly GatewayEndpoint[] = [
  {
    name: 'chat.completions.create',
    path: '/v1/chat/completions',
    upstreamPath: '/chat/completions',
    spanKind: 'llm',
    contentFields: ['model', 'messages'],
    inputField: 'messages',
    inputRequired: true,
    injectsUsage: true,
    shadowable: true,
    read: readChatCompletion,
    input: (body) => body.messages,
  },
  {
    name: 'responses.create',
    path: '/v1/responses',
    upstreamPath: '/responses',
    spanKind: 'llm',
    contentFields: ['model', 'input', 'instructions'],
    inputField: 'input',
    inputRequired: false,
    injectsUsage: false,
    shadowable: true,
    read: readResponses,
    input: responsesInput,
  },
  {
    name: 'embeddings.create',
    path: '/v1/embeddings',
    upstreamPath: '/embeddings',
    spanKind: 'embedding',
    contentFields: ['model', 'input'],
    inputField: 'input',
    inputRequired: true,
    injectsUsage: false,
    shadowable: false,
    read: readEmbeddings,
    input: (body) => body.input,
  },
];

/** The first problem of a model call's body (a JSON object with a model name and its input), or null. */
export function bodyProblem(endpoint: GatewayEndpoint, body: unknown): BodyProblem | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { param: 'body', message: 'body: expected a JSON object' };
  const record = body as Record<string, unknown>;
  if (typeof record.model !== 'string' || record.model === '') return { param: 'model', message: 'body.model: expected the name of a model' };
  const input = record[endpoint.inputField];
  if (endpoint.inputRequired && (input === undefined || input === null)) {
    return { param: endpoint.inputField, message: `body.${endpoint.inputField}: required` };
  }
  if (endpoint.inputField === 'messages' && input !== undefined && !Array.isArray(input)) {
    return { param: 'messages', message: `body.messages: expected an array of messages, got ${typeof input}` };
  }
  if (record.stream !== undefined && typeof record.stream !== 'boolean') return { param: 'stream', message: 'body.stream: expected true or false' };
  return null;
}

/** The call's parameters: every body field that is not content. */
export function paramsOf(endpoint: GatewayEndpoint, body: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const key in body) if (!endpoint.contentFields.includes(key)) params[key] = body[key];
  return params;
}
