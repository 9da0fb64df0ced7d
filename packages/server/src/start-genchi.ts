import { PriceBook } from '@genchi/core';
import { apiKeyValueSchema, projectNameSchema, type GenchiConfig } from '@genchi/spec';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.js';
import { buildApp, type BuildAppOptions } from './http/build-app.js';
import { SpanIngest } from './ingest/span-ingest.js';
import { systemClock, type Clock } from './jobs/clock.js';
import { jobKinds, jobSchedules } from './jobs/job-registry.js';
import { JobRunner } from './jobs/job-runner.js';
import { createApiKey } from './keys/create-api-key.js';
import { hashKeySecret } from './keys/key-secrets.js';
import { KeyVerifier } from './keys/key-verifier.js';
import { openSqliteStorage } from './storage/sqlite/open-sqlite-storage.js';
import type { Storage } from './storage/storage.js';
import { issueLoginToken, loginProjectOf } from './web/login-link.js';
import { sessionCookieReader } from './web/session-reader.js';

/** What a headless first start creates: a project and an admin key with a chosen value. */
export interface InitialProject {
  projectName: string;
  apiKey: string;
}

/** Options of {@link startGenchi}. */
export interface StartGenchiOptions {
  config: GenchiConfig;
  /** Folder of the embedded store. */
  dataDirectory: string;
  init?: InitialProject;
  logger?: FastifyBaseLogger;
  /** False to build everything without listening (for in-process tests). */
  listen?: boolean;
  credentialReaders?: BuildAppOptions['credentialReaders'];
  /** The time of jobs and review days; the wall clock when absent. */
  clock?: Clock;
  /** Whether this process runs the job runner's loop (config `jobs.enabled` when absent). */
  runJobs?: boolean;
}

/** A started genchi. */
export interface RunningGenchi {
  /** Base URL, e.g. http://127.0.0.1:4680 (empty when not listening). */
  url: string;
  app: FastifyInstance;
  context: AppContext;
  /** The job runner (polling unless jobs are off; `tick()` runs a round by hand). */
  jobs: JobRunner;
  /** A one-time token for `/login#<token>`, or null when login links are off. */
  loginToken: string | null;
  close(): Promise<void>;
}

/** Creates the initial project and admin key when asked, or a `default` project on an empty store. */
async function bootstrap(storage: Storage, log: FastifyBaseLogger, init: InitialProject | undefined): Promise<void> {
  if (init === undefined) {
    if ((await storage.projects.listProjects()).length > 0) return;
    await storage.projects.createProject('default');
    log.info('created project "default"; create a key with: npx genchi keys create --project default --scopes ingest,read,admin');
    return;
  }
  const name = projectNameSchema.parse(init.projectName);
  apiKeyValueSchema.parse(init.apiKey);
  const grant = await storage.projects.grantOfKey(hashKeySecret(init.apiKey));
  if (grant !== null && grant.project.name !== name) {
    throw new InitialProjectError(`GENCHI_INIT_API_KEY is already a key of project "${grant.project.name}", not of "${name}"`);
  }
  const existing = await storage.projects.projectByName(name);
  const project = existing ?? (await storage.projects.createProject(name));
  if (grant === null) {
    await createApiKey(storage.projects, project.id, { name: 'initial admin key', scopes: ['admin'], secret: init.apiKey });
    log.info(
      existing === null
        ? `project "${name}" has its initial admin key`
        : `project "${name}" has a new admin key from GENCHI_INIT_API_KEY; keys it had stay valid until revoked (genchi keys list / revoke)`,
    );
  }
}

/** The headless first start's project and key contradict the store (a person changes the environment, not genchi). */
export class InitialProjectError extends Error {
  override readonly name = 'InitialProjectError';
}

/** Opens the embedded store, bootstraps, builds the HTTP app and (by default) listens. */
export async function startGenchi(options: StartGenchiOptions): Promise<RunningGenchi> {
  const { config } = options;
  const storage = openSqliteStorage({
    directory: options.dataDirectory,
    cacheMiB: config.storage.cacheMiB,
    writerCacheMiB: config.storage.writerCacheMiB,
    commitWindowMs: config.storage.commitWindowMs,
    backgroundCommitMs: config.storage.backgroundCommitMs,
    maxQueueBytes: config.ingest.maxQueueBytes,
    maxRowsPerCommit: config.ingest.maxRowsPerCommit,
    prices: config.prices,
  });
  let app: FastifyInstance | undefined;
  try {
    const prices = new PriceBook(config.prices);
    const clock = options.clock ?? systemClock;
    const context: AppContext = { config, storage, prices, spans: new SpanIngest(storage.traces, prices), keys: new KeyVerifier(storage.projects), clock };
    app = buildApp(context, {
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      credentialReaders: [sessionCookieReader(storage.sessions, clock), ...(options.credentialReaders ?? [])],
    });
    await bootstrap(storage, app.log, options.init);
    const loginProject = config.web.loginLink ? await loginProjectOf(storage, options.init?.projectName) : null;
    const loginToken = loginProject === null ? null : await issueLoginToken(storage, loginProject, clock.now());
    const jobs = new JobRunner(context, { kinds: jobKinds, schedules: jobSchedules, pollIntervalMs: config.jobs.pollIntervalMs, leaseMs: config.jobs.leaseMs, logger: app.log });
    const url = options.listen === false ? '' : await app.listen({ host: config.server.host, port: config.server.port });
    // Only once listening: a start that fails leaves no job rounds behind, polling a closed store.
    if (options.runJobs ?? config.jobs.enabled) jobs.start();
    const started = app;
    return {
      url: url.replace('[::1]', 'localhost'),
      app,
      context,
      jobs,
      loginToken,
      async close() {
        await jobs.stop();
        await started.close();
        await storage.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await storage.close();
    throw error;
  }
}
