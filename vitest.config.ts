import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@genchi/source` export condition (a name no third-party package uses).
const conditions = ['@genchi/source', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@genchi/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    // UI reads poll until the page shows what they expect (fetches land when they land).
    expect: { poll: { timeout: 10_000, interval: 50 } },
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
