import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { projectNameSchema, scopeListSchema, summarizeZodError } from '@genchi/spec';
import { createApiKey, databaseFileName, openSqliteStorage, StorageConflictError, type Storage } from '@genchi/server';
import { parseFlags, UsageError } from '../arguments.js';

/**
 * Opens the store in the data folder for one command. Only `projects create` may start a store where
 * none is: anything else in a folder without one is a mistyped --data, not a wish for an empty store.
 */
async function withStorage<Result>(data: string | undefined, work: (storage: Storage) => Promise<Result>, options: { create?: boolean } = {}): Promise<Result> {
  const directory = resolve(data ?? process.env.GENCHI_DATA_DIR ?? '.genchi');
  if (!options.create && !existsSync(join(directory, databaseFileName))) {
    throw new UsageError(`no genchi store in ${directory}; give --data the folder genchi serve uses (its --data, default ./.genchi)`);
  }
  const storage = openSqliteStorage({ directory });
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

async function projectIdByName(storage: Storage, name: string | undefined): Promise<string> {
  if (name === undefined) throw new UsageError('--project is required');
  const project = await storage.projects.projectByName(name);
  if (project) return project.id;
  const known = (await storage.projects.listProjects()).map((candidate) => candidate.name);
  throw new UsageError(`no project named ${name}; projects: ${known.join(', ') || '(none)'}`);
}

/** `genchi keys create|list|revoke`: manages API keys in the embedded store directly. */
export async function keys(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const usage = 'genchi keys create|list|revoke --project P [--scopes ingest,read,admin] [--name N]';
  if (action !== 'create' && action !== 'list' && action !== 'revoke') throw new UsageError(action === undefined ? usage : `unknown action ${action}; ${usage}`);
  const { values, positionals } = parseFlags(rest, {
    project: { type: 'string' },
    scopes: { type: 'string', default: 'ingest,read' },
    name: { type: 'string', default: 'cli' },
    data: { type: 'string' },
  });
  await withStorage(values.data, async (storage) => {
    const projectId = await projectIdByName(storage, values.project);
    if (action === 'create') {
      const scopes = scopeListSchema.safeParse(values.scopes);
      if (!scopes.success) throw new UsageError(`--scopes ${summarizeZodError(scopes.error)}`);
      const { secret, key } = await createApiKey(storage.projects, projectId, { name: values.name ?? 'cli', scopes: scopes.data });
      process.stdout.write(`${secret}\n`);
      process.stderr.write(`created key ${key.id} (${key.scopes.join(',')}) for project ${values.project}; it is shown only this once\n`);
    } else if (action === 'list') {
      for (const key of await storage.projects.listKeys(projectId)) {
        process.stdout.write(`${key.id}\t${key.prefix}…\t${key.scopes.join(',')}\t${key.name}\tlast used ${key.lastUsedAt ?? 'never'}\n`);
      }
    } else {
      const keyId = positionals[0];
      if (keyId === undefined) throw new UsageError('name the key id to revoke');
      if (!(await storage.projects.revokeKey(projectId, keyId))) throw new UsageError(`no key ${keyId} in project ${values.project}`);
      process.stderr.write(`revoked ${keyId}\n`);
    }
  });
}

/** `genchi projects create NAME | list`. */
export async function projects(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const { values, positionals } = parseFlags(rest, { data: { type: 'string' } });
  const usage = 'genchi projects create NAME | list';
  if (action === 'create') {
    if (positionals[0] === undefined) throw new UsageError(usage);
    const name = projectNameSchema.safeParse(positionals[0]);
    if (!name.success) throw new UsageError(summarizeZodError(name.error, 'NAME'));
    const project = await withStorage(values.data, (storage) => storage.projects.createProject(name.data), { create: true }).catch((error: unknown) => {
      throw error instanceof StorageConflictError ? new UsageError(error.message) : error;
    });
    process.stdout.write(`${project.id}\t${project.name}\n`);
  } else if (action === 'list') {
    const list = await withStorage(values.data, (storage) => storage.projects.listProjects());
    for (const project of list) process.stdout.write(`${project.id}\t${project.name}\n`);
  } else {
    throw new UsageError(action === undefined ? usage : `unknown action ${action}; ${usage}`);
  }
}
