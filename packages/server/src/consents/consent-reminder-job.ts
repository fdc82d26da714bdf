// The consent reminders in a running server, like the event log's retention job: every
// `intervalMs` (PORTVAKT_CONSENT_JOB_INTERVAL_MS, default an hour), first shortly after start;
// safe in several processes (sendConsentReminders takes an advisory lock). Stopped on app close.
import type { FastifyInstance } from 'fastify';
import { readClock, type AppContext } from '../platform/context';
import { readLinkMailing } from '../platform/mail';
import { startPeriodicJob } from '../platform/periodic-job';
import { sendConsentReminders } from './send-consent-reminders';

export const defaultConsentJobIntervalMs = 60 * 60 * 1000;

export function startConsentReminderJob(
  app: FastifyInstance,
  context: AppContext,
  intervalMs = Number(process.env.PORTVAKT_CONSENT_JOB_INTERVAL_MS ?? defaultConsentJobIntervalMs),
): void {
  startPeriodicJob(app, {
    firstDelayMs: 10_000,
    intervalMs,
    failureMessage: 'consent reminder job failed',
    run: async () => {
      const run = await sendConsentReminders({
        pool: context.pool,
        ...readLinkMailing(context, app.log),
        now: readClock(context),
        log: (error, requestId) => app.log.error({ err: error, requestId }, 'consent reminder not sent'),
      });
      if (run.reminded.length > 0 || run.failed.length > 0)
        app.log.info({ consentReminders: run }, 'consent reminders');
    },
  });
}
