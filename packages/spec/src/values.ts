// The plain values of the spec, without schemas: what code that must stay light (the store's writer
// thread) imports as `@genchi/spec/values` instead of the whole spec, which loads zod.
export * from './span-defaults.js';
export * from './feedback-labels.js';
export * from './score-values.js';
export * from './openai-usage.js';
