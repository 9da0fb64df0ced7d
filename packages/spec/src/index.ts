export * from './common.js';
export * from './errors.js';
export * from './span.js';
export * from './score.js';
export * from './ingest.js';
export * from './project.js';
export * from './query.js';
export * from './config.js';
