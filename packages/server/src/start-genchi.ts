import { PriceBook } from '@genchi/core';
import { apiKeyValueSchema, projectNameSchema, type GenchiConfig } from '@genchi/spec';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.js';
import { buildApp, type BuildAppOptions } from './http/build-app.js';
import { SpanIngest } from './ingest/span-ingest.js';
import { createApiKey } from './keys/create-api-key.js';
import { hashKeySecret } from './keys/key-secrets.js';
import { KeyVerifier } from './keys/key-verifier.js';
import { openSqliteStorage } from './storage/sqlite/open-sqlite-storage.js';
import type { Storage } from './storage/storage.js';

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
}

/** A started genchi. */
export interface RunningGenchi {
  /** Base URL, e.g. http://127.0.0.1:4680 (empty when not listening). */
  url: string;
  app: FastifyInstance;
  context: AppContext;
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
  const project = (await storage.projects.projectByName(name)) ?? (await storage.projects.createProject(name));
  const grant = await storage.projects.grantOfKey(hashKeySecret(init.apiKey));
  if (grant === null) {
    await createApiKey(storage.projects, project.id, { name: 'initial admin key', scopes: ['admin'], secret: init.apiKey });
    log.info(`project "${name}" has its initial admin key`);
  } else if (grant.project.id !== project.id) {
    throw new Error(`the initial API key already belongs to project "${grant.project.name}", not "${name}"`);
  }
}

/** Opens the embedded store, bootstraps, builds the HTTP app and (by default) listens. */
export async function startGenchi(options: StartGenchiOptions): Promise<RunningGenchi> {
  const { config } = options;
  const storage = openSqliteStorage({
    directory: options.dataDirectory,
    cacheMiB: config.storage.cacheMiB,
    maxQueueBytes: config.ingest.maxQueueBytes,
    maxRowsPerCommit: config.ingest.maxRowsPerCommit,
    prices: config.prices,
  });
  try {
    const prices = new PriceBook(config.prices);
    const context: AppContext = { config, storage, prices, spans: new SpanIngest(storage.traces, prices), keys: new KeyVerifier(storage.projects) };
    const app = buildApp(context, {
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.credentialReaders ? { credentialReaders: options.credentialReaders } : {}),
    });
    await bootstrap(storage, app.log, options.init);
    const url = options.listen === false ? '' : await app.listen({ host: config.server.host, port: config.server.port });
    return {
      url: url.replace('[::1]', 'localhost'),
      app,
      context,
      async close() {
        await app.close();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
