// What visit derivation at ingest reads and writes (docs/visits.md "Derivation"), in the ingest's
// transaction: one statement to learn which doors make visits for which customer, who the staff
// are and which of their visits are still open; one statement to write what derivation decided.
import {
  lockVisitAuthor,
  type LockVisitChanges,
  type OpenLockVisit,
  type PhoneVisitSpan,
} from '@portvakt/core';
import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { CopyBinaryWriter, openBinaryCopy } from '../events';
import type { Queryable } from '../platform/queryable';

export interface LockVisitContext {
  settings: Record<string, unknown>;
  /** Door → the one customer whose visits its openings make. */
  customerByDoor: Map<string, string>;
  staffByPseudonym: Map<string, { staffMemberId: string; providerId: string }>;
  openVisits: OpenLockVisit[];
  /** The staff's phone visits at the doors' customers, once per door: openings there may confirm them. */
  phoneVisits: PhoneVisitSpan[];
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
    phone: [string, string, string, string, string | null][] | null;
  }>({
    name: 'read-lock-visit-context',
    // With derivation off (settings.deriveVisits false) only the settings are read.
    // `door_customer` is every customer behind each door; `doors` gives a door to one of them,
    // while a phone visit at any of them (a couple) is one the door's openings can confirm.
    text: `SELECT m.settings, d.doors, d.staff, d.open, d.phone FROM municipality m LEFT JOIN LATERAL (
       WITH door_customer AS (
            SELECT c.apartment_door_id AS door_id, c.id AS customer_id FROM customer c
            WHERE c.municipality_id = $1 AND c.apartment_door_id = ANY($2::uuid[])
            UNION ALL
            SELECT s.door_id, c.id FROM access_path_step s
              JOIN door d ON d.id = s.door_id AND d.municipality_id = s.municipality_id
              JOIN customer c ON c.id = s.customer_id AND c.municipality_id = s.municipality_id
            WHERE s.municipality_id = $1 AND s.door_id = ANY($2::uuid[]) AND d.kind IN ('key_safe', 'key_tube')
              AND c.municipality_id = $1
              AND NOT EXISTS (SELECT 1 FROM lock_device l
                              WHERE l.municipality_id = c.municipality_id AND l.door_id = c.apartment_door_id
                                AND l.status = 'installed'))
       SELECT
       (SELECT json_agg(json_build_array(door_id, customer_id)) FROM (
          SELECT DISTINCT ON (door_id) door_id, customer_id FROM door_customer ORDER BY door_id, customer_id) y) AS doors,
       (SELECT json_agg(json_build_array(s.pseudonym, s.id, s.provider_id)) FROM staff_member s
        WHERE s.municipality_id = $1 AND s.pseudonym = ANY($3::text[])) AS staff,
       (SELECT json_agg(json_build_array(v.visit_id, v.door_id, s.pseudonym,
                                         (extract(epoch FROM v.arrival_at) * 1000)::bigint::text))
        FROM visit v JOIN staff_member s ON s.id = v.staff_member_ids[1] AND s.municipality_id = v.municipality_id
        WHERE v.municipality_id = $1 AND v.door_id = ANY($2::uuid[]) AND v.superseded_at IS NULL AND v.state = 'incomplete'
          AND v.source = 'lock' AND v.arrival_at >= $4) AS open,
       -- Phone visits a voiding said never happened confirm nothing.
       (SELECT json_agg(json_build_array(v.visit_id, dc.door_id, s.pseudonym,
                                         (extract(epoch FROM v.arrival_at) * 1000)::bigint::text,
                                         (extract(epoch FROM v.departure_at) * 1000)::bigint::text))
        FROM door_customer dc
          JOIN visit v ON v.customer_id = dc.customer_id AND v.municipality_id = $1
          JOIN staff_member s ON s.id = ANY(v.staff_member_ids) AND s.municipality_id = v.municipality_id
        WHERE v.superseded_at IS NULL AND v.source = 'phone' AND v.state <> 'voided' AND v.arrival_at >= $4
          AND s.pseudonym = ANY($3::text[])) AS phone
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
    phoneVisits: (row?.phone ?? []).map(([visitId, doorId, staffPseudonym, arrival, departure]) => ({
      visitId,
      doorId,
      staffPseudonym,
      arrival: Number(arrival),
      departure: departure === null ? null : Number(departure),
    })),
  };
}

const createdVisitColumns = [
  'visit_id',
  'version',
  'municipality_id',
  'provider_id',
  'customer_id',
  'staff_member_ids',
  'door_id',
  'source',
  'state',
  'arrival_at',
  'departure_at',
  'arrival_device_id',
  'arrival_sequence',
  'departure_device_id',
  'departure_sequence',
  'created_by',
] as const;

/**
 * Writes derivation's decisions: new visits (incomplete without a departure) with binary COPY,
 * as ingest writes the records themselves, the records that confirm a phone visit in one
 * statement, and the departures of open ones in one statement as their second version, each
 * with the records it came from. Returns how many visits were created and completed.
 *
 * Visit ids are time-ordered (UUIDv7): each new visit's key lands at the right edge of the
 * primary key instead of a random page, which is most of what writing a visit costs ingest.
 */
export async function writeLockVisitChanges(
  client: pg.PoolClient | pg.Client,
  municipalityId: string,
  changes: LockVisitChanges,
  context: Pick<LockVisitContext, 'customerByDoor' | 'staffByPseudonym'>,
): Promise<{ created: number; completed: number }> {
  let created = 0;
  const writer = new CopyBinaryWriter(256 * Math.max(1, changes.created.length));
  for (const visit of changes.created) {
    const customerId = context.customerByDoor.get(visit.doorId);
    const staff = context.staffByPseudonym.get(visit.staffPseudonym);
    if (!customerId || !staff) continue;
    created++;
    writer
      .row(createdVisitColumns.length)
      .uuid(uuidv7({ msecs: visit.arrival }))
      .int32(1)
      .uuid(municipalityId)
      .uuid(staff.providerId)
      .uuid(customerId)
      .uuidArray([staff.staffMemberId])
      .uuid(visit.doorId)
      .text('lock')
      .text(visit.departure === null ? 'incomplete' : 'registered')
      .timestamp(visit.arrival);
    if (visit.departure === null) writer.null();
    else writer.timestamp(visit.departure);
    writer.uuid(visit.arrivalRecord.deviceId).int64(visit.arrivalRecord.sequence);
    if (visit.departureRecord)
      writer.uuid(visit.departureRecord.deviceId).int64(visit.departureRecord.sequence);
    else writer.null().null();
    writer.text(lockVisitAuthor);
  }
  if (created > 0) {
    const copy = openBinaryCopy(client, 'visit', createdVisitColumns);
    try {
      await copy.write(writer.take());
      await copy.end();
    } catch (error) {
      copy.abort(error as Error);
      throw error;
    }
  }
  if (changes.confirmed.length > 0)
    await client.query({
      name: 'confirm-phone-visits',
      text: `INSERT INTO visit_lock_confirmation (municipality_id, visit_id, device_id, sequence)
         SELECT $1, u.visit_id, u.device, u.sequence
         FROM unnest($2::uuid[], $3::uuid[], $4::bigint[]) AS u(visit_id, device, sequence)
         ON CONFLICT DO NOTHING`,
      values: [
        municipalityId,
        changes.confirmed.map((c) => c.visitId),
        changes.confirmed.map((c) => c.record.deviceId),
        changes.confirmed.map((c) => c.record.sequence),
      ],
    });
  const { completed } = changes;
  if (completed.length === 0) return { created, completed: 0 };
  // A completion is the visit's next version, not a change in place (R5.3): a work lead who saw
  // the incomplete first version and corrects it names version 1 and gets 409 version_conflict
  // with the lock's departure, instead of replacing a departure they never saw.
  const { rowCount } = await client.query({
    name: 'complete-lock-visits',
    text: `WITH old AS (
         UPDATE visit v SET superseded_at = now(), superseded_by = v.created_by
         FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::bigint[]) AS u(visit_id, departure, device, sequence)
         WHERE v.municipality_id = $5 AND v.visit_id = u.visit_id AND v.superseded_at IS NULL
           AND v.state = 'incomplete' AND v.version = 1
         RETURNING v.*, u.departure, u.device, u.sequence
       )
       INSERT INTO visit (visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids, door_id,
         source, state, arrival_at, departure_at, arrival_device_id, arrival_sequence, departure_device_id,
         departure_sequence, services, note, created_by)
       SELECT visit_id, version + 1, municipality_id, provider_id, customer_id, staff_member_ids, door_id,
         source, 'registered', arrival_at, departure, arrival_device_id, arrival_sequence, device, sequence,
         services, note, created_by
       FROM old`,
    values: [
      completed.map((c) => c.visitId),
      completed.map((c) => new Date(c.departure)),
      completed.map((c) => c.departureRecord.deviceId),
      completed.map((c) => c.departureRecord.sequence),
      municipalityId,
    ],
  });
  return { created, completed: rowCount ?? 0 };
}
