// Background work of a running server (the event log's retention, the consent reminders): one
// run at a time, so a slow run is never overlapped by the next tick; the timers are unref'd so
// they never keep a process alive; closing the app waits for the run in flight, so the pool is
// not ended under it, and a failure during the close is not reported as the job's.
import type { FastifyInstance } from 'fastify';

export interface PeriodicJob {
  /** Milliseconds from start to the first run. */
  firstDelayMs: number;
  intervalMs: number;
  /** Logged with the error when a run throws. */
  failureMessage: string;
  run: () => Promise<void>;
}

/** Runs `job.run` after `firstDelayMs`, then every `intervalMs`, until `app` closes. */
export function startPeriodicJob(app: FastifyInstance, job: PeriodicJob): void {
  let running: Promise<void> | undefined;
  let isStopped = false;
  const tick = () => {
    if (running || isStopped) return;
    running = (async () => {
      try {
        await job.run();
      } catch (error) {
        if (!isStopped) app.log.error({ err: error }, job.failureMessage);
      } finally {
        running = undefined;
      }
    })();
  };
  const first = setTimeout(tick, job.firstDelayMs);
  const timer = setInterval(tick, job.intervalMs);
  first.unref();
  timer.unref();
  app.addHook('onClose', async () => {
    isStopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running;
  });
}
