import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

// The writer thread is a second V8 heap in every genchi process. It loads the store's writers and
// what they need from core and spec, and no schema library: zod and ajv would add about 15 MB to
// every server's memory for nothing the thread uses.
it("keeps zod and ajv out of the writer thread's modules", () => {
  const recordLoads = `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      if (resolved.url.startsWith('file:')) console.log(resolved.url);
      return resolved;
    }`)}`;
  const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(recordLoads)});`)}`;
  const writer = new URL('./store-writer.ts', import.meta.url).href;
  const run = spawnSync(process.execPath, ['--conditions', '@genchi/source', '--import', 'tsx', '--import', register, '--input-type=module', '-e', `await import(${JSON.stringify(writer)})`], {
    encoding: 'utf8',
    cwd: new URL('.', import.meta.url),
  });
  expect(run.stderr).toBe('');
  const loaded = run.stdout.split('\n').filter(Boolean);
  expect(loaded).toContain(writer);
  expect(loaded.filter((url) => /\/node_modules\/(zod|ajv)\//.test(url))).toEqual([]);
});
