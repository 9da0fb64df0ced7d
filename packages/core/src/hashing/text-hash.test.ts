import { describe, expect, it } from 'vitest';
import { hash32, hash53 } from './text-hash.js';

describe('text hashes', () => {
  it('stay the same across versions: stored lookup keys and sticky variants depend on them', () => {
    expect(hash53('1:1:span-1')).toBe(1672035491047372);
    expect(hash32('support-reply\u0000ann')).toBe(1642654591);
  });

  it('give safe integers, and spread ids that differ in one character evenly', () => {
    const buckets = new Array<number>(16).fill(0);
    for (let index = 0; index < 16_000; index++) {
      const value = hash53(`span-${index}`);
      expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
      buckets[Math.floor((value / 2 ** 53) * 16)]! += 1;
    }
    for (const count of buckets) expect(Math.abs(count - 1_000)).toBeLessThan(150);
  });
});
