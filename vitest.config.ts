import { defineConfig } from 'vitest/config';

// Two projects: `unit` (core, shared, handlers, server on real SQLite and real files; only
// electron-shell.test.ts needs a build: it runs out/main in Node with a fake `electron`) and
// `e2e` (the built app through `kite serve` in real Chromium, and the built CLI).
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
