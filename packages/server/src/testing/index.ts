export * from './start-test-genchi.js';
export * from './review-fixtures.js';
