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
  const client = await pool.connect();
  let raw: Record<string, unknown>;
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ report: Record<string, unknown> }>(
      'SELECT portvakt_run_retention($1, $2, $3, $4, $5) AS report',
      [options.now ?? new Date(), options.trigger, options.actor, isDryRun, options.monthsAhead ?? 3],
    );
    raw = rows[0]!.report;
    if (isDryRun || raw.isSkipped) await client.query('ROLLBACK');
    else await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
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

/** Places a legal hold on a customer or a lock. */
export async function placeLegalHold(
  db: Pick<pg.Pool, 'query'>,
  hold: {
    municipalityId: string;
    customerId?: string;
    lockDeviceId?: string;
    reason: string;
    placedBy: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO legal_hold (municipality_id, customer_id, lock_device_id, reason, placed_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [hold.municipalityId, hold.customerId ?? null, hold.lockDeviceId ?? null, hold.reason, hold.placedBy],
  );
  return rows[0]!.id;
}

/** Releases a legal hold; the next retention run removes what it kept past the limit. */
export async function releaseLegalHold(
  db: Pick<pg.Pool, 'query'>,
  municipalityId: string,
  id: string,
  releasedBy: string,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE legal_hold SET released_at = now(), released_by = $3
     WHERE id = $1 AND municipality_id = $2 AND released_at IS NULL`,
    [id, municipalityId, releasedBy],
  );
  return (result.rowCount ?? 0) > 0;
}
