import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start real servers on loopback ports; two cores run two files at once.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'main', include: ['tests/**/*.test.ts'], exclude: ['tests/load/**', '**/node_modules/**'] } },
      // The minute-long load test runs on its own after the rest (scripts/test-all.sh).
      { extends: true, test: { name: 'load', include: ['tests/load/**/*.test.ts'] } },
    ],
  },
});
