// Retention of the event log (R4.3; docs/event-log.md "Retention and legal hold"). Partitions are
// per UTC month and shared by all municipalities: a partition is dropped when its whole month is
// older than the longest retention of any municipality; rows older than a municipality's own
// limit are deleted row by row (the boundary month, the default partition, shorter limits).
// Records under an active legal hold are copied to device_event_held first and stay there until
// the hold is released. Several processes may run this: a transaction-level advisory lock lets
// one run at a time and the others skip.
import type pg from 'pg';
import { deviceEventColumns, ensureEventPartitions, listEventPartitions } from './event-log.repository';

export const defaultEventRetentionMonths = 24;
const retentionLockKey = 'portvakt:event-retention';

export interface RetentionReport {
  isSkipped: boolean;
  isDryRun: boolean;
  runId: number | null;
  partitionsDropped: string[];
  partitionsCreated: string[];
  rowsRemoved: number;
  rowsHeld: number;
  cutoffs: Record<string, string>;
}

/** `now` minus `months` calendar months (UTC). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

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
  const now = options.now ?? new Date();
  const isDryRun = options.isDryRun ?? false;
  const report: RetentionReport = {
    isSkipped: false,
    isDryRun,
    runId: null,
    partitionsDropped: [],
    partitionsCreated: [],
    rowsRemoved: 0,
    rowsHeld: 0,
    cutoffs: {},
  };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: lock } = await client.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok',
      [retentionLockKey],
    );
    if (!lock[0]!.ok) {
      await client.query('ROLLBACK');
      return { ...report, isSkipped: true };
    }
    const { rows: municipalities } = await client.query<{ id: string; months: number | null }>(
      `SELECT id, (settings->>'eventRetentionMonths')::integer AS months FROM municipality`,
    );
    const limits = municipalities.map((m) => ({
      id: m.id,
      cutoff: monthsBefore(now, m.months && m.months > 0 ? m.months : defaultEventRetentionMonths),
    }));
    const globalCutoff =
      limits.length > 0
        ? new Date(Math.min(...limits.map((l) => l.cutoff.getTime())))
        : monthsBefore(now, defaultEventRetentionMonths);
    for (const limit of limits) report.cutoffs[limit.id] = limit.cutoff.toISOString();

    // 1. Keep what is under legal hold: copy it out before anything is removed.
    for (const limit of limits) {
      const held = await client.query(
        `WITH holds AS (
           SELECT h.id, a.door_id, NULL::uuid AS lock_device_id FROM legal_hold h
             JOIN access_path_step a ON a.customer_id = h.customer_id
           WHERE h.municipality_id = $1 AND h.released_at IS NULL
           UNION ALL
           SELECT h.id, NULL, h.lock_device_id FROM legal_hold h
           WHERE h.municipality_id = $1 AND h.released_at IS NULL AND h.lock_device_id IS NOT NULL
         )
         INSERT INTO device_event_held (${deviceEventColumns.join(', ')}, held_at, legal_hold_id)
         SELECT DISTINCT ON (e.device_id, e.sequence) ${deviceEventColumns.map((c) => `e.${c}`).join(', ')}, now(),
           holds.id
         FROM device_event e JOIN holds ON holds.door_id = e.door_id OR holds.lock_device_id = e.lock_device_id
         WHERE e.municipality_id = $1 AND e.occurred_at < $2
         ON CONFLICT (device_id, sequence) DO NOTHING`,
        [limit.id, limit.cutoff],
      );
      report.rowsHeld += held.rowCount ?? 0;
    }

    // 2. Whole months older than every municipality's limit: drop the partition.
    for (const partition of await listEventPartitions(client)) {
      const end = new Date(`${partition.month}-01T00:00:00Z`);
      end.setUTCMonth(end.getUTCMonth() + 1);
      if (end.getTime() > globalCutoff.getTime()) continue;
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM ${partition.name}`,
      );
      report.rowsRemoved += rows[0]!.n;
      await client.query(`DROP TABLE ${partition.name}`);
      report.partitionsDropped.push(partition.name);
    }

    // 3. Row by row: the boundary month, the default partition, shorter municipal limits.
    for (const limit of limits) {
      const deleted = await client.query(
        'DELETE FROM device_event WHERE municipality_id = $1 AND occurred_at < $2',
        [limit.id, limit.cutoff],
      );
      report.rowsRemoved += deleted.rowCount ?? 0;
      // Held copies whose hold has been released go the same way.
      const released = await client.query(
        `DELETE FROM device_event_held e WHERE e.municipality_id = $1 AND e.occurred_at < $2
           AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL AND h.municipality_id = $1
             AND (h.lock_device_id = e.lock_device_id OR h.customer_id IN
               (SELECT a.customer_id FROM access_path_step a WHERE a.door_id = e.door_id)))`,
        [limit.id, limit.cutoff],
      );
      report.rowsRemoved += released.rowCount ?? 0;
    }

    // 4. Months ahead.
    const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    report.partitionsCreated = await ensureEventPartitions(client, thisMonth, (options.monthsAhead ?? 3) + 1);

    if (isDryRun) await client.query('ROLLBACK');
    else await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO retention_run (finished_at, trigger, is_dry_run, actor, partitions_dropped, partitions_created,
       rows_removed, rows_held, details)
     VALUES (now(), $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      options.trigger,
      isDryRun,
      options.actor,
      report.partitionsDropped,
      report.partitionsCreated,
      report.rowsRemoved,
      report.rowsHeld,
      JSON.stringify({ cutoffs: report.cutoffs }),
    ],
  );
  report.runId = Number(rows[0]!.id);
  return report;
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
