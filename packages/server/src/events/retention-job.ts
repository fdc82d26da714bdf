// The event log's background work in a running server: signed checkpoints over the audit trail
// and head ledger, then retention (drop expired months, delete expired rows, audit entries and
// read-log rows, keep legal holds, create months ahead), every `intervalMs`. The checkpoint
// comes first so a retention cut always lies under a signed checkpoint. Safe with several server
// processes: retention takes an advisory lock and the others skip; a checkpoint is written only
// when a chain moved. Stopped on app close.
import { retentionJobLabel } from '@portvakt/contract';
import { runEventRetention } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { createAuditCheckpoints } from '../audit';
import { IssuerKeyStore } from '../devices';
import { startPeriodicJob } from '../platform/periodic-job';

export const defaultEventJobIntervalMs = 60 * 60 * 1000;

/** Starts the jobs (first run shortly after start) and stops them when `app` closes. */
export function startEventLogJobs(
  app: FastifyInstance,
  pool: pg.Pool,
  masterKey: Buffer,
  intervalMs = Number(process.env.PORTVAKT_EVENT_JOB_INTERVAL_MS ?? defaultEventJobIntervalMs),
): void {
  const keys = new IssuerKeyStore(pool, masterKey);
  startPeriodicJob(app, {
    firstDelayMs: 5_000,
    intervalMs,
    failureMessage: 'event-log job failed',
    run: async () => {
      await createAuditCheckpoints(pool, keys);
      const report = await runEventRetention(pool, { trigger: 'scheduled', actor: retentionJobLabel });
      const removed = report.rowsRemoved + report.auditEntriesRemoved + report.readLogRowsRemoved;
      if (!report.isSkipped && (removed > 0 || report.partitionsCreated.length > 0))
        app.log.info({ retention: report }, 'event-log retention run');
    },
  });
}
