// The event log's background work in a running server: retention (drop expired months, delete
// expired rows, keep legal holds, create months ahead) and audit-trail checkpoints, every
// `intervalMs`. Safe with several server processes: retention takes an advisory lock and the
// others skip; checkpoints are idempotent per (municipality, last entry). Stopped on app close.
import { runEventRetention } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { createAuditCheckpoints } from './audit-checkpoint';
import { IssuerKeyStore } from './issuer-keys';

export const defaultEventJobIntervalMs = 60 * 60 * 1000;

/** Starts the jobs (first run shortly after start) and stops them when `app` closes. */
export function startEventLogJobs(
  app: FastifyInstance,
  pool: pg.Pool,
  masterKey: Buffer,
  intervalMs = Number(process.env.PORTVAKT_EVENT_JOB_INTERVAL_MS ?? defaultEventJobIntervalMs),
): void {
  const keys = new IssuerKeyStore(pool, masterKey);
  let running: Promise<void> | undefined;
  let isStopped = false;
  const tick = () => {
    if (running || isStopped) return;
    running = (async () => {
      try {
        const report = await runEventRetention(pool, { trigger: 'scheduled', actor: 'system:retention' });
        if (!report.isSkipped && (report.rowsRemoved > 0 || report.partitionsCreated.length > 0))
          app.log.info({ retention: report }, 'event-log retention run');
        await createAuditCheckpoints(pool, keys);
      } catch (error) {
        if (!isStopped) app.log.error({ err: error }, 'event-log job failed');
      } finally {
        running = undefined;
      }
    })();
  };
  const first = setTimeout(tick, 5_000);
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
