import { variantConfigSchema } from '@genchi/spec';
import { describe, expect, it } from 'vitest';
import { assignVariant } from './variant-assignment.js';

const variants = [
  variantConfigSchema.parse({ name: 'control', model: 'gpt-4o-2024-08-06', weight: 3 }),
  variantConfigSchema.parse({ name: 'candidate', model: 'gpt-4o-mini-2024-07-18', weight: 1, promptVersion: '7' }),
];

describe('A/B assignment', () => {
  it('gives a user the same variant every time', () => {
    for (let user = 0; user < 200; user += 1) {
      const first = assignVariant('categorize', variants, { userId: `user-${user}` });
      for (let again = 0; again < 3; again += 1) expect(assignVariant('categorize', variants, { userId: `user-${user}` })).toEqual(first);
    }
  });

  it('respects the weights across users (3:1 within a few percent)', () => {
    let candidate = 0;
    const users = 20_000;
    for (let user = 0; user < users; user += 1) {
      if (assignVariant('categorize', variants, { userId: `user-${user}` })?.variant.name === 'candidate') candidate += 1;
    }
    expect(candidate / users).toBeGreaterThan(0.23);
    expect(candidate / users).toBeLessThan(0.27);
  });

  it('falls back to the session, then to a draw per request', () => {
    expect(assignVariant('t', variants, { sessionId: 's-1' })?.stickyBy).toBe('session');
    expect(assignVariant('t', variants, { sessionId: 's-1' })).toEqual(assignVariant('t', variants, { sessionId: 's-1' }));
    expect(assignVariant('t', variants, {}, () => 0.1)).toEqual({ variant: variants[0], stickyBy: 'random' });
    expect(assignVariant('t', variants, {}, () => 0.9)).toEqual({ variant: variants[1], stickyBy: 'random' });
  });

  it('never picks a variant of weight 0 and gives null without variants', () => {
    const off = [variants[0]!, { ...variants[1]!, weight: 0 }];
    for (let user = 0; user < 500; user += 1) expect(assignVariant('t', off, { userId: String(user) })?.variant.name).toBe('control');
    expect(assignVariant('t', [], { userId: 'u' })).toBeNull();
  });

  it('assigns independently per task', () => {
    const differs = Array.from({ length: 200 }, (_, user) => String(user)).some(
      (user) => assignVariant('a', variants, { userId: user })?.variant.name !== assignVariant('b', variants, { userId: user })?.variant.name,
    );
    expect(differs).toBe(true);
  });
});
