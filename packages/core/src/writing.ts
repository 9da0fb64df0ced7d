// What the store's writer thread needs from core, and nothing that loads zod or the evaluators:
// `@genchi/core/writing` keeps that thread's memory small. The index re-exports all of it.
export * from './spans/span-record.js';
export * from './spans/derive-span.js';
export * from './spans/merge-span.js';
export * from './spans/message-text.js';
export * from './pricing/price-book.js';
export * from './hashing/text-hash.js';
export * from './feedback/label-strength.js';
export * from './feedback/derive-feedback.js';
