import { resolve } from 'node:path';
import { scopeListSchema, summarizeZodError } from '@genchi/spec';
import { createApiKey, openSqliteStorage, type Storage } from '@genchi/server';
import { parseFlags, UsageError } from '../arguments.js';

async function withStorage<Result>(data: string | undefined, work: (storage: Storage) => Promise<Result>): Promise<Result> {
  const storage = openSqliteStorage({ directory: resolve(data ?? process.env.GENCHI_DATA_DIR ?? '.genchi') });
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
    } else if (action === 'revoke') {
      const keyId = positionals[0];
      if (keyId === undefined) throw new UsageError('name the key id to revoke');
      if (!(await storage.projects.revokeKey(projectId, keyId))) throw new UsageError(`no key ${keyId} in project ${values.project}`);
      process.stderr.write(`revoked ${keyId}\n`);
    } else {
      throw new UsageError('genchi keys create|list|revoke --project P [--scopes ingest,read,admin] [--name N]');
    }
  });
}

/** `genchi projects create NAME | list`. */
export async function projects(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const { values, positionals } = parseFlags(rest, { data: { type: 'string' } });
  await withStorage(values.data, async (storage) => {
    if (action === 'create' && positionals[0]) {
      const project = await storage.projects.createProject(positionals[0]);
      process.stdout.write(`${project.id}\t${project.name}\n`);
    } else if (action === 'list') {
      for (const project of await storage.projects.listProjects()) process.stdout.write(`${project.id}\t${project.name}\n`);
    } else {
      throw new UsageError('genchi projects create NAME | list');
    }
  });
}
