import { defineConfig } from 'vitest/config';

// Rules and API tests: fast, below the UI, against real databases (SQLite always, PostgreSQL when
// TEST_DATABASE_URL is set). Browser journeys have their own config in e2e/.
export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: more workers only contend for them.
    maxWorkers: 2,
  },
});
