import type { IncomingHttpHeaders } from 'node:http';

/** Names of the faults the simulated server can inject. */
export type SimFault =
  | 'http-500'
  | 'http-503'
  | 'http-429'
  | 'http-400'
  | 'timeout'
  | 'reset'
  | 'mid-stream-error'
  | 'malformed'
  | 'slow-first-byte';

/** Simulated generation speed: time to the first token, then time per output token, in milliseconds. */
export interface SimLatency {
  firstTokenMs?: number;
  perTokenMs?: number;
}

/** A finish reason the simulated model may report. */
export type SimFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** A tool call the simulated model answers with; object arguments are serialised to JSON. */
export interface SimToolCall {
  name: string;
  arguments: Record<string, unknown> | string;
}

/** A scripted answer: text, tool calls or JSON, with optional length, fault and latency. */
export interface SimReply {
  content?: string;
  toolCalls?: readonly SimToolCall[];
  /** Serialised as the content when no `content` is given. */
  json?: unknown;
  finishReason?: SimFinishReason;
  /** Pads the content up to this many simulated tokens (about 4 characters each). */
  outputTokens?: number;
  fault?: SimFault;
  latency?: SimLatency;
}

/** Conditions a request must meet for a rule to apply; all given conditions must hold. */
export interface SimRuleMatch {
  /** The requested model name, compared exactly (string) or tested (RegExp). */
  model?: string | RegExp;
  /** Tested against the text of the last user message (substring or RegExp). */
  contains?: string | RegExp;
  /** Tested against the joined system and developer messages (substring or RegExp). */
  system?: string | RegExp;
  /** Request headers that must be present with exactly these values (names are case-insensitive). */
  header?: Readonly<Record<string, string>>;
}

/** A scripted answer for chat and responses requests; the first matching rule wins. */
export interface SimRule {
  match?: SimRuleMatch;
  reply: SimReply;
  /** The rule expires after this many uses. */
  times?: number;
}

/** One request as the simulated server received it. */
export interface SimRecordedRequest {
  method: string;
  /** The URL path without its query string. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, the raw text when it was not JSON, or undefined when empty. */
  body: unknown;
  /** Milliseconds since the epoch when the request was read. */
  receivedAt: number;
}

/** Options of {@link startSimLlm}. */
export interface SimLlmOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  rules?: readonly SimRule[];
  latency?: SimLatency;
  /** Requested model name → the dated version the simulated provider answers with. */
  resolvedModels?: Readonly<Record<string, string>>;
  /** Extra model names listed by `GET /v1/models`. */
  models?: readonly string[];
  /** Share of requests (0..1) that fail with a random fault from `faultKind`. */
  faultRate?: number;
  /** The fault, or faults picked among at random, used by `faultRate` (default `http-500`). */
  faultKind?: SimFault | readonly SimFault[];
  /** Seed of the generator that draws random faults, so runs repeat (default 1). */
  seed?: number;
  /** Length of embedding vectors when the request names no `dimensions` (default 256). */
  embeddingDimensions?: number;
  /** How many requests the log keeps (default 1,000). */
  requestLogSize?: number;
}

/** A running simulated OpenAI-compatible model server. */
export interface SimLlm {
  /** Base URL ending in `/v1`, e.g. `http://127.0.0.1:4681/v1`. */
  readonly url: string;
  readonly port: number;
  /** The most recent requests, oldest first. */
  readonly requests: readonly SimRecordedRequest[];
  clearRequests(): void;
  /** Replaces all scripted rules. */
  setRules(rules: readonly SimRule[]): void;
  /** Appends a scripted rule after the existing ones. */
  addRule(rule: SimRule): void;
  /** Makes the server answer `resolved` as the model for requests naming `requested`. */
  setResolvedModel(requested: string, resolved: string): void;
  /** Replaces the server-wide latency; missing fields become 0. */
  setLatency(latency: SimLatency): void;
  /** Changes the random fault rate and, optionally, the faults drawn. */
  setFaultRate(rate: number, kind?: SimFault | readonly SimFault[]): void;
  /** Stops listening and destroys every open socket, hung ones included. */
  close(): Promise<void>;
}
