import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultDraw } from './faults.js';
import type { ModelResolver } from './model-resolver.js';
import type { RuleBook } from './rule-book.js';
import type { Sleeper } from './sleeper.js';

/** Simulated generation speed with every field set. */
export interface Pace {
  firstTokenMs: number;
  perTokenMs: number;
}

/** The mutable state of one simulated server, shared by its endpoints. */
export interface SimContext {
  readonly rules: RuleBook;
  readonly models: ModelResolver;
  readonly faults: FaultDraw;
  readonly sleeper: Sleeper;
  readonly extraModels: readonly string[];
  readonly embeddingDimensions: number;
  latency: Pace;
  /** A fresh number for response and call ids. */
  nextId(): number;
}

/** One request being answered: the HTTP pair, its parsed JSON body and the server state. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly body: Record<string, unknown>;
  readonly context: SimContext;
}

/** An endpoint of the simulated server. */
export type EndpointHandler = (exchange: Exchange) => void | Promise<void>;
