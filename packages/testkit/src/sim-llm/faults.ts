import type { ServerResponse } from 'node:http';
import {
  SIMULATED_BY,
  SIMULATED_HEADER,
  SimRequestError,
  resetConnection,
  sendError,
  startEventStream,
} from './http-io.js';
import type { SimFault } from './types.js';

/** How one fault changes an exchange. */
export interface FaultDefinition {
  /** Answers (or drops) the request instead of the model; returns true when nothing else may be sent. */
  intercept?: (res: ServerResponse, streaming: boolean) => boolean;
  /** The first token never comes sooner than this. */
  minimumFirstTokenMs?: number;
  /** A stream is cut (socket destroyed) after this many content chunks. */
  cutStreamAfterChunks?: number;
}

const MALFORMED_BODY = 'simulated malformed body: this is not JSON {"choices": [';

function httpError(status: number, type: string, code: string | null, message: string): FaultDefinition {
  const error = new SimRequestError(status, { message: `${message} (simulated fault)`, type, param: null, code });
  const headers = status === 429 ? { 'retry-after': '1' } : undefined;
  return {
    intercept: (res) => {
      sendError(res, error, headers);
      return true;
    },
  };
}

function sendMalformed(res: ServerResponse, streaming: boolean): boolean {
  if (streaming) {
    startEventStream(res);
    res.end(`data: ${MALFORMED_BODY}\n\n`);
    return true;
  }
  res.writeHead(200, { 'content-type': 'application/json', [SIMULATED_HEADER]: SIMULATED_BY });
  res.end(MALFORMED_BODY);
  return true;
}

function reset(res: ServerResponse): boolean {
  resetConnection(res);
  return true;
}

/** Every fault the simulator knows, by name. */
export const FAULTS: Readonly<Record<SimFault, FaultDefinition>> = {
  'http-500': httpError(500, 'server_error', null, 'The server had an error while processing your request.'),
  'http-503': httpError(503, 'server_error', null, 'The engine is currently overloaded, please try again later.'),
  'http-429': httpError(429, 'requests', 'rate_limit_exceeded', 'Rate limit reached for requests.'),
  'http-400': httpError(400, 'invalid_request_error', null, 'The request was rejected as invalid.'),
  // Accepts the request and never answers; close() destroys the socket.
  timeout: { intercept: () => true },
  reset: { intercept: reset },
  'mid-stream-error': { intercept: (res, streaming) => !streaming && reset(res), cutStreamAfterChunks: 2 },
  malformed: { intercept: sendMalformed },
  'slow-first-byte': { minimumFirstTokenMs: 2_000 },
};

/** Looks a fault up by name, throwing a 400 for unknown names. */
export function faultByName(name: string): FaultDefinition {
  const fault = Object.hasOwn(FAULTS, name) ? FAULTS[name as SimFault] : undefined;
  if (fault === undefined) {
    const known = Object.keys(FAULTS).join(', ');
    throw new SimRequestError(400, {
      message: `Unknown simulated fault '${name}'; known faults: ${known}.`,
      type: 'invalid_request_error',
      param: 'x-sim-fault',
      code: null,
    });
  }
  return fault;
}

/** Draws random faults at a given rate from a seeded generator, so runs repeat. */
export class FaultDraw {
  #rate = 0;
  #kinds: readonly SimFault[] = ['http-500'];
  #state: number;

  /** Starts with no faults and the given seed. */
  constructor(seed: number) {
    this.#state = seed >>> 0 || 1;
  }

  /** Sets the share of requests that fail and the faults drawn among. */
  configure(rate: number, kind?: SimFault | readonly SimFault[]): void {
    this.#rate = Math.min(Math.max(rate, 0), 1);
    if (kind !== undefined) this.#kinds = typeof kind === 'string' ? [kind] : [...kind];
  }

  /** A fault for this request, or undefined for most requests. */
  draw(): SimFault | undefined {
    if (this.#rate === 0 || this.#kinds.length === 0) return undefined;
    if (this.#next() >= this.#rate) return undefined;
    return this.#kinds[Math.floor(this.#next() * this.#kinds.length)];
  }

  // mulberry32: small, fast and good enough to spread simulated faults.
  #next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let value = this.#state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  }
}
