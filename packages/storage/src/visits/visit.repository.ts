// Visits and their versions (docs/visits.md): reads inside a scope, manual registration, and a
// correction as "supersede the current version, add the next" in one statement. No rules here:
// core decides what may change, the server's use cases call these.
import type { Scope, VisitState } from '@portvakt/core';
import { randomUUID } from 'node:crypto';
import { optionalConditions, selectKeysetPage } from '../platform/keyset-page';
import { createFirstValueQuery, Params, type Queryable, selectFirstRow } from '../platform/queryable';
import { recordedAccountName } from '../platform/named-account';
import { scopeCondition } from '../registry';

export interface VisitRow {
  id: string;
  version: number;
  customerId: string;
  customerName: string;
  providerId: string;
  staffMemberIds: string[];
  staffNames: string[];
  source: 'lock' | 'phone' | 'manual';
  state: VisitState;
  arrival: Date;
  departure: Date | null;
  services: string[];
  declinedReason: string | null;
  note: string | null;
}

/** The signed records a visit came from, carried into every later version. */
const evidenceColumns = 'arrival_device_id, arrival_sequence, departure_device_id, departure_sequence';

/** The names of a visit version's (aliased `visit`) staff, in the order its ids are stored. */
const selectStaffNames = (visit: string, municipality: string) =>
  `ARRAY(SELECT s.given_name || ' ' || s.family_name FROM unnest(${visit}.staff_member_ids) WITH ORDINALITY u(id, n)
        JOIN staff_member s ON s.id = u.id AND s.municipality_id = ${municipality} ORDER BY u.n)`;

/** A visit's columns (aliased `t`, its customer `c`); `municipality` is the placeholder of the visit's municipality. */
const buildVisitColumns = (
  municipality: string,
) => `t.visit_id AS id, t.version, t.customer_id AS "customerId",
  c.given_name || ' ' || c.family_name AS "customerName", t.provider_id AS "providerId",
  t.staff_member_ids AS "staffMemberIds", ${selectStaffNames('t', municipality)} AS "staffNames",
  t.source, t.state, t.arrival_at AS arrival, t.departure_at AS departure, t.services,
  t.declined_reason AS "declinedReason", t.note`;

export interface VisitFilter {
  from: Date;
  to: Date;
  customerId?: string | undefined;
  staffMemberId?: string | undefined;
  providerId?: string | undefined;
  state?: string | undefined;
  /** Keyset position: the last row's arrival (PostgreSQL text, full precision) and id. */
  after?: { arrival: string; id: string } | undefined;
  limit: number;
}

/** Current versions of visits arriving in [from, to) inside `scope`, oldest first. */
export async function listVisits(
  db: Queryable,
  scope: Scope,
  filter: VisitFilter,
): Promise<(VisitRow & { position: string })[]> {
  const params = new Params();
  const municipality = params.add(scope.municipalityId);
  const where = [
    scopeCondition('visit', scope, params),
    't.superseded_at IS NULL',
    `t.arrival_at >= ${params.add(filter.from)}`,
    `t.arrival_at < ${params.add(filter.to)}`,
    ...optionalConditions(params, [
      ['t.customer_id = ?', filter.customerId],
      ['?::uuid = ANY(t.staff_member_ids)', filter.staffMemberId],
      ['t.provider_id = ?', filter.providerId],
      ['t.state = ?', filter.state],
    ]),
  ];
  return selectKeysetPage<VisitRow & { position: string }>(db, params, {
    select: `SELECT ${buildVisitColumns(municipality)}, t.arrival_at::text AS position
     FROM visit t JOIN customer c ON c.id = t.customer_id AND c.municipality_id = t.municipality_id
       AND t.municipality_id = ${municipality}`,
    where,
    order: { key: 't.arrival_at', cast: 'timestamptz', id: 't.visit_id' },
    after: filter.after && { sortKey: filter.after.arrival, id: filter.after.id },
    limit: filter.limit,
  });
}

/** A signed lock record a visit came from, or that confirmed a phone visit (its device and chain position). */
export interface LockRecordEvidenceRow {
  kind: 'lock_record';
  role: 'arrival' | 'departure' | 'confirmation';
  deviceId: string;
  sequence: number;
  occurredAt: Date | null;
  doorId: string | null;
  /** The record's exact bytes as the lock signed them into its chain; null once retention removed it. */
  record: Buffer | null;
}

/** A phone's signed check-in or check-out a visit came from (the exact bytes it signed). */
export interface PhoneRequestEvidenceRow {
  kind: 'phone_request';
  role: 'arrival' | 'departure';
  deviceId: string;
  /** The issuer's time: the visit's arrival or departure. */
  occurredAt: Date;
  nonce: Buffer;
  signedAt: Date;
  request: Buffer;
  requestSha256: Buffer;
}

export type VisitEvidenceRow = LockRecordEvidenceRow | PhoneRequestEvidenceRow;

export interface VisitVersionRow {
  version: number;
  /** Whose visit this version is: a correction may move it within a home (a couple). */
  customerId: string;
  state: string;
  arrival: Date;
  departure: Date | null;
  staffMemberIds: string[];
  /** The version's staff by name, in `staffMemberIds`' order. */
  staffNames: string[];
  services: string[];
  declinedReason: string | null;
  createdBy: string;
  /** The name of the account that made it, where the reader may be told it (null: say `createdBy`). */
  createdByName: string | null;
  createdAt: Date;
  reason: string | null;
  supersededAt: Date | null;
  supersededBy: string | null;
  /** The signed records this version names (a corrected time names none; the version before keeps it). */
  evidence: VisitEvidenceRow[];
}

/**
 * A visit inside `scope`: its current version, every version with the records it names, and
 * the current version's records (`evidence`).
 */
export async function findVisitDetail(
  db: Queryable,
  scope: Scope,
  visitId: string,
): Promise<{ visit: VisitRow; versions: VisitVersionRow[]; evidence: VisitEvidenceRow[] } | undefined> {
  const visit = await findCurrentVisit(db, scope, visitId);
  if (!visit) return undefined;
  const versions = await db.query<Omit<VisitVersionRow, 'evidence'>>(
    `SELECT version, customer_id AS "customerId", state, arrival_at AS arrival, departure_at AS departure,
       staff_member_ids AS "staffMemberIds", ${selectStaffNames('v', '$2')} AS "staffNames",
       services, declined_reason AS "declinedReason", created_by AS "createdBy",
       ${recordedAccountName('v', 'v.created_by', 'n.provider_id = v.provider_id')} AS "createdByName",
       created_at AS "createdAt", reason, superseded_at AS "supersededAt", superseded_by AS "supersededBy"
     FROM visit v WHERE v.municipality_id = $2 AND v.visit_id = $1 ORDER BY version`,
    [visitId, scope.municipalityId],
  );
  // Lock records by (device, sequence) as each version carries them, and those that confirmed a
  // phone visit (docs/visits.md "A phone visit and the door's lock") with its current version; a
  // phone's signed requests by the visit, for each version whose time still is the one they gave
  // (a corrected time no longer names its evidence, the earlier version keeps it).
  const locks = await db.query<LockRecordEvidenceRow & { version: number }>(
    `SELECT r.version, 'lock_record' AS kind, r.role, r.device_id AS "deviceId", r.sequence::int AS sequence,
       e.occurred_at AS "occurredAt", e.door_id AS "doorId", e.record
     FROM (SELECT v.version, r.role, r.device_id, r.sequence FROM visit v
             CROSS JOIN LATERAL (VALUES ('arrival', v.arrival_device_id, v.arrival_sequence),
                                        ('departure', v.departure_device_id, v.departure_sequence)) r(role, device_id, sequence)
           WHERE v.municipality_id = $2 AND v.visit_id = $1 AND r.device_id IS NOT NULL
           UNION ALL
           SELECT $3::int, 'confirmation', c.device_id, c.sequence FROM visit_lock_confirmation c
           WHERE c.municipality_id = $2 AND c.visit_id = $1) r
       LEFT JOIN LATERAL (SELECT occurred_at, door_id, record FROM device_event_all x
                          WHERE x.device_id = r.device_id AND x.sequence = r.sequence LIMIT 1) e ON true
     ORDER BY r.version, r.role, r.sequence`,
    [visitId, scope.municipalityId, visit.version],
  );
  const phone =
    visit.source !== 'phone'
      ? { rows: [] }
      : await db.query<PhoneRequestEvidenceRow & { version: number }>(
          `SELECT v.version, 'phone_request' AS kind, p.role, p.device_id AS "deviceId", p.received_at AS "occurredAt",
       p.nonce, p.signed_at AS "signedAt", p.request, p.request_sha256 AS "requestSha256"
     FROM visit v JOIN phone_visit_event p ON p.visit_id = v.visit_id AND p.municipality_id = v.municipality_id
       AND p.received_at = CASE p.role WHEN 'arrival' THEN v.arrival_at ELSE v.departure_at END
     WHERE v.municipality_id = $2 AND v.visit_id = $1
     ORDER BY v.version, p.role`,
          [visitId, scope.municipalityId],
        );
  const evidenceOf = (version: number): VisitEvidenceRow[] =>
    [...locks.rows, ...phone.rows]
      .filter((row) => row.version === version)
      .map(({ version: _version, ...row }) => row);
  return {
    visit,
    versions: versions.rows.map((v) => ({ ...v, evidence: evidenceOf(v.version) })),
    evidence: evidenceOf(visit.version),
  };
}

/** The current version of a visit inside `scope`, with its municipality's settings. */
export async function findCurrentVisit(
  db: Queryable,
  scope: Scope,
  visitId: string,
): Promise<(VisitRow & { settings: Record<string, unknown> }) | undefined> {
  const params = new Params();
  const municipality = params.add(scope.municipalityId);
  const inScope = scopeCondition('visit', scope, params);
  return selectFirstRow<VisitRow & { settings: Record<string, unknown> }>(
    db,
    `SELECT ${buildVisitColumns(municipality)}, m.settings
     FROM visit t JOIN customer c ON c.id = t.customer_id AND c.municipality_id = t.municipality_id
       JOIN municipality m ON m.id = t.municipality_id
     WHERE t.municipality_id = ${municipality} AND t.visit_id = ${params.add(visitId)} AND t.superseded_at IS NULL AND ${inScope}`,
    params.values,
  );
}

export interface VisitContent {
  customerId: string;
  staffMemberIds: string[];
  state: VisitRow['state'];
  arrival: Date;
  departure: Date | null;
  services: string[];
  declinedReason: string | null;
  note: string | null;
}

/** Registers a visit by hand (or by phone): its first version. Returns the visit's id. */
export async function insertVisit(
  db: Queryable,
  visit: VisitContent & {
    municipalityId: string;
    providerId: string;
    customerId: string;
    source: 'phone' | 'manual';
    createdBy: string;
    /** A municipality admin's registration after the month's lock date (listed by the next run). */
    isLate?: boolean;
  },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO visit (visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids, source,
       state, arrival_at, departure_at, services, declined_reason, note, created_by, is_late)
     VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      id,
      visit.municipalityId,
      visit.providerId,
      visit.customerId,
      visit.staffMemberIds,
      visit.source,
      visit.state,
      visit.arrival,
      visit.departure,
      visit.services,
      visit.declinedReason,
      visit.note,
      visit.createdBy,
      visit.isLate ?? false,
    ],
  );
  return id;
}

/**
 * Replaces version `expectedVersion` of a visit by the next one, keeping the old row (R5.3).
 * Returns the new version number, or undefined when `expectedVersion` is no longer current.
 */
export async function replaceVisitVersion(
  db: Queryable,
  change: {
    municipalityId: string;
    visitId: string;
    expectedVersion: number;
    by: string;
    reason: string;
    isLate: boolean;
    next: VisitContent;
  },
): Promise<number | undefined> {
  const { next } = change;
  const { rows } = await db.query<{ version: number }>(
    `WITH old AS (
       UPDATE visit SET superseded_at = now(), superseded_by = $3
       WHERE municipality_id = $13 AND visit_id = $1 AND version = $2 AND superseded_at IS NULL
       RETURNING *
     )
     INSERT INTO visit (visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids, door_id,
       source, state, arrival_at, departure_at, ${evidenceColumns}, services, declined_reason, note, created_by,
       reason, is_late)
     SELECT visit_id, version + 1, municipality_id, provider_id, $14, $5, door_id,
       source, $6, $7, $8,
       -- A time a person changed no longer comes from the record; the earlier version keeps it.
       CASE WHEN arrival_at = $7 THEN arrival_device_id END, CASE WHEN arrival_at = $7 THEN arrival_sequence END,
       CASE WHEN departure_at = $8 THEN departure_device_id END, CASE WHEN departure_at = $8 THEN departure_sequence END,
       $9, $10, $11, $3, $4, $12
     FROM old RETURNING version`,
    [
      change.visitId,
      change.expectedVersion,
      change.by,
      change.reason,
      next.staffMemberIds,
      next.state,
      next.arrival,
      next.departure,
      next.services,
      next.declinedReason,
      next.note,
      change.isLate,
      change.municipalityId,
      next.customerId,
    ],
  );
  return rows[0]?.version;
}

/**
 * Serialises every visit write of these staff members until the transaction ends (manual
 * registrations and corrections, phone check-ins and check-outs), so a write's overlap check made
 * after it wrote sees every other write of the same people (docs/visits.md "Corrections"). Taken
 * in id order, so two writes naming the same people in another order cannot deadlock. The key is
 * the one phone check-ins took before manual writes joined them, kept so a process of the
 * previous release running beside this one excludes the same writes.
 */
export async function lockStaffVisits(db: Queryable, staffMemberIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(staffMemberIds)].sort())
    await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('phone-visit:' || $1::text, 0))`, [id]);
}

/**
 * Another current visit of any of `staffMemberIds` overlapping [arrival, departure) (a visit
 * without departure counts as one minute): a person is at one customer at a time, or at one
 * home: a visit at another customer sharing `customerId`'s apartment door (a couple) may overlap.
 */
export const findOverlappingVisit = createFirstValueQuery<
  string,
  [
    staffMemberIds: string[],
    arrival: Date,
    departure: Date | null,
    exceptVisitId: string | null,
    municipalityId: string,
    customerId: string,
  ]
>(`SELECT visit_id AS id FROM visit
   WHERE municipality_id = $5 AND superseded_at IS NULL AND state NOT IN ('declined', 'voided') AND staff_member_ids && $1::uuid[]
     AND ($4::uuid IS NULL OR visit_id <> $4)
     AND customer_id NOT IN (SELECT o.id FROM customer c JOIN customer o ON o.municipality_id = c.municipality_id
                               AND o.apartment_door_id = c.apartment_door_id AND o.id <> c.id
                             WHERE c.municipality_id = $5 AND c.id = $6)
     AND arrival_at < coalesce($3::timestamptz, $2::timestamptz + interval '1 minute')
     AND coalesce(departure_at, arrival_at + interval '1 minute') > $2::timestamptz
   LIMIT 1`);

/**
 * The services of the visit's last version before its latest decline (a decline records none):
 * what a correction that makes a declined visit count again gives back. Undefined for a visit
 * never declined. Read by id alone: callers use it only for a visit they found in scope.
 */
export const findServicesBeforeDecline = createFirstValueQuery<
  string[],
  [municipalityId: string, visitId: string]
>(`SELECT services AS value FROM visit
   WHERE municipality_id = $1 AND visit_id = $2 AND state <> 'declined'
     AND version < (SELECT max(version) FROM visit WHERE municipality_id = $1 AND visit_id = $2 AND state = 'declined')
   ORDER BY version DESC LIMIT 1`);

/**
 * Whether the customer is served by `providerId` on the local day of `at`, and which of
 * `staffMemberIds` work for that provider (in the municipality, employed that day).
 */
export async function readVisitReferences(
  db: Queryable,
  municipalityId: string,
  providerId: string,
  customerId: string,
  staffMemberIds: string[],
  at: Date,
): Promise<{ isCustomerServed: boolean; providerStaffIds: string[] }> {
  const { rows } = await db.query<{ served: boolean; staff: string[] }>(
    `SELECT EXISTS (SELECT 1 FROM customer_service cs
                      JOIN customer c ON c.id = cs.customer_id AND c.municipality_id = cs.municipality_id
                    WHERE cs.customer_id = $3 AND c.municipality_id = $1 AND cs.provider_id = $2
                      AND cs.starts_on <= ($5::timestamptz AT TIME ZONE 'Europe/Stockholm')::date
                      AND (cs.ends_on IS NULL OR cs.ends_on >= ($5::timestamptz AT TIME ZONE 'Europe/Stockholm')::date)
                   ) AS served,
       ARRAY(SELECT s.id FROM staff_member s WHERE s.id = ANY($4::uuid[]) AND s.municipality_id = $1
               AND s.provider_id = $2) AS staff`,
    [municipalityId, providerId, customerId, staffMemberIds, at],
  );
  return { isCustomerServed: rows[0]!.served, providerStaffIds: rows[0]!.staff };
}

/**
 * Whether an approval may name this staff member or customer: one of the municipality, and for a
 * provider its own staff member, or a customer it served on some day from `firstDay` to
 * `lastDay` (local dates). Another provider's and a missing one look the same.
 */
export async function isApprovalSubjectInReach(
  db: Queryable,
  municipalityId: string,
  providerId: string | null,
  subject: { staffMemberId?: string | undefined; customerId?: string | undefined },
  days: { firstDay: string; lastDay: string },
): Promise<boolean> {
  if (subject.staffMemberId) {
    const { rows } = await db.query<{ isInReach: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM staff_member s WHERE s.municipality_id = $1 AND s.id = $3
         AND ($2::uuid IS NULL OR s.provider_id = $2)) AS "isInReach"`,
      [municipalityId, providerId, subject.staffMemberId],
    );
    return rows[0]!.isInReach;
  }
  const { rows } = await db.query<{ isInReach: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM customer c WHERE c.municipality_id = $1 AND c.id = $3
       AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM customer_service cs
             WHERE cs.municipality_id = c.municipality_id AND cs.customer_id = c.id
               AND cs.provider_id = $2 AND cs.starts_on <= $5::date
               AND (cs.ends_on IS NULL OR cs.ends_on >= $4::date)))) AS "isInReach"`,
    [municipalityId, providerId, subject.customerId, days.firstDay, days.lastDay],
  );
  return rows[0]!.isInReach;
}

/** The provider of a staff member of the municipality, or undefined. */
export const findStaffProvider = createFirstValueQuery<
  string,
  [municipalityId: string, staffMemberId: string]
>('SELECT provider_id AS "providerId" FROM staff_member WHERE id = $2 AND municipality_id = $1');

/**
 * Approves the given current versions (R5.3): each gets a next version in state `approved`, the
 * old one kept. Versions no longer current are skipped; returns the approved visits' new versions.
 */
export async function approveVisitVersions(
  db: Queryable,
  municipalityId: string,
  versions: { visitId: string; version: number }[],
  by: string,
): Promise<{ visitId: string; version: number }[]> {
  const { rows } = await db.query<{ visitId: string; version: number }>(
    `WITH old AS (
       UPDATE visit v SET superseded_at = now(), superseded_by = $3
       FROM unnest($1::uuid[], $2::int[]) AS a(visit_id, version)
       WHERE v.municipality_id = $4 AND v.visit_id = a.visit_id AND v.version = a.version AND v.superseded_at IS NULL
         AND v.state IN ('registered', 'corrected')
       RETURNING v.*
     ), approved AS (
       INSERT INTO visit (visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids, door_id,
         source, state, arrival_at, departure_at, ${evidenceColumns}, services, declined_reason, note, created_by,
         reason)
       SELECT visit_id, version + 1, municipality_id, provider_id, customer_id, staff_member_ids,
         door_id, source, 'approved', arrival_at, departure_at, ${evidenceColumns}, services, declined_reason, note,
         $3, 'approved'
       FROM old RETURNING visit_id, version
     )
     SELECT visit_id AS "visitId", version FROM approved ORDER BY visit_id`,
    [versions.map((v) => v.visitId), versions.map((v) => v.version), by, municipalityId],
  );
  return rows;
}
