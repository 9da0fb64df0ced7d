import { spawnSync } from 'node:child_process';

/**
 * The file URLs of every module a fresh Node process loads when it imports `entry` (a file URL of a
 * TypeScript source), with the workspace's source condition; for tests that keep a heavy dependency
 * out of a light entry point. Throws with the child's error output when the import fails.
 */
export function modulesLoadedBy(entry: string): string[] {
  const recordLoads = `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      if (resolved.url.startsWith('file:')) console.log(resolved.url);
      return resolved;
    }`)}`;
  const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(recordLoads)});`)}`;
  const run = spawnSync(process.execPath, ['--conditions', '@genchi/source', '--import', 'tsx', '--import', register, '--input-type=module', '-e', `await import(${JSON.stringify(entry)})`], {
    encoding: 'utf8',
    cwd: new URL('.', entry),
  });
  if (run.status !== 0 || run.stderr !== '') throw new Error(`importing ${entry} failed: ${run.stderr}`);
  return run.stdout.split('\n').filter(Boolean);
}
