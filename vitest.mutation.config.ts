import { defineConfig } from 'vitest/config';

// The unit tests, for mutation testing only (stryker.config.mjs): no e2e (they need a build of the mutant),
// and not electron-shell.test.ts, which runs the built out/main rather than the mutated source.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    exclude: ['tests/unit/electron-shell.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
