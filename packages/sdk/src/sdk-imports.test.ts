import { modulesLoadedBy } from '@genchi/testkit';
import { expect, it } from 'vitest';

// The SDK lives inside the application it observes: importing it loads no schema library. zod comes
// only with generateObject (the caller's own schemas), spec's schemas only when it words an error.
it('loads neither zod nor the spec schemas when the SDK is imported', () => {
  const entry = new URL('./index.ts', import.meta.url).href;
  const loaded = modulesLoadedBy(entry);
  expect(loaded).toContain(entry);
  expect(loaded.filter((url) => /\/node_modules\/zod\/|\/packages\/spec\/src\/(index|span)\.ts$/.test(url))).toEqual([]);
});
