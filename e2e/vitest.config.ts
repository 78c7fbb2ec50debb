import { defineConfig } from 'vitest/config';

// Browser journeys: a real server (child process, fresh database) and Debian's Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One journey file at a time: each starts a server and a browser, and the machine has two cores.
    fileParallelism: false,
  },
});
