import { defineConfig } from 'vitest/config';

/**
 * The reliability suite (`npm run test:reliability`): real server processes, killed and restarted, a PostgreSQL
 * cluster of its own, minutes of load. Kept out of `npm test` (whose pattern is `*.test.ts`). One file at a
 * time: each one loads the machine on purpose, and two at once would measure each other.
 */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.reliability.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    env: { TZ: 'UTC' },
  },
});
