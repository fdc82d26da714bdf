import { defineConfig } from 'vitest/config';

// One run for every package. Database tests share one embedded PostgreSQL started in global
// setup; each test file clones its own database from a migrated template (see
// packages/storage/src/testing.ts).
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['packages/storage/src/platform/test-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
