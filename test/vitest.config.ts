import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs without a built site (engines, emulator over HTTP, content checks);
// `e2e` drives the built site in Debian's Chromium and therefore runs after `npm run build`.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          root: '.',
          include: ['src/**/*.test.ts', 'labs/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          setupFiles: ['test/support/fast-check-seed.ts'],
          // A throwaway PostgreSQL server for the storage suite, started only if a test needs it.
          globalSetup: ['test/support/postgres-global-setup.ts'],
          // Generous: AWS CLI suites start a Python interpreter per command, which takes seconds on
          // a loaded 2-core machine. Speed is measured by `npm run bench`, not by timeouts.
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: '.',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/postgres-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
