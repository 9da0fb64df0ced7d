import { describe, expect, it } from 'vitest';
import { PriceBook } from './price-book.js';

describe('PriceBook', () => {
  const book = new PriceBook({ 'acme-small': { inputPerMillion: 1, outputPerMillion: 2 } });

  it('finds dated versions by their family name, longest name first', () => {
    expect(book.priceOf('gpt-4o-mini-2024-07-18')).toEqual(book.priceOf('gpt-4o-mini'));
    expect(book.priceOf('gpt-4o-2024-08-06')?.inputPerMillion).toBe(2.5);
    expect(book.priceOf('openai/gpt-4.1-nano')?.outputPerMillion).toBe(0.4);
    expect(book.priceOf('claude-3-5-sonnet-20241022')?.inputPerMillion).toBe(3);
  });

  it('does not match a name that merely shares letters', () => {
    expect(book.priceOf('gpt-4ox')).toBeNull();
    expect(book.priceOf('unknown-model')).toBeNull();
  });

  it('uses prices from config beside the bundled ones', () => {
    expect(book.costOf('acme-small', { inputTokens: 1_000_000, outputTokens: 500_000 })).toBeCloseTo(2);
  });

  it('bills cached input tokens at the cached rate', () => {
    const cost = book.costOf('gpt-4o', { inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 400_000 });
    expect(cost).toBeCloseTo(0.6 * 2.5 + 0.4 * 1.25);
  });
});
