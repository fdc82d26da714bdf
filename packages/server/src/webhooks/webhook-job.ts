// The webhook job in a running server (docs/webhooks.md): every `intervalMs`
// (PORTVAKT_WEBHOOK_JOB_INTERVAL_MS, default 10 s) it makes events from new audit entries and lock
// checks, then sends what is due. Once cluster-wide: it runs under an advisory lock held on one
// connection for the run, and other processes skip. Stopped on app close.
import { tryLockWebhookJob, unlockWebhookJob } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { readClock, type AppContext } from '../platform/context';
import { startPeriodicJob } from '../platform/periodic-job';
import { collectAuditWebhookEvents, collectLockWebhookEvents } from './collect-webhook-events';
import { deliverDueWebhooks } from './deliver-webhooks';

export const defaultWebhookJobIntervalMs = 10_000;

export interface WebhookRun {
  isSkipped: boolean;
  eventsMade: number;
  attempts: number;
}

/**
 * One run: events, then deliveries; skipped when another process runs it. A municipality whose
 * events cannot be made is told to `onCollectFailure` and the run goes on with the others and the
 * deliveries; without it the run throws at its end, after the deliveries.
 */
export async function runWebhookJob(
  context: Pick<AppContext, 'pool' | 'fieldCrypto' | 'now'>,
  {
    onCollectFailure,
    ...options
  }: {
    random?: () => number;
    timeoutMs?: number;
    onCollectFailure?: (municipalityId: string, error: unknown) => void;
  } = {},
): Promise<WebhookRun> {
  const failures: unknown[] = [];
  const lockHolder = await context.pool.connect();
  try {
    if (!(await tryLockWebhookJob(lockHolder))) return { isSkipped: true, eventsMade: 0, attempts: 0 };
    try {
      const now = readClock(context);
      const eventsMade =
        (await collectAuditWebhookEvents(context.pool, now, (municipalityId, error) =>
          onCollectFailure ? onCollectFailure(municipalityId, error) : failures.push(error),
        )) + (await collectLockWebhookEvents(context.pool, now));
      const attempts = await deliverDueWebhooks({
        pool: context.pool,
        fieldCrypto: context.fieldCrypto,
        now,
        ...options,
      });
      if (failures.length > 0) throw new AggregateError(failures, 'webhook events could not be made');
      return { isSkipped: false, eventsMade, attempts };
    } finally {
      await unlockWebhookJob(lockHolder);
    }
  } finally {
    lockHolder.release();
  }
}

export function startWebhookJob(
  app: FastifyInstance,
  context: AppContext,
  intervalMs = Number(process.env.PORTVAKT_WEBHOOK_JOB_INTERVAL_MS ?? defaultWebhookJobIntervalMs),
): void {
  startPeriodicJob(app, {
    firstDelayMs: 5_000,
    intervalMs,
    failureMessage: 'webhook job failed',
    run: async () => {
      const run = await runWebhookJob(context, {
        onCollectFailure: (municipalityId, error) =>
          app.log.error({ err: error, municipalityId }, 'webhook events of a municipality could not be made'),
      });
      if (run.eventsMade > 0 || run.attempts > 0) app.log.info({ webhooks: run }, 'webhook run');
    },
  });
}
