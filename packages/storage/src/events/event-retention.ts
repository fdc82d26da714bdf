// Retention (R4.3, R10.3; docs/event-log.md "Retention and legal hold"): device events, the
// audit trail and the event read log. The work is done by `portvakt_run_retention`
// (0008_least_privilege.sql), a SECURITY DEFINER function: the app role may not delete history
// itself, and the function computes every cutoff from the municipality settings (the caller can
// only move the clock back), honours legal holds, and records each cut (device sequence ranges,
// the audit chain position) so verify-log can tell retention from deletion. Partitions are per
// UTC month and shared by all municipalities: one is dropped when its whole month is older than
// the longest event retention of any municipality; rows older than a municipality's own limit go
// row by row. Several processes may run this: an advisory lock lets one run and the others skip.
// A dry run is the same call in a transaction that is rolled back: it reports and leaves no trace.
import type pg from 'pg';
import { withTransaction } from '../platform/transaction';

/** Thrown inside the transaction to roll it back on purpose (a dry run). */
const rollback = new Error('rollback');

export const defaultEventRetentionMonths = 24;
/** The audit trail outlives the events it explains (who could open a door two years ago). */
export const defaultAuditRetentionMonths = 36;
export const defaultEventReadLogRetentionMonths = 24;

export interface RetentionReport {
  isSkipped: boolean;
  isDryRun: boolean;
  runId: number | null;
  partitionsDropped: string[];
  partitionsCreated: string[];
  rowsRemoved: number;
  rowsHeld: number;
  auditEntriesRemoved: number;
  readLogRowsRemoved: number;
  /** Per municipality id, the ISO instants before which events, audit entries, read-log rows go. */
  cutoffs: Record<string, string>;
  auditCutoffs: Record<string, string>;
  readLogCutoffs: Record<string, string>;
}

/**
 * `now` minus `months` calendar months (UTC); a day the month does not have becomes its last
 * day, as PostgreSQL's interval arithmetic does (the retention function computes the same).
 */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

const isoMap = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((value ?? {}) as Record<string, string>).map(([k, v]) => [k, new Date(v).toISOString()]),
  );

export async function runEventRetention(
  pool: pg.Pool,
  options: {
    now?: Date;
    isDryRun?: boolean;
    trigger: 'scheduled' | 'manual';
    actor: string;
    monthsAhead?: number;
  },
): Promise<RetentionReport> {
  const isDryRun = options.isDryRun ?? false;
  let raw: Record<string, unknown> | undefined;
  try {
    await withTransaction(pool, async (client) => {
      const { rows } = await client.query<{ report: Record<string, unknown> }>(
        'SELECT portvakt_run_retention($1, $2, $3, $4, $5) AS report',
        [options.now ?? new Date(), options.trigger, options.actor, isDryRun, options.monthsAhead ?? 3],
      );
      raw = rows[0]!.report;
      // A dry run (and a run that found another one holding the lock) leaves no trace.
      if (isDryRun || raw.isSkipped) throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  if (!raw) throw new Error('retention returned no report');
  return {
    isSkipped: raw.isSkipped === true,
    isDryRun,
    runId: raw.runId === null || raw.runId === undefined ? null : Number(raw.runId),
    partitionsDropped: (raw.partitionsDropped as string[] | undefined) ?? [],
    partitionsCreated: (raw.partitionsCreated as string[] | undefined) ?? [],
    rowsRemoved: Number(raw.rowsRemoved ?? 0),
    rowsHeld: Number(raw.rowsHeld ?? 0),
    auditEntriesRemoved: Number(raw.auditEntriesRemoved ?? 0),
    readLogRowsRemoved: Number(raw.readLogRowsRemoved ?? 0),
    cutoffs: isoMap(raw.cutoffs),
    auditCutoffs: isoMap(raw.auditCutoffs),
    readLogCutoffs: isoMap(raw.readLogCutoffs),
  };
}
