// Mutation testing (StrykerJS, vitest runner): `npm run mutation`. See scripts/mutation.ts for what
// it mutates: the folders issue 13 names by default, the changed files with --changed or MUTATION=1.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'bench-results/mutation-report.json' },
  thresholds: { high: 90, low: 80, break: null },
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['out', 'dist', 'test-results', 'bench-results', '.stryker-tmp'],
  timeoutMS: 30000,
  // The first run of every chosen test, on 2 cores shared with other work, can take minutes.
  dryRunTimeoutMinutes: 20,
};
