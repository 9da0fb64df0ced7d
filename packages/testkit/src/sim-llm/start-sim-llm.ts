import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatCompletions } from './chat-completions.js';
import { isRecord } from './conversation.js';
import { embeddings } from './embeddings.js';
import { FaultDraw } from './faults.js';
import { SimRequestError, invalidRequest, readBody, resetConnection, sendError } from './http-io.js';
import { ModelResolver } from './model-resolver.js';
import { listModels, retrieveModel } from './list-models.js';
import { RequestLog } from './request-log.js';
import { responsesApi } from './responses-api.js';
import { RuleBook } from './rule-book.js';
import type { Exchange, Pace, SimContext } from './sim-context.js';
import { Sleeper } from './sleeper.js';
import type { SimLatency, SimLlm, SimLlmOptions, SimRecordedRequest } from './types.js';

/** An endpoint: the exchange, and the rest of the path after a prefix route's prefix. */
type RouteHandler = (exchange: Exchange, rest: string) => void | Promise<void>;

interface PrefixRoute {
  method: string;
  prefix: string;
  handle: RouteHandler;
}

const ROUTES: ReadonlyMap<string, RouteHandler> = new Map<string, RouteHandler>([
  ['POST /v1/chat/completions', chatCompletions],
  ['POST /v1/responses', responsesApi],
  ['POST /v1/embeddings', embeddings],
  ['GET /v1/models', listModels],
]);

const PREFIX_ROUTES: readonly PrefixRoute[] = [
  { method: 'GET', prefix: '/v1/models/', handle: (exchange, rest) => retrieveModel(exchange, decodeURIComponent(rest)) },
];

const BODY_LIMIT_BYTES = 32 * 1024 * 1024;
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const HEADERS_TIMEOUT_MS = 66_000;
const NO_BODY: Record<string, unknown> = {};

/** Starts a simulated OpenAI-compatible model server on 127.0.0.1; it never calls a real model. */
export async function startSimLlm(options: SimLlmOptions = {}): Promise<SimLlm> {
  const context = createContext(options);
  const log = new RequestLog(options.requestLogSize ?? 1_000);
  const server = createServer({ noDelay: true }, (req, res) => {
    handleRequest(req, res, context, log).catch((error: unknown) => fail(res, error));
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  const port = await listen(server, options.port ?? 0);
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    get requests(): readonly SimRecordedRequest[] {
      return log.list();
    },
    clearRequests: () => log.clear(),
    setRules: (rules) => context.rules.set(rules),
    addRule: (rule) => context.rules.add(rule),
    setResolvedModel: (requested, resolved) => context.models.pin(requested, resolved),
    setLatency: (latency) => {
      context.latency = toPace(latency);
    },
    setFaultRate: (rate, kind) => context.faults.configure(rate, kind),
    close: () => {
      closing ??= closeServer(server, context.sleeper);
      return closing;
    },
  };
}

function createContext(options: SimLlmOptions): SimContext {
  const rules = new RuleBook();
  rules.set(options.rules ?? []);
  const faults = new FaultDraw(options.seed ?? 1);
  faults.configure(options.faultRate ?? 0, options.faultKind);
  let sequence = 0;
  return {
    rules,
    models: new ModelResolver(options.resolvedModels),
    faults,
    sleeper: new Sleeper(),
    extraModels: options.models ?? [],
    embeddingDimensions: options.embeddingDimensions ?? 256,
    latency: toPace(options.latency ?? {}),
    nextId: () => (sequence += 1),
  };
}

function toPace(latency: SimLatency): Pace {
  return { firstTokenMs: latency.firstTokenMs ?? 0, perTokenMs: latency.perTokenMs ?? 0 };
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, context: SimContext, log: RequestLog): Promise<void> {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const method = req.method ?? 'GET';
  const text = await readBody(req, BODY_LIMIT_BYTES);
  const entry: SimRecordedRequest = { method, path, headers: req.headers, body: undefined, receivedAt: Date.now() };
  log.push(entry);
  const body = text === '' ? NO_BODY : parseBody(text, entry);
  const exact = ROUTES.get(`${method} ${path}`);
  if (exact !== undefined) return exact({ req, res, body, context }, '');
  const prefixed = PREFIX_ROUTES.find((route) => route.method === method && path.startsWith(route.prefix));
  if (prefixed !== undefined) return prefixed.handle({ req, res, body, context }, path.slice(prefixed.prefix.length));
  throw new SimRequestError(404, {
    message: `Invalid URL (${method} ${path})`,
    type: 'invalid_request_error',
    param: null,
    code: 'unknown_url',
  });
}

function parseBody(text: string, entry: SimRecordedRequest): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    entry.body = text;
    throw invalidRequest(
      'We could not parse the JSON body of your request. The simulated OpenAI API expects a JSON payload.',
    );
  }
  entry.body = body;
  if (!isRecord(body)) throw invalidRequest('The request body must be a JSON object.');
  return body;
}

function fail(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    resetConnection(res);
    return;
  }
  const answer =
    error instanceof SimRequestError
      ? error
      : new SimRequestError(500, {
          message: `sim-llm internal error: ${error instanceof Error ? error.message : String(error)}`,
          type: 'server_error',
          param: null,
          code: null,
        });
  sendError(res, answer);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server, sleeper: Sleeper): Promise<void> {
  return new Promise((resolve) => {
    sleeper.cancelAll();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
