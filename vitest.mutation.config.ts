import { defineConfig } from 'vitest/config';

// The unit tests, for mutation testing only (stryker.config.mjs): no e2e (they need a build of the mutant),
// and not the electron-shell tests, which run the built out/main rather than the mutated source (and
// Stryker's sandbox has no out/).
// scripts/mutation.ts narrows the tests to those of the folders it mutates (KITE_MUTATION_TESTS: file names or globs in tests/unit, ! to leave one out).
const chosen = process.env.KITE_MUTATION_TESTS?.split(',').filter((name) => name !== '');
export default defineConfig({
  test: {
    include: chosen?.length ? chosen.filter((name) => !name.startsWith('!')).map((name) => `tests/unit/${name}`) : ['tests/unit/**/*.test.ts'],
    exclude: ['tests/unit/electron-shell*.test.ts', ...(chosen ?? []).filter((name) => name.startsWith('!')).map((name) => `tests/unit/${name.slice(1)}`)],
    environment: 'node',
    testTimeout: 30_000,
  },
});
