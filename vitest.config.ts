import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real servers on loopback ports; two cores run two files at once.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
