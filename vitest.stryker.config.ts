import { defineConfig } from 'vitest/config';

/*
 * The tests Stryker runs against each mutant (stryker.config.mjs): the unit tests of the code it
 * mutates and the in-process integration tests that drive matching and settling on a real desk.
 * No CLI build (no test here spawns kmlttb), so a run takes minutes, not hours.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          // Instrumented code is slower: the exhaustive check-character tests need more than the default 5 s.
          testTimeout: 60_000,
          include: [
            'test/unit/shared/**/*.test.ts',
            'test/unit/headers.test.ts',
            'test/unit/core/errors.test.ts',
            'test/unit/payments/corrections.test.ts',
            'test/unit/payments/suggestionEvidence.test.ts',
            'test/unit/payments/matchingEvidenceEdges.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          // Files whose desk is made and driven per test. Those that seed and import in a beforeAll
          // (reconciliation, suggestions, payments-batch, payments-import-check) run their matching
          // outside any test: Stryker counts what they reach as static, needing every test re-run per mutant.
          include: ['test/integration/payments-settling.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
