import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Every API suite starts its own in-process app on its own database; two cores, so two forks.
    pool: 'forks',
    maxWorkers: 2,
    // A worker's files share what they have loaded (the server's modules, @medplum/core, the FHIR definitions
    // and compiled search parameters) instead of loading it again for each of the 170 files, which was about a
    // third of the suite's time. Each file still has its own app and database; no test mocks a module or
    // changes process.env, and none may rely on a module's state being fresh.
    isolate: false,
    env: { TZ: 'UTC' },
  },
});
