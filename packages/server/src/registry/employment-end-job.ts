// The employment-end sweep in a running server, like the consent reminders: every `intervalMs`
// (PORTVAKT_EMPLOYMENT_JOB_INTERVAL_MS, default a quarter of an hour, so keys are blocked soon
// after the last day's midnight), first shortly after start, on the server's clock (readClock).
// Safe in several processes (blockKeysOfEndedEmployments locks the keys it blocks). Stopped on
// app close.
import type { FastifyInstance } from 'fastify';
import { readClock, type AppContext } from '../platform/context';
import { startPeriodicJob } from '../platform/periodic-job';
import { blockKeysOfEndedEmployments } from './block-ended-employment-keys';

export const defaultEmploymentJobIntervalMs = 15 * 60 * 1000;

export function startEmploymentEndJob(
  app: FastifyInstance,
  context: AppContext,
  intervalMs = Number(process.env.PORTVAKT_EMPLOYMENT_JOB_INTERVAL_MS ?? defaultEmploymentJobIntervalMs),
): void {
  startPeriodicJob(app, {
    firstDelayMs: 15_000,
    intervalMs,
    failureMessage: 'employment-end job failed',
    run: async () => {
      const sweep = await blockKeysOfEndedEmployments({ pool: context.pool, now: readClock(context) });
      if (sweep.blocked.length > 0)
        app.log.info({ employmentEnds: sweep }, 'keys of ended employments blocked');
    },
  });
}
