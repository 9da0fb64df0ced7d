import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { genchiConfigSchema, type ApiKeyScope, type GenchiConfigInput } from '@genchi/spec';
import { createApiKey } from '../keys/create-api-key.js';
import { startGenchi, type RunningGenchi, type StartGenchiOptions } from '../start-genchi.js';

/** A genchi on a throw-away store, with a project and an admin key, for tests. */
export interface TestGenchi extends RunningGenchi {
  /** The admin key of the project `test`. */
  apiKey: string;
  projectId: string;
  dataDirectory: string;
  /** Creates another key of the project with the given scopes. */
  keyWith(scopes: ApiKeyScope[]): Promise<string>;
  /** `Authorization` headers for a key (the admin key by default). */
  headers(key?: string): Record<string, string>;
}

/** Starts genchi in a temporary folder (listening on 127.0.0.1 with a free port unless `listen: false`). */
export async function startTestGenchi(
  options: { config?: GenchiConfigInput; listen?: boolean } & Pick<StartGenchiOptions, 'credentialReaders' | 'logger' | 'clock' | 'runJobs'> = {},
): Promise<TestGenchi> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'genchi-test-'));
  const apiKey = 'gk_test_admin_key_0123456789abcdef';
  const input = options.config ?? {};
  const config = genchiConfigSchema.parse({ ...input, server: { port: 0, ...input.server } });
  const running = await startGenchi({
    config,
    dataDirectory,
    init: { projectName: 'test', apiKey },
    listen: options.listen ?? true,
    ...(options.credentialReaders ? { credentialReaders: options.credentialReaders } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.runJobs === undefined ? {} : { runJobs: options.runJobs }),
  });
  const project = await running.context.storage.projects.projectByName('test');
  if (project === null) throw new Error('the test project was not created');
  return {
    ...running,
    apiKey,
    projectId: project.id,
    dataDirectory,
    async keyWith(scopes) {
      return (await createApiKey(running.context.storage.projects, project.id, { name: 'test', scopes })).secret;
    },
    headers: (key = apiKey) => ({ authorization: `Bearer ${key}` }),
    async close() {
      await running.close();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
