/** The genchi command line; run it through `genchi` (bin) or `node packages/cli/dist/main.js`. */
export { loadConfig, ConfigError } from './load-config.js';
