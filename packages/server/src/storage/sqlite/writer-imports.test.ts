import { modulesLoadedBy } from '@genchi/testkit';
import { expect, it } from 'vitest';

// The writer thread is a second V8 heap in every genchi process. It loads the store's writers and
// what they need from core and spec, and no schema library: zod and ajv would add about 15 MB to
// every server's memory for nothing the thread uses.
it("keeps zod and ajv out of the writer thread's modules", () => {
  const writer = new URL('./store-writer.ts', import.meta.url).href;
  const loaded = modulesLoadedBy(writer);
  expect(loaded).toContain(writer);
  expect(loaded.filter((url) => /\/node_modules\/(zod|ajv)\//.test(url))).toEqual([]);
});
