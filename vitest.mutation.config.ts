import { defineConfig } from 'vitest/config';

// Unit tests only, for Stryker (npm run mutation): a mutation run over the browser and e2e tests
// would take hours on two cores. The tshark tests are left out too (a process per test).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.tshark.test.ts', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
