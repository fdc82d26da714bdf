// The consent reminders in a running server, like the event log's retention job: every
// `intervalMs` (PORTVAKT_CONSENT_JOB_INTERVAL_MS, default an hour), first shortly after start;
// safe in several processes (sendConsentReminders takes an advisory lock). Stopped on app close.
import type { FastifyInstance } from 'fastify';
import { readClock, type AppContext } from '../platform/context';
import { createLogMailer } from '../platform/mail';
import { sendConsentReminders } from './send-consent-reminders';

export const defaultConsentJobIntervalMs = 60 * 60 * 1000;

export function startConsentReminderJob(
  app: FastifyInstance,
  context: AppContext,
  intervalMs = Number(process.env.PORTVAKT_CONSENT_JOB_INTERVAL_MS ?? defaultConsentJobIntervalMs),
): void {
  let running: Promise<void> | undefined;
  let isStopped = false;
  const tick = () => {
    if (running || isStopped) return;
    running = (async () => {
      try {
        const run = await sendConsentReminders({
          pool: context.pool,
          mailer: context.mailer ?? createLogMailer(app.log),
          publicUrl: context.publicUrl,
          now: readClock(context),
          log: (error, requestId) => app.log.error({ err: error, requestId }, 'consent reminder not sent'),
        });
        if (run.reminded.length > 0 || run.failed.length > 0)
          app.log.info({ consentReminders: run }, 'consent reminders');
      } catch (error) {
        if (!isStopped) app.log.error({ err: error }, 'consent reminder job failed');
      } finally {
        running = undefined;
      }
    })();
  };
  const first = setTimeout(tick, 10_000);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  app.addHook('onClose', async () => {
    isStopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running;
  });
}
