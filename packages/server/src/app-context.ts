import type { PriceBook } from '@genchi/core';
import type { GenchiConfig } from '@genchi/spec';
import type { SpanIngest } from './ingest/span-ingest.js';
import type { Clock } from './jobs/clock.js';
import type { KeyVerifier } from './keys/key-verifier.js';
import type { Storage } from './storage/storage.js';

/** What route modules and jobs are handed: the store, config and the shared services built on them. */
export interface AppContext {
  config: GenchiConfig;
  storage: Storage;
  prices: PriceBook;
  spans: SpanIngest;
  keys: KeyVerifier;
  /** The time of jobs, schedules and review days (tests hand in their own). */
  clock: Clock;
}
