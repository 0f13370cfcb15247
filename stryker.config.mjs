// Mutation testing (docs/mutation-testing.md): `npm run mutation`, reports in reports/mutation/.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Only the tests of the mutated code (vitest.stryker.config.ts), not vitest's search for related files.
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  mutate: [
    'src/shared/**/*.ts',
    // The contract's schemas and types are declarations; only its derived facts and messages are logic.
    '!src/shared/contract/**',
    'src/shared/contract/facts.ts',
    'src/shared/contract/messages.ts',
    // Money, matching and settlement.
    'src/main/payments/match.ts',
    'src/main/payments/settle.ts',
    'src/main/payments/suggest.ts',
    'src/main/payments/suggestions.ts',
    'src/main/payments/corrections.ts',
    'src/main/payments/closeReferences.ts',
    'src/main/payments/nameCloseness.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machine running it is shared: one test runner.
  concurrency: 1,
  timeoutMS: 20_000,
  // Mutants reached only while a file loads or in a beforeAll (a desk seeded once for its tests) would
  // each need every test re-run in a fresh environment: hours on this machine. They are left out of the score.
  ignoreStatic: true,
  reporters: ['html', 'clear-text', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // A second run re-tests only the mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  // Stryker rewrites the tsconfig in its sandbox with TypeScript's JS API, which TypeScript 7 (the native
  // compiler) does not have; this tsconfig has no `extends` or `references` to rewrite, so skip it.
  tsconfigFile: '',
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['out', 'dist', 'test/e2e', 'test/electron', 'test/bench', 'deploy'],
  cleanTempDir: 'always',
};
