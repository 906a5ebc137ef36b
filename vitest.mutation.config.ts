import { defineConfig } from 'vitest/config';

// Unit tests only, for Stryker (npm run mutation): a mutation run over the browser and e2e tests
// would take hours on two cores. The tshark tests are left out too (a process per test): every file
// whose name ends in tshark.test.ts, `tshark.test.ts` itself as well as `*.tshark.test.ts`.
// MUTATION_TESTS (comma-separated globs) narrows the tests to a folder's own, so the dry run of a
// one-folder run does not run every kernel's tests: the score can then only be lower, never higher.
const only = process.env.MUTATION_TESTS?.split(',').filter(Boolean);
export default defineConfig({
  test: {
    include: only?.length ? only : ['src/**/*.test.ts'],
    exclude: ['src/**/*tshark.test.ts', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
