import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPeriodicJob } from './periodic-job';

/** The two parts of the app a job uses: its log and its close hook. */
function createFakeApp() {
  const closeHooks: Array<() => Promise<void>> = [];
  const error = vi.fn();
  const app = {
    log: { error },
    addHook: (name: string, hook: () => Promise<void>) => {
      expect(name).toBe('onClose');
      closeHooks.push(hook);
    },
  } as unknown as FastifyInstance;
  return { app, error, close: () => Promise.all(closeHooks.map((hook) => hook())) };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('startPeriodicJob', () => {
  it('runs first after the delay, then every interval', async () => {
    const { app, close } = createFakeApp();
    const run = vi.fn(async () => {});
    startPeriodicJob(app, { firstDelayMs: 5_000, intervalMs: 60_000, failureMessage: 'failed', run });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(2);
    await close();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('skips a tick while a run is still going, and closing waits for that run', async () => {
    const { app, close } = createFakeApp();
    let finish = () => {};
    let isFinished = false;
    const run = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = () => {
            isFinished = true;
            resolve();
          };
        }),
    );
    startPeriodicJob(app, { firstDelayMs: 1_000, intervalMs: 1_000, failureMessage: 'failed', run });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledTimes(1);
    const closed = close();
    await vi.advanceTimersByTimeAsync(0);
    expect(isFinished).toBe(false);
    finish();
    await closed;
    expect(isFinished).toBe(true);
  });

  it('logs a failed run and keeps going, but not a failure while closing', async () => {
    const { app, error, close } = createFakeApp();
    let fail = (_error: Error) => {};
    const run = vi.fn(() => new Promise<void>((_resolve, reject) => (fail = reject)));
    startPeriodicJob(app, { firstDelayMs: 1_000, intervalMs: 10_000, failureMessage: 'job failed', run });
    await vi.advanceTimersByTimeAsync(1_000);
    const failure = new Error('database down');
    fail(failure);
    await vi.advanceTimersByTimeAsync(0);
    expect(error).toHaveBeenCalledWith({ err: failure }, 'job failed');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(2);
    const closed = close();
    fail(new Error('pool ended'));
    await closed;
    expect(error).toHaveBeenCalledTimes(1);
  });
});
