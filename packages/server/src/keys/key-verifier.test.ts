import { expect, it } from 'vitest';
import type { ProjectStore } from '../storage/storage.js';
import { KeyVerifier } from './key-verifier.js';

it('remembers answers by secret, and refuses a text longer than any key without looking it up', async () => {
  const lookups: string[] = [];
  const projects = { grantOfKey: async (hash: string) => (lookups.push(hash), null) } as unknown as ProjectStore;
  const verifier = new KeyVerifier(projects);
  expect(await verifier.verify('gk_short_but_unknown_0123456789')).toBeNull();
  expect(await verifier.verify('gk_short_but_unknown_0123456789')).toBeNull();
  expect(lookups).toHaveLength(1);
  expect(await verifier.verify(`gk_${'x'.repeat(5_000)}`)).toBeNull();
  expect(lookups).toHaveLength(1);
});
