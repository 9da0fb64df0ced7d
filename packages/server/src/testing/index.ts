export * from './start-test-genchi.js';
