import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One run for every package. Database tests share one embedded PostgreSQL started in global
// setup; each test file clones its own database from a migrated template (see
// packages/storage/src/testing.ts).
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['packages/storage/src/platform/test-global-setup.ts'],
    // A worker runs its test files one after another in one process and module cache: evaluating
    // the server's modules anew for every file was a quarter of the suite's time (README
    // "Development"). The setup file gives each file a fresh process's shared settings and fails
    // a file that leaves one changed.
    isolate: false,
    setupFiles: ['scripts/test-file-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits on a real server and browser; its default of one second was too short for
    // a login (password hashing) on two cores running the suite and a second one beside it.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Vitest's default is one worker per processor less one: a single worker on CI's two cores,
    // which then sits waiting on PostgreSQL, the browser and the servers it starts. Two workers
    // there took the whole of `.ci/run` from 1,863 s to 1,408 s (README "Development").
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
