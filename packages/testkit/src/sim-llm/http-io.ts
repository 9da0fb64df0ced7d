import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Header that names every response of the server as simulated. */
export const SIMULATED_HEADER = 'x-simulated';
/** Value of {@link SIMULATED_HEADER}. */
export const SIMULATED_BY = 'sim-llm';

/** The error body OpenAI answers with, inside `{ error }`. */
export interface OpenAiError {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** A request answered with an OpenAI error instead of a model reply. */
export class SimRequestError extends Error {
  /** Builds the error from its HTTP status and the fields of OpenAI's error shape. */
  constructor(
    readonly status: number,
    readonly body: OpenAiError,
  ) {
    super(body.message);
  }
}

/** A 400 `invalid_request_error` about one parameter. */
export function invalidRequest(message: string, param: string | null = null, code: string | null = null): SimRequestError {
  return new SimRequestError(400, { message, type: 'invalid_request_error', param, code });
}

/** Reads the whole request body as UTF-8 text, rejecting bodies above `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    let size = 0;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      size += chunk.length;
      if (size > limit) reject(new SimRequestError(413, tooLarge(limit)));
      else text += chunk;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/** Sends an already serialised JSON body. */
export function sendJsonText(res: ServerResponse, status: number, body: string, headers?: OutgoingHttpHeaders): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    [SIMULATED_HEADER]: SIMULATED_BY,
    ...headers,
  });
  res.end(body);
}

/** Serialises and sends a JSON body. */
export function sendJson(res: ServerResponse, status: number, payload: unknown, headers?: OutgoingHttpHeaders): void {
  sendJsonText(res, status, JSON.stringify(payload), headers);
}

/** Sends an error in OpenAI's shape `{ error: { message, type, param, code } }`. */
export function sendError(res: ServerResponse, error: SimRequestError, headers?: OutgoingHttpHeaders): void {
  sendJson(res, error.status, { error: error.body }, headers);
}

/** Starts a server-sent events response. */
export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    [SIMULATED_HEADER]: SIMULATED_BY,
  });
}

/** Whether the response can still be written to (the client has not gone, the server not closed). */
export function isWritable(res: ServerResponse): boolean {
  const socket = res.socket;
  return socket !== null && !socket.destroyed && !res.writableEnded;
}

/** Resets the connection (TCP RST) without answering. */
export function resetConnection(res: ServerResponse): void {
  res.socket?.resetAndDestroy();
}

function tooLarge(limit: number): OpenAiError {
  return {
    message: `Request body exceeds the simulated limit of ${limit} bytes.`,
    type: 'invalid_request_error',
    param: null,
    code: 'request_too_large',
  };
}
