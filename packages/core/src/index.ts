export * from './spans/span-record.js';
export * from './spans/derive-span.js';
export * from './spans/merge-span.js';
export * from './spans/message-text.js';
export * from './pricing/bundled-prices.js';
export * from './pricing/price-book.js';
export * from './tokens/count-tokens.js';
export * from './stats/percentile.js';
