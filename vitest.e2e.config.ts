import { defineConfig } from 'vitest/config';

/**
 * The browser journeys: a real Tsunagu on a fresh PGlite and Debian's Chromium. One file at a time,
 * because each file starts its own server and browser and the machines have two cores.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
