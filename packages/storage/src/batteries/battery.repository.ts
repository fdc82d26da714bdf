// Battery readings per lock and day, battery changes, and the locks a forecast or a round is
// about (docs/batteries.md). The per-day medians are computed in the database: a busy lock's
// thousands of records become one row a day before they leave PostgreSQL.
import type { BatteryChangeDoer, DailyBatteryLevel } from '@portvakt/core';
import { recordedAccountName } from '../platform/named-account';
import { createRowsQuery, type Queryable } from '../platform/queryable';
import { createReturningStatement } from '../platform/statements';

/** One installed lock with where it hangs: what the due list and a round show. Names no customer. */
export interface BatteryLock {
  lockId: string;
  serial: string;
  batteryLevel: number | null;
  doorId: string;
  doorKind: string;
  doorLabel: string;
  propertyId: string;
  propertyDesignation: string;
  streetAddress: string;
  latitude: number | null;
  longitude: number | null;
  districtId: string;
  districtName: string;
}

export interface BatteryLockFilter {
  districtId?: string;
  /** Only locks on the way in to customers the team serves now (team_customer) at `at`. */
  teamId?: string;
  at: Date;
  /** Only locks whose latest level is at most this, or unknown (a cheap first cut). */
  maxLevel?: number;
  lockIds?: readonly string[];
  /** Part of the street address, the property designation or the serial (case-insensitive). */
  search?: string;
}

/** Installed locks of the municipality with door, property and district. */
export async function listBatteryLocks(
  db: Queryable,
  municipalityId: string,
  filter: BatteryLockFilter,
): Promise<BatteryLock[]> {
  const { rows } = await db.query<BatteryLock>(
    `SELECT l.id AS "lockId", l.serial, l.battery_level AS "batteryLevel", d.id AS "doorId",
       d.kind AS "doorKind", d.label AS "doorLabel", p.id AS "propertyId",
       p.designation AS "propertyDesignation", p.street_address AS "streetAddress", p.latitude, p.longitude,
       dt.id AS "districtId", dt.name AS "districtName"
     FROM lock_device l
     JOIN door d ON d.municipality_id = l.municipality_id AND d.id = l.door_id
     JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
     JOIN district dt ON dt.municipality_id = p.municipality_id AND dt.id = p.district_id
     WHERE l.municipality_id = $1 AND l.status = 'installed'
       AND ($2::uuid IS NULL OR p.district_id = $2)
       AND ($4::integer IS NULL OR l.battery_level IS NULL OR l.battery_level <= $4)
       AND ($5::uuid[] IS NULL OR l.id = ANY($5))
       AND ($7::text IS NULL OR strpos(lower(p.street_address || ' ' || p.designation || ' ' || l.serial), lower($7)) > 0)
       AND ($3::uuid IS NULL OR l.door_id IN (
         SELECT s.door_id FROM team_customer tc
           JOIN access_path_step s ON s.municipality_id = tc.municipality_id AND s.customer_id = tc.customer_id
         WHERE tc.municipality_id = $1 AND tc.team_id = $3 AND tc.valid_from <= $6 AND (tc.valid_until IS NULL OR tc.valid_until > $6)
         UNION
         SELECT c.apartment_door_id FROM team_customer tc
           JOIN customer c ON c.municipality_id = tc.municipality_id AND c.id = tc.customer_id
         WHERE tc.municipality_id = $1 AND tc.team_id = $3 AND tc.valid_from <= $6 AND (tc.valid_until IS NULL OR tc.valid_until > $6)
           AND c.apartment_door_id IS NOT NULL))
     ORDER BY l.serial`,
    [
      municipalityId,
      filter.districtId ?? null,
      filter.teamId ?? null,
      filter.maxLevel ?? null,
      filter.lockIds ?? null,
      filter.at,
      filter.search ?? null,
    ],
  );
  return rows;
}

/**
 * Per lock, one row per UTC day in [from, until): the median level and the median instant of
 * that day's records, oldest first. Held records (legal holds) count too.
 */
export async function readDailyBatteryLevels(
  db: Queryable,
  municipalityId: string,
  lockIds: readonly string[],
  from: Date,
  until: Date,
): Promise<Map<string, DailyBatteryLevel[]>> {
  const { rows } = await db.query<{ lockId: string; at: Date; level: number; readings: number }>(
    `SELECT lock_device_id AS "lockId",
       to_timestamp(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM occurred_at))) AS at,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY battery) AS level, count(*)::integer AS readings
     FROM device_event_all
     WHERE municipality_id = $1 AND lock_device_id = ANY($2) AND occurred_at >= $3 AND occurred_at < $4
     GROUP BY lock_device_id, date_trunc('day', occurred_at AT TIME ZONE 'UTC')
     ORDER BY lock_device_id, 2`,
    [municipalityId, lockIds, from, until],
  );
  const byLock = new Map<string, DailyBatteryLevel[]>(lockIds.map((id) => [id, []]));
  for (const row of rows)
    byLock.get(row.lockId)?.push({ at: row.at.getTime(), level: Number(row.level), readings: row.readings });
  return byLock;
}

export interface NewBatteryChange {
  lockDeviceId: string;
  changedAt: Date;
  doneBy: BatteryChangeDoer;
  teamId?: string | null;
  workOrderId?: string | null;
  levelBefore?: number | null;
  note?: string | null;
}

export interface BatteryChange {
  id: string;
  lockDeviceId: string;
  changedAt: Date;
  doneBy: BatteryChangeDoer;
  teamId: string | null;
  workOrderId: string | null;
  levelBefore: number | null;
  note: string | null;
  recordedBy: string;
  /**
   * The recorder's name, while they are the municipality's staff or its own installer: installers
   * of every locksmith company read every lock's changes, so another company's people stay usernames.
   */
  recordedByName: string | null;
  recordedAt: Date;
}

const changeColumns = `id::text, lock_device_id AS "lockDeviceId", changed_at AS "changedAt", done_by AS "doneBy",
  team_id AS "teamId", work_order_id AS "workOrderId", level_before AS "levelBefore", note,
  recorded_by AS "recordedBy",
  ${recordedAccountName('battery_change', 'battery_change.recorded_by', "n.role = 'installer' AND n.locksmith_company_id IS NULL")} AS "recordedByName",
  recorded_at AS "recordedAt"`;

export const insertBatteryChange = createReturningStatement<
  BatteryChange,
  [municipalityId: string, change: NewBatteryChange, recordedBy: string, at: Date]
>(
  `INSERT INTO battery_change (municipality_id, lock_device_id, changed_at, done_by, team_id, work_order_id,
       level_before, note, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING ${changeColumns}`,
  (municipalityId, change, recordedBy, at) => [
    municipalityId,
    change.lockDeviceId,
    change.changedAt,
    change.doneBy,
    change.teamId ?? null,
    change.workOrderId ?? null,
    change.levelBefore ?? null,
    change.note ?? null,
    recordedBy,
    at,
  ],
);

/** Battery changes of the locks, newest first. */
export const listBatteryChanges = createRowsQuery<
  BatteryChange,
  [municipalityId: string, lockIds: readonly string[]]
>(`SELECT ${changeColumns} FROM battery_change
   WHERE municipality_id = $1 AND lock_device_id = ANY($2) ORDER BY changed_at DESC, id DESC`);

/** Whether the ids exist in the municipality (a round's district or team, a change's order). */
export async function hasMunicipalityRow(
  db: Queryable,
  table: 'district' | 'team' | 'work_order',
  municipalityId: string,
  id: string,
): Promise<boolean> {
  const { rowCount } = await db.query(`SELECT 1 FROM ${table} WHERE id = $1 AND municipality_id = $2`, [
    id,
    municipalityId,
  ]);
  return rowCount === 1;
}

/** Doors among these with an open battery order: a round does not order them twice. */
export async function listDoorsWithOpenBatteryOrder(
  db: Queryable,
  municipalityId: string,
  doorIds: readonly string[],
): Promise<Set<string>> {
  const { rows } = await db.query<{ doorId: string }>(
    `SELECT door_id AS "doorId" FROM work_order
     WHERE municipality_id = $1 AND door_id = ANY($2) AND kind = 'battery'
       AND state IN ('requested', 'planned', 'in_progress')`,
    [municipalityId, doorIds],
  );
  return new Set(rows.map((row) => row.doorId));
}
