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
    // With derivation off (settings.deriveVisits false) only the settings are read.
    text: `SELECT m.settings, d.doors, d.staff, d.open FROM municipality m LEFT JOIN LATERAL (SELECT
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
     ) d ON coalesce((m.settings->>'deriveVisits')::boolean, true)
     WHERE m.id = $1`,
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
 * Writes derivation's decisions in one statement: new visits (incomplete without a departure) and
 * the departures of open ones, each with the records it came from. Returns how many visits were
 * created and completed.
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
    arrivalDevices: [] as string[],
    arrivalSequences: [] as number[],
    departureDevices: [] as (string | null)[],
    departureSequences: [] as (number | null)[],
  };
  for (const visit of changes.created) {
    const customerId = context.customerByDoor.get(visit.doorId);
    const staff = context.staffByPseudonym.get(visit.staffPseudonym);
    if (!customerId || !staff) continue;
    created.ids.push(randomUUID());
    created.providers.push(staff.providerId);
    created.customers.push(customerId);
    created.staff.push(staff.staffMemberId);
    created.doors.push(visit.doorId);
    created.arrivals.push(new Date(visit.arrival));
    created.departures.push(visit.departure === null ? null : new Date(visit.departure));
    created.arrivalDevices.push(visit.arrivalRecord.deviceId);
    created.arrivalSequences.push(visit.arrivalRecord.sequence);
    created.departureDevices.push(visit.departureRecord?.deviceId ?? null);
    created.departureSequences.push(visit.departureRecord?.sequence ?? null);
  }
  const { completed } = changes;
  if (created.ids.length === 0 && completed.length === 0) return { created: 0, completed: 0 };
  const { rows } = await db.query<{ created: string; completed: string }>({
    name: 'write-lock-visit-changes',
    text: `WITH created AS (
       INSERT INTO visit (visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids, door_id,
         source, state, arrival_at, departure_at, arrival_device_id, arrival_sequence, departure_device_id,
         departure_sequence, created_by)
       SELECT c.id, 1, $1, c.provider_id, c.customer_id, ARRAY[c.staff_id], c.door_id, 'lock',
         CASE WHEN c.departure IS NULL THEN 'incomplete' ELSE 'registered' END, c.arrival, c.departure,
         c.arrival_device, c.arrival_sequence, c.departure_device, c.departure_sequence, 'lock records'
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::timestamptz[], $8::timestamptz[],
                   $9::uuid[], $10::bigint[], $11::uuid[], $12::bigint[])
         AS c(id, provider_id, customer_id, staff_id, door_id, arrival, departure, arrival_device, arrival_sequence,
              departure_device, departure_sequence)
       RETURNING 1
     ), completed AS (
       UPDATE visit v SET departure_at = u.departure, state = 'registered', departure_device_id = u.device,
         departure_sequence = u.sequence
       FROM unnest($13::uuid[], $14::timestamptz[], $15::uuid[], $16::bigint[]) AS u(visit_id, departure, device, sequence)
       WHERE v.visit_id = u.visit_id AND v.superseded_at IS NULL AND v.state = 'incomplete' AND v.version = 1
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM created) AS created, (SELECT count(*) FROM completed) AS completed`,
    values: [
      municipalityId,
      created.ids,
      created.providers,
      created.customers,
      created.staff,
      created.doors,
      created.arrivals,
      created.departures,
      created.arrivalDevices,
      created.arrivalSequences,
      created.departureDevices,
      created.departureSequences,
      completed.map((c) => c.visitId),
      completed.map((c) => new Date(c.departure)),
      completed.map((c) => c.departureRecord.deviceId),
      completed.map((c) => c.departureRecord.sequence),
    ],
  });
  return { created: Number(rows[0]!.created), completed: Number(rows[0]!.completed) };
}
