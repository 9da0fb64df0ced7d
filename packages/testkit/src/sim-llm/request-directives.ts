import type { IncomingHttpHeaders } from 'node:http';
import { faultByName, type FaultDefinition } from './faults.js';
import { invalidRequest } from './http-io.js';
import type { SimLatency, SimReply } from './types.js';

/** Per-request scripting read from `x-sim-reply`, `x-sim-fault` and `x-sim-latency` headers. */
export interface Directives {
  reply: SimReply | undefined;
  fault: FaultDefinition | undefined;
  latency: SimLatency | undefined;
}

const NONE: Directives = { reply: undefined, fault: undefined, latency: undefined };

/** Reads the scripting headers of a request, throwing a 400 when one is malformed. */
export function readDirectives(headers: IncomingHttpHeaders): Directives {
  const replyHeader = headers['x-sim-reply'];
  const faultHeader = headers['x-sim-fault'];
  const latencyHeader = headers['x-sim-latency'];
  if (replyHeader === undefined && faultHeader === undefined && latencyHeader === undefined) return NONE;
  return {
    reply: typeof replyHeader === 'string' ? parseReply(replyHeader) : undefined,
    fault: typeof faultHeader === 'string' ? faultByName(faultHeader.trim()) : undefined,
    latency: typeof latencyHeader === 'string' ? parseLatency(latencyHeader) : undefined,
  };
}

function parseReply(text: string): SimReply {
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    throw invalidRequest('The x-sim-reply header is not valid JSON.', 'x-sim-reply');
  }
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
    throw invalidRequest('The x-sim-reply header must be a JSON object.', 'x-sim-reply');
  }
  return reply as SimReply;
}

function parseLatency(text: string): SimLatency {
  const [first, per] = text.split(',').map((part) => (part.trim() === '' ? undefined : Number(part)));
  const valid = (value: number | undefined): boolean => value === undefined || (Number.isFinite(value) && value >= 0);
  if (!valid(first) || !valid(per)) {
    throw invalidRequest("The x-sim-latency header must read 'firstTokenMs,perTokenMs' in milliseconds.", 'x-sim-latency');
  }
  return {
    ...(first === undefined ? {} : { firstTokenMs: first }),
    ...(per === undefined ? {} : { perTokenMs: per }),
  };
}
