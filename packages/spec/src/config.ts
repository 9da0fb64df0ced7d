import { z } from 'zod';
import { checkTaskModelReferences, gatewayConfigSchema, providerConfigSchema, providerNameSchema, taskConfigSchema } from './gateway-config.js';
import { nameSchema } from './common.js';
import { jobsConfigSchema, reviewConfigSchema, webConfigSchema } from './web-config.js';
import { checkJudgeModelReferences, checksConfigSchema } from './checks-config.js';

/** A model's price in US dollars per million tokens. */
export const modelPriceSchema = z.strictObject({
  inputPerMillion: z.number().nonnegative(),
  outputPerMillion: z.number().nonnegative(),
  cachedInputPerMillion: z.number().nonnegative().optional(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** Settings of the HTTP server. */
export const serverConfigSchema = z.strictObject({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(4680),
  bodyLimitBytes: z.number().int().positive().default(10 * 1024 * 1024),
  /**
   * Web origins (`https://app.example.com`, or `*` for any) whose pages may call the browser-safe
   * endpoints (`POST /v1/feedback`); empty, the default, turns CORS off.
   */
  corsOrigins: z.array(z.string().regex(/^(\*|https?:\/\/[^/\s]+)$/, 'an origin such as https://app.example.com (no path), or *')).default([]),
});

/** Settings of the write path. */
export const ingestConfigSchema = z.strictObject({
  /** Bytes of acknowledged-but-unwritten batches the server holds before answering 503. */
  maxQueueBytes: z.number().int().positive().default(64 * 1024 * 1024),
  /** Rows written in one transaction at most (group commit). */
  maxRowsPerCommit: z.number().int().positive().default(4000),
});

/** Settings of the embedded store. */
export const storageConfigSchema = z.strictObject({
  /** SQLite page cache of the connection that serves queries, in MiB. */
  cacheMiB: z.number().int().positive().default(32),
  /**
   * SQLite page cache of the writer thread's connection, in MiB. Writes touch the right-hand edges of
   * the tables and the index pages of the keys they add, so the writer needs less than the queries do.
   */
  writerCacheMiB: z.number().int().positive().default(2),
  /** Least time between two commits of the writer: writes arriving meanwhile share one commit. */
  commitWindowMs: z.number().int().min(0).max(1_000).default(10),
  /**
   * The same while only writes nobody waits on are pending (the gateway's log of answered calls, key
   * usage): fewer, larger commits, since every commit rewrites the pages of the hashed keys it adds.
   */
  backgroundCommitMs: z.number().int().min(0).max(5_000).default(250),
});

/** The whole of `genchi.config.yaml`. Unknown keys are refused so that a typo is named, not ignored. */
export const genchiConfigSchema = z.strictObject({
  server: serverConfigSchema.prefault({}),
  ingest: ingestConfigSchema.prefault({}),
  storage: storageConfigSchema.prefault({}),
  /** Prices that extend or override the bundled table, keyed by model name. */
  prices: z.record(z.string(), modelPriceSchema).default({}),
  review: reviewConfigSchema.prefault({}),
  jobs: jobsConfigSchema.prefault({}),
  web: webConfigSchema.prefault({}),
  /** Upstream OpenAI-compatible providers of the gateway, by name. */
  providers: z.record(providerNameSchema, providerConfigSchema).default({}),
  /** What the gateway does per task: pinned model, shadows, A/B variants. */
  tasks: z.record(nameSchema, taskConfigSchema).default({}),
  gateway: gatewayConfigSchema.prefault({}),
  /** Assertions, judges and online evaluation. */
  checks: checksConfigSchema.prefault({}),
}).superRefine(checkTaskModelReferences).superRefine(checkJudgeModelReferences);
export type GenchiConfigInput = z.input<typeof genchiConfigSchema>;
export type GenchiConfig = z.output<typeof genchiConfigSchema>;
