// Visits registered by phone (docs/visits.md "Phone check-in and check-out"): what a check-in or
// check-out needs to decide, in one statement, and the writes that store the visit with the
// phone's signed request as its evidence. No rules here: the server's use cases decide.
import { randomUUID } from 'node:crypto';
import {
  phoneKeyContextColumns,
  phoneKeyContextFrom,
  presentPhoneKeyContext,
  type PhoneKeyContext,
  type PhoneKeyContextRow,
} from '../devices';
import type { Queryable } from '../platform/queryable';
import { lockStaffVisits } from './visit.repository';

/** How long a check-in stays open for its check-out: the longest visit (core's visit rules). */
const openForHours = 12;

export interface PhoneVisitContext extends PhoneKeyContext {
  /** The phone's holder, when it has one in the municipality. */
  staff: { id: string; providerId: string } | undefined;
  /**
   * Whether the customer is in the holder's reach: one of the municipality's whom the holder's
   * provider serves from the check's day on, as a work lead of that provider sees customers. Any
   * other customer is answered like an unknown one (R2.7: a provider learns nothing of others').
   */
  isCustomerInReach: boolean;
  /** The holder's open phone visit at the customer (checked in within 12 hours), if any. */
  openVisit: { id: string; version: number; arrival: Date } | undefined;
}

/**
 * Everything a phone check-in or check-out decides on, in one statement: the phone's key (status,
 * last login and ticket expiry), its holder and their provider, the municipality's
 * settings and permission facts version, whether the customer is in the holder's reach, and the holder's
 * open phone visit at the customer. Undefined when no key with this id exists.
 */
export async function readPhoneVisitContext(
  db: Queryable,
  input: { municipalityId: string; digitalKeyId: string; customerId: string; at: Date },
): Promise<PhoneVisitContext | undefined> {
  const { rows } = await db.query<
    PhoneKeyContextRow & {
      providerId: string | null;
      isCustomerInReach: boolean;
      openVisit: { id: string; version: number; arrival: string } | null;
    }
  >({
    name: 'read-phone-visit-context',
    text: `SELECT ${phoneKeyContextColumns}, s.provider_id AS "providerId",
       EXISTS (SELECT 1 FROM customer c JOIN customer_service cs ON cs.municipality_id = c.municipality_id AND cs.customer_id = c.id
               WHERE c.id = $2 AND c.municipality_id = k.municipality_id AND cs.provider_id = s.provider_id
                 AND (cs.ends_on IS NULL OR cs.ends_on >= ($3::timestamptz AT TIME ZONE 'Europe/Stockholm')::date)) AS "isCustomerInReach",
       (SELECT json_build_object('id', v.visit_id, 'version', v.version, 'arrival', v.arrival_at)
        FROM visit v
        WHERE v.municipality_id = $5 AND v.customer_id = $2 AND v.superseded_at IS NULL AND v.state = 'incomplete'
          AND v.source = 'phone' AND v.arrival_at > $3::timestamptz - make_interval(hours => $4) AND s.id = ANY(v.staff_member_ids)
        ORDER BY v.arrival_at DESC LIMIT 1) AS "openVisit"
     ${phoneKeyContextFrom}`,
    values: [input.digitalKeyId, input.customerId, input.at, openForHours, input.municipalityId],
  });
  const row = rows[0];
  if (!row) return undefined;
  return {
    ...presentPhoneKeyContext(row),
    staff: row.staffId ? { id: row.staffId, providerId: row.providerId! } : undefined,
    isCustomerInReach: row.isCustomerInReach,
    openVisit: row.openVisit
      ? { id: row.openVisit.id, version: row.openVisit.version, arrival: new Date(row.openVisit.arrival) }
      : undefined,
  };
}

/**
 * Serialises check-ins and check-outs of one staff member until the transaction ends, so two
 * requests sent at once cannot both find no open visit and both open one; the lock every visit
 * write of theirs takes (`lockStaffVisits`), so a manual registration waits for it too.
 */
export async function lockStaffPhoneVisits(db: Queryable, staffMemberId: string): Promise<void> {
  await lockStaffVisits(db, [staffMemberId]);
}

/** A phone's signed request as the evidence of a visit's arrival or departure. */
export interface PhoneVisitEvidence {
  deviceId: string;
  nonce: Uint8Array;
  signedAt: Date;
  request: Uint8Array;
  requestSha256: Uint8Array;
}

/**
 * Opens a phone visit (state `incomplete`) with its arrival's evidence, in one statement, unless
 * the staff member already has an open phone visit at the customer (checked in within 12 hours):
 * then nothing is written and the open visit's id is returned as `openVisitId`. Call it holding
 * `lockStaffPhoneVisits`.
 */
export async function insertPhoneVisit(
  db: Queryable,
  visit: {
    municipalityId: string;
    providerId: string;
    customerId: string;
    staffMemberId: string;
    arrival: Date;
    createdBy: string;
    evidence: PhoneVisitEvidence;
  },
): Promise<{ visitId: string } | { openVisitId: string }> {
  const id = randomUUID();
  const { evidence } = visit;
  const { rows } = await db.query<{ openId: string | null; inserted: string | null }>(
    `WITH open AS (
       SELECT v.visit_id FROM visit v
       WHERE v.municipality_id = $2 AND v.customer_id = $4 AND v.superseded_at IS NULL AND v.state = 'incomplete'
         AND v.source = 'phone'
         AND v.arrival_at > $6::timestamptz - make_interval(hours => $13) AND $5::uuid = ANY(v.staff_member_ids)
       LIMIT 1
     ), inserted AS (
       INSERT INTO visit (visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids, source,
         state, arrival_at, created_by)
       SELECT $1, 1, $2, $3, $4, ARRAY[$5::uuid], 'phone', 'incomplete', $6, $7
       WHERE NOT EXISTS (SELECT 1 FROM open)
       RETURNING visit_id
     ), event AS (
       INSERT INTO phone_visit_event (visit_id, role, municipality_id, device_id, nonce, signed_at, received_at,
         request, request_sha256)
       SELECT visit_id, 'arrival', $2, $8, $9, $10, $6, $11, $12 FROM inserted
     )
     SELECT (SELECT visit_id FROM open) AS "openId", (SELECT visit_id FROM inserted) AS inserted`,
    [
      id,
      visit.municipalityId,
      visit.providerId,
      visit.customerId,
      visit.staffMemberId,
      visit.arrival,
      visit.createdBy,
      ...evidenceParams(evidence),
      openForHours,
    ],
  );
  const row = rows[0]!;
  return row.inserted ? { visitId: row.inserted } : { openVisitId: row.openId! };
}

/** A phone_visit_event's evidence columns, in order: device_id, nonce, signed_at, request, request_sha256. */
function evidenceParams(evidence: PhoneVisitEvidence): unknown[] {
  return [
    evidence.deviceId,
    Buffer.from(evidence.nonce),
    evidence.signedAt,
    Buffer.from(evidence.request),
    Buffer.from(evidence.requestSha256),
  ];
}

/**
 * Completes a phone visit's open first version with the departure's evidence, in one statement,
 * as its second version (as derivation completes its own lock visit): a work lead who saw the
 * open check-in and corrects it names version 1 and is told it changed. A visit a person has
 * corrected is no longer version 1 and is never changed by a check-out. Returns false when the
 * visit is no longer that open first version.
 */
export async function completePhoneVisit(
  db: Queryable,
  visit: { visitId: string; municipalityId: string; departure: Date; evidence: PhoneVisitEvidence },
): Promise<boolean> {
  const { evidence } = visit;
  const { rows } = await db.query<{ n: number }>(
    `WITH old AS (
       UPDATE visit SET superseded_at = now(), superseded_by = created_by
       WHERE municipality_id = $2 AND visit_id = $1 AND version = 1 AND superseded_at IS NULL
         AND state = 'incomplete' AND source = 'phone' AND arrival_at < $3
       RETURNING *
     ), completed AS (
       INSERT INTO visit (visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids, door_id,
         source, state, arrival_at, departure_at, services, note, created_by)
       SELECT visit_id, version + 1, municipality_id, provider_id, customer_id, staff_member_ids, door_id,
         source, 'registered', arrival_at, $3, services, note, created_by
       FROM old
       RETURNING visit_id
     ), event AS (
       INSERT INTO phone_visit_event (visit_id, role, municipality_id, device_id, nonce, signed_at, received_at,
         request, request_sha256)
       SELECT visit_id, 'departure', $2, $4, $5, $6, $3, $7, $8 FROM completed
     )
     SELECT count(*)::int AS n FROM completed`,
    [visit.visitId, visit.municipalityId, visit.departure, ...evidenceParams(evidence)],
  );
  return rows[0]!.n === 1;
}

/**
 * A phone check-in takes over the lock visit its own key turn began a moment before (docs/visits.md
 * "A phone visit and the door's lock"): the staff member's open lock visit at the customer's door,
 * still as derivation made it (version 1, no departure), arriving in [`since`, `at`]. Each becomes
 * a voided second version with `reason`, and the turn that began it confirms the phone visit, as a
 * turn uploaded after the check-in would have. Returns the ids taken over, for the audit trail.
 */
export async function takeOverLockVisits(
  db: Queryable,
  takeOver: {
    municipalityId: string;
    customerId: string;
    staffMemberId: string;
    phoneVisitId: string;
    since: Date;
    at: Date;
    reason: string;
    createdBy: string;
  },
): Promise<string[]> {
  const { rows } = await db.query<{ visitId: string }>(
    `WITH home AS (
       SELECT apartment_door_id AS door_id FROM customer WHERE municipality_id = $1 AND id = $2
     ), taken AS (
       UPDATE visit v SET superseded_at = now(), superseded_by = $8
       WHERE v.municipality_id = $1 AND v.superseded_at IS NULL AND v.source = 'lock' AND v.version = 1
         AND v.state = 'incomplete' AND v.staff_member_ids = ARRAY[$3::uuid]
         AND (v.customer_id = $2 OR v.door_id = (SELECT door_id FROM home))
         AND v.arrival_at >= $5 AND v.arrival_at <= $6
       RETURNING v.*
     ), voided AS (
       INSERT INTO visit (visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids, door_id,
         source, state, arrival_at, departure_at, services, note, arrival_device_id, arrival_sequence, reason,
         created_by)
       SELECT visit_id, version + 1, municipality_id, provider_id, customer_id, staff_member_ids, door_id,
         source, 'voided', arrival_at, NULL, services, note, arrival_device_id, arrival_sequence, $7, $8
       FROM taken
     ), confirmed AS (
       INSERT INTO visit_lock_confirmation (municipality_id, visit_id, device_id, sequence)
       SELECT municipality_id, $4, arrival_device_id, arrival_sequence FROM taken
       WHERE arrival_device_id IS NOT NULL
       ON CONFLICT DO NOTHING
     )
     SELECT visit_id AS "visitId" FROM taken ORDER BY arrival_at`,
    [
      takeOver.municipalityId,
      takeOver.customerId,
      takeOver.staffMemberId,
      takeOver.phoneVisitId,
      takeOver.since,
      takeOver.at,
      takeOver.reason,
      takeOver.createdBy,
    ],
  );
  return rows.map((row) => row.visitId);
}
