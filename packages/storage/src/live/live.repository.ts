// The live view's reads (docs/live.md): the district's properties and installed locks with what
// their records last said, today's counts, today's newest record ids, and what changed since a
// moment. Record rows themselves are never read here: the server re-reads them through the event
// log's own scoped query (listEvents), so the live view shows exactly what the event API shows.
import type { EventView, ServicePeriod } from '@portvakt/core';
import { Params, serviceDuring, type Queryable } from '../registry';

/** The open-attempt kind (protocol wire code) and its results: 0 opened, 1 refused. */
const openAttemptKind = 1;

export interface LiveLockRow {
  lockDeviceId: string;
  propertyId: string;
  designation: string;
  streetAddress: string;
  latitude: number | null;
  longitude: number | null;
  doorId: string;
  doorLabel: string;
  doorKind: string;
  lockType: string;
  lockNumber: number | null;
  lockSerial: string | null;
  blockListVersion: number | null;
  lastHeardAt: string | null;
  battery: number | null;
  openingsToday: number;
  refusalsToday: number;
}

export interface LiveLockQuery {
  municipalityId: string;
  /** The caller's view of the event log (core eventViewFor): a provider sees its reach only. */
  view: EventView;
  /** Today as a service period (the provider's reach is the customers it serves today). */
  today: ServicePeriod;
  dayFrom: Date;
  dayTo: Date;
  /** Only these locks (a stream's lock update); all installed locks in reach when absent. */
  lockIds?: string[] | undefined;
}

/**
 * The SQL condition "door `door` is in the caller's reach": every door for roles that read the
 * whole event log, for a provider the doors on the way in of customers it serves in `period` —
 * the event API's rule for a lock or door subject (isEventSubjectVisible).
 */
function reachCondition(
  door: string,
  view: EventView,
  period: ServicePeriod,
  params: Params,
  municipality: string,
): string {
  if (!view.providerId) return 'true';
  const provider = params.add(view.providerId);
  return `${door} IN (SELECT a.door_id FROM access_path_step a
      JOIN customer_service cs ON cs.municipality_id = a.municipality_id AND cs.customer_id = a.customer_id
      WHERE a.municipality_id = ${municipality} AND ${serviceDuring('cs', provider, period, params)})`;
}

/**
 * The installed locks in the caller's reach with their property and door, the block-list version
 * of the newest record that carried one, when the newest record happened, the battery level and
 * today's openings and refusals (aggregate records count as many as they stand for).
 */
export async function listLiveLocks(db: Queryable, query: LiveLockQuery): Promise<LiveLockRow[]> {
  const params = new Params();
  const m = params.add(query.municipalityId);
  const from = params.add(query.dayFrom);
  const to = params.add(query.dayTo);
  const only = query.lockIds ? ` AND l.id = ANY(${params.add(query.lockIds)}::uuid[])` : '';
  const reach = reachCondition('l.door_id', query.view, query.today, params, m);
  const { rows } = await db.query<
    Omit<LiveLockRow, 'lastHeardAt' | 'openingsToday' | 'refusalsToday' | 'lockSerial'> & {
      lockSerial: string;
      lastHeardAt: Date | null;
      openingsToday: string | null;
      refusalsToday: string | null;
    }
  >(
    `SELECT l.id AS "lockDeviceId", p.id AS "propertyId", p.designation, p.street_address AS "streetAddress",
       p.latitude, p.longitude, d.id AS "doorId", d.label AS "doorLabel", d.kind AS "doorKind",
       l.lock_type AS "lockType", l.lock_number AS "lockNumber", l.serial AS "lockSerial",
       version.block_list_version AS "blockListVersion", newest.occurred_at AS "lastHeardAt",
       l.battery_level AS battery, today.openings AS "openingsToday", today.refusals AS "refusalsToday"
     FROM lock_device l
       JOIN door d ON d.municipality_id = l.municipality_id AND d.id = l.door_id
       JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
       LEFT JOIN device_enrolment en ON en.municipality_id = l.municipality_id AND en.lock_device_id = l.id
         AND en.revoked_at IS NULL
       LEFT JOIN LATERAL (
         SELECT e.occurred_at FROM device_event e WHERE e.municipality_id = en.municipality_id AND e.device_id = en.id
         ORDER BY e.sequence DESC LIMIT 1) newest ON true
       LEFT JOIN LATERAL (
         SELECT e.block_list_version FROM device_event e
         WHERE e.municipality_id = en.municipality_id AND e.device_id = en.id AND e.block_list_version IS NOT NULL
         ORDER BY e.sequence DESC LIMIT 1) version ON true
       LEFT JOIN LATERAL (
         SELECT sum(coalesce(e.event_count, 1)) FILTER (WHERE e.result = 0) AS openings,
                sum(coalesce(e.event_count, 1)) FILTER (WHERE e.result = 1) AS refusals
         FROM device_event e
         WHERE e.municipality_id = en.municipality_id AND e.device_id = en.id AND e.kind = ${openAttemptKind}
           AND e.occurred_at >= ${from} AND e.occurred_at < ${to}) today ON true
     WHERE l.municipality_id = ${m} AND l.status = 'installed' AND ${reach}${only}
     ORDER BY p.designation, d.label, l.id`,
    params.values,
  );
  return rows.map((row) => ({
    ...row,
    lockSerial: query.view.showLockSerials ? row.lockSerial : null,
    lockNumber: row.lockNumber === null ? null : Number(row.lockNumber),
    blockListVersion: row.blockListVersion === null ? null : Number(row.blockListVersion),
    lastHeardAt: row.lastHeardAt?.toISOString() ?? null,
    openingsToday: Number(row.openingsToday ?? 0),
    refusalsToday: Number(row.refusalsToday ?? 0),
  }));
}

/** The municipality's current block-list version (what every lock should have). */
export async function readBlockListVersion(db: Queryable, municipalityId: string): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    'SELECT block_list_version AS version FROM municipality WHERE id = $1',
    [municipalityId],
  );
  return rows[0]?.version ?? 0;
}

/** A record's identity: the device that wrote it and its sequence. */
export interface LiveRecordId {
  deviceId: string;
  sequence: number;
  lockDeviceId: string;
}

/**
 * Today's newest records at the given locks, newest first (ids only: the caller re-reads them
 * through the event log's scoped query).
 */
export async function listNewestLiveRecordIds(
  db: Queryable,
  query: { municipalityId: string; lockIds: string[]; dayFrom: Date; dayTo: Date; limit: number },
): Promise<LiveRecordId[]> {
  if (query.lockIds.length === 0) return [];
  const { rows } = await db.query<LiveRecordId & { sequence: string }>(
    `SELECT e.device_id AS "deviceId", e.sequence, en.lock_device_id AS "lockDeviceId"
     FROM device_event e JOIN device_enrolment en ON en.municipality_id = e.municipality_id AND en.id = e.device_id
     WHERE e.municipality_id = $1 AND en.lock_device_id = ANY($2::uuid[])
       AND e.occurred_at >= $3 AND e.occurred_at < $4
     ORDER BY e.occurred_at DESC, e.device_id DESC, e.sequence DESC LIMIT $5`,
    [query.municipalityId, query.lockIds, query.dayFrom, query.dayTo, query.limit],
  );
  return rows.map((row) => ({ ...row, sequence: Number(row.sequence) }));
}
