// What visit derivation at ingest reads and writes (docs/visits.md "Derivation"), in the ingest's
// transaction: one statement to learn which doors make visits for which customer, who the staff
// are and which of their visits are still open; one statement to write what derivation decided.
import type { LockVisitChanges, OpenLockVisit } from '@portvakt/core';
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../platform/queryable';

export interface LockVisitContext {
  settings: Record<string, unknown>;
  /** Door → the one customer whose visits its openings make. */
  customerByDoor: Map<string, string>;
  staffByPseudonym: Map<string, { staffMemberId: string; providerId: string }>;
  openVisits: OpenLockVisit[];
}

/**
 * The customer's visit door is their apartment door; a key safe or key tube on their way in
 * counts only while the apartment door has no working lock (otherwise each visit would be two).
 * A door shared by several customers (a couple) goes to one of them, always the same.
 */
export async function readLockVisitContext(
  db: Queryable,
  municipalityId: string,
  doorIds: string[],
  pseudonyms: string[],
  openSince: Date,
): Promise<LockVisitContext> {
  const { rows } = await db.query<{
    settings: Record<string, unknown>;
    doors: [string, string][] | null;
    staff: [string, string, string][] | null;
    open: [string, string, string, string][] | null;
  }>({
    name: 'read-lock-visit-context',
    text: `SELECT m.settings,
       (SELECT json_agg(json_build_array(door_id, customer_id)) FROM (
          SELECT DISTINCT ON (door_id) door_id, customer_id FROM (
            SELECT c.apartment_door_id AS door_id, c.id AS customer_id FROM customer c
            WHERE c.municipality_id = $1 AND c.apartment_door_id = ANY($2::uuid[])
            UNION ALL
            SELECT s.door_id, c.id FROM access_path_step s
              JOIN door d ON d.id = s.door_id JOIN customer c ON c.id = s.customer_id
            WHERE s.door_id = ANY($2::uuid[]) AND d.kind IN ('key_safe', 'key_tube') AND c.municipality_id = $1
              AND NOT EXISTS (SELECT 1 FROM lock_device l
                              WHERE l.door_id = c.apartment_door_id AND l.status = 'installed')
          ) x ORDER BY door_id, customer_id) y) AS doors,
       (SELECT json_agg(json_build_array(s.pseudonym, s.id, s.provider_id)) FROM staff_member s
        WHERE s.municipality_id = $1 AND s.pseudonym = ANY($3::text[])) AS staff,
       (SELECT json_agg(json_build_array(v.visit_id, v.door_id, s.pseudonym,
                                         (extract(epoch FROM v.arrival_at) * 1000)::bigint::text))
        FROM visit v JOIN staff_member s ON s.id = v.staff_member_ids[1]
        WHERE v.door_id = ANY($2::uuid[]) AND v.superseded_at IS NULL AND v.state = 'incomplete'
          AND v.source = 'lock' AND v.arrival_at >= $4) AS open
     FROM municipality m WHERE m.id = $1`,
    values: [municipalityId, doorIds, pseudonyms, openSince],
  });
  const row = rows[0];
  return {
    settings: row?.settings ?? {},
    customerByDoor: new Map(row?.doors ?? []),
    staffByPseudonym: new Map(
      (row?.staff ?? []).map(([pseudonym, staffMemberId, providerId]) => [
        pseudonym,
        { staffMemberId, providerId },
      ]),
    ),
    openVisits: (row?.open ?? []).map(([visitId, doorId, staffPseudonym, arrival]) => ({
      visitId,
      doorId,
      staffPseudonym,
      arrival: Number(arrival),
    })),
  };
}

/**
 * Writes derivation's decisions: new visits (incomplete without a departure) and the departures
 * of open ones, each with the records it came from. Returns how many visits were created and
 * completed.
 */
export async function writeLockVisitChanges(
  db: Queryable,
  municipalityId: string,
  changes: LockVisitChanges,
  context: Pick<LockVisitContext, 'customerByDoor' | 'staffByPseudonym'>,
): Promise<{ created: number; completed: number }> {
  const created = {
    ids: [] as string[],
    providers: [] as string[],
    customers: [] as string[],
    staff: [] as string[],
    doors: [] as string[],
    arrivals: [] as Date[],
    departures: [] as (Date | null)[],
  };
  const records = {
    visits: [] as string[],
    devices: [] as string[],
    sequences: [] as number[],
    roles: [] as string[],
  };
  const addRecord = (visitId: string, ref: { deviceId: string; sequence: number }, role: string) => {
    records.visits.push(visitId);
    records.devices.push(ref.deviceId);
    records.sequences.push(ref.sequence);
    records.roles.push(role);
  };
  for (const visit of changes.created) {
    const customerId = context.customerByDoor.get(visit.doorId);
    const staff = context.staffByPseudonym.get(visit.staffPseudonym);
    if (!customerId || !staff) continue;
    const id = randomUUID();
    created.ids.push(id);
    created.providers.push(staff.providerId);
    created.customers.push(customerId);
    created.staff.push(staff.staffMemberId);
    created.doors.push(visit.doorId);
    created.arrivals.push(new Date(visit.arrival));
    created.departures.push(visit.departure === null ? null : new Date(visit.departure));
    addRecord(id, visit.arrivalRecord, 'arrival');
    if (visit.departureRecord) addRecord(id, visit.departureRecord, 'departure');
  }
  for (const completed of changes.completed)
    addRecord(completed.visitId, completed.departureRecord, 'departure');
  if (records.visits.length === 0) return { created: 0, completed: 0 };
  const { rows } = await db.query<{ created: string; completed: string }>({
    name: 'write-lock-visit-changes',
    text: `WITH created AS (
       INSERT INTO visit (id, visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids,
         door_id, source, state, arrival_at, departure_at, created_by)
       SELECT c.id, c.id, 1, $1, c.provider_id, c.customer_id, ARRAY[c.staff_id], c.door_id, 'lock',
         CASE WHEN c.departure IS NULL THEN 'incomplete' ELSE 'registered' END, c.arrival, c.departure, 'lock records'
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::timestamptz[], $8::timestamptz[])
         AS c(id, provider_id, customer_id, staff_id, door_id, arrival, departure)
       RETURNING 1
     ), completed AS (
       UPDATE visit v SET departure_at = u.departure, state = 'registered'
       FROM unnest($9::uuid[], $10::timestamptz[]) AS u(visit_id, departure)
       WHERE v.visit_id = u.visit_id AND v.superseded_at IS NULL AND v.state = 'incomplete' AND v.version = 1
       RETURNING 1
     ), evidence AS (
       INSERT INTO visit_record (visit_id, device_id, sequence, role)
       SELECT * FROM unnest($11::uuid[], $12::uuid[], $13::bigint[], $14::text[])
       ON CONFLICT DO NOTHING RETURNING 1
     )
     SELECT (SELECT count(*) FROM created) AS created, (SELECT count(*) FROM completed) AS completed,
       (SELECT count(*) FROM evidence) AS evidence`,
    values: [
      municipalityId,
      created.ids,
      created.providers,
      created.customers,
      created.staff,
      created.doors,
      created.arrivals,
      created.departures,
      changes.completed.map((c) => c.visitId),
      changes.completed.map((c) => new Date(c.departure)),
      records.visits,
      records.devices,
      records.sequences,
      records.roles,
    ],
  });
  return { created: Number(rows[0]!.created), completed: Number(rows[0]!.completed) };
}
