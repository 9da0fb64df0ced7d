import type { ModelPrice } from '@genchi/spec';
import { bundledPrices } from './bundled-prices.js';

/** Token counts a cost is computed from. */
export interface BilledTokens {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number | null;
}

/** Finds a model's price: exact name first, then the longest known name the model starts with. */
export class PriceBook {
  private readonly prices: Map<string, ModelPrice>;
  private readonly namesLongestFirst: string[];
  private readonly cache = new Map<string, ModelPrice | null>();

  /** Builds a book from the bundled table overlaid with `overrides` (from config). */
  constructor(overrides: Readonly<Record<string, ModelPrice>> = {}) {
    this.prices = new Map(Object.entries({ ...bundledPrices, ...overrides }).map(([name, price]) => [name.toLowerCase(), price]));
    this.namesLongestFirst = [...this.prices.keys()].sort((a, b) => b.length - a.length);
  }

  /** The price of a model name such as `openai/gpt-4o-mini-2024-07-18`, or null when unknown. */
  priceOf(model: string): ModelPrice | null {
    const cached = this.cache.get(model);
    if (cached !== undefined) return cached;
    const found = this.lookup(model);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(model, found);
    return found;
  }

  /** The cost in US dollars of tokens on a model, or null when the model's price is unknown. */
  costOf(model: string, tokens: BilledTokens): number | null {
    const price = this.priceOf(model);
    if (price === null) return null;
    const cached = Math.min(tokens.cachedInputTokens ?? 0, tokens.inputTokens);
    const cachedRate = price.cachedInputPerMillion ?? price.inputPerMillion;
    const dollars =
      (tokens.inputTokens - cached) * price.inputPerMillion + cached * cachedRate + tokens.outputTokens * price.outputPerMillion;
    return dollars / 1_000_000;
  }

  private lookup(model: string): ModelPrice | null {
    const lower = model.toLowerCase();
    const bare = lower.includes('/') ? lower.slice(lower.lastIndexOf('/') + 1) : lower;
    const exact = this.prices.get(lower) ?? this.prices.get(bare);
    if (exact) return exact;
    for (const name of this.namesLongestFirst) {
      if (bare.startsWith(name) && /^[-@:.]/.test(bare.slice(name.length))) return this.prices.get(name) ?? null;
    }
    return null;
  }
}
