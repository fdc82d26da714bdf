// Consent requests, the entrances they ask about and the status per entrance (R7.1). The status
// rules are core's (consent-rules.ts); these functions write the status they are given. Callers
// run the writes of one request in one transaction (withTransaction).
import type { EntranceConsentStatus } from '@portvakt/core';
import {
  createColumnQuery,
  createRowsQuery,
  createFirstRowQuery,
  type Queryable,
} from '../platform/queryable';
import { recordedAccountName } from '../platform/named-account';
import { createSessionLock } from '../platform/session-lock';
import { requestDoorsWithConsent } from './request-doors.sql';

export interface ConsentPropertyRecord {
  id: string;
  ownerId: string | null;
  designation: string;
  streetAddress: string;
  postalCode: string | null;
  city: string | null;
  /** Every door of the property with its kind: the caller keeps only the shared ones. */
  doors: Array<{ id: string; kind: string; label: string }>;
}

/** A property of the municipality with its doors. */
export const readConsentProperty = createFirstRowQuery<
  ConsentPropertyRecord,
  [municipalityId: string, propertyId: string]
>(`SELECT p.id, p.owner_id AS "ownerId", p.designation, p.street_address AS "streetAddress",
     p.postal_code AS "postalCode", p.city,
     COALESCE((SELECT json_agg(json_build_object('id', d.id, 'kind', d.kind, 'label', d.label) ORDER BY d.label)
       FROM door d WHERE d.municipality_id = p.municipality_id AND d.property_id = p.id), '[]') AS doors
   FROM property p WHERE p.municipality_id = $1 AND p.id = $2`);

/** The status of each door now (`not_asked` without a row), locking the rows that exist. */
export async function lockEntranceStatuses(
  db: Queryable,
  municipalityId: string,
  doorIds: readonly string[],
): Promise<Map<string, EntranceConsentStatus>> {
  const { rows } = await db.query<{ doorId: string; status: EntranceConsentStatus }>(
    `SELECT door_id AS "doorId", status FROM entrance_consent
     WHERE municipality_id = $2 AND door_id = ANY($1::uuid[]) FOR UPDATE`,
    [doorIds, municipalityId],
  );
  const statuses = new Map<string, EntranceConsentStatus>(doorIds.map((id) => [id, 'not_asked']));
  for (const row of rows) statuses.set(row.doorId, row.status);
  return statuses;
}

/**
 * Writes entrances' statuses. With `answeredBy`, the answer's name, title and time; without, an
 * entrance asked again (its earlier answer no longer stands) or reminded (keeps what it had).
 */
export async function writeEntranceStatuses(
  db: Queryable,
  municipalityId: string,
  changes: ReadonlyArray<{ doorId: string; status: EntranceConsentStatus }>,
  at: Date,
  answeredBy?: { name: string; title: string | null },
): Promise<void> {
  if (changes.length === 0) return;
  await db.query(
    `INSERT INTO entrance_consent (door_id, municipality_id, status, answered_by_name, answered_by_title,
       answered_at, updated_at)
     SELECT c.door_id, $1, c.status, $4, $5, CASE WHEN $6 THEN $3::timestamptz END, $3
     FROM unnest($2::jsonb[]) AS j(value),
       LATERAL (SELECT (value->>'doorId')::uuid AS door_id, value->>'status' AS status) c
     ON CONFLICT (municipality_id, door_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,
       answered_by_name = CASE WHEN $6 THEN excluded.answered_by_name
         WHEN excluded.status = 'asked' THEN NULL ELSE entrance_consent.answered_by_name END,
       answered_by_title = CASE WHEN $6 THEN excluded.answered_by_title
         WHEN excluded.status = 'asked' THEN NULL ELSE entrance_consent.answered_by_title END,
       answered_at = CASE WHEN $6 THEN excluded.answered_at
         WHEN excluded.status = 'asked' THEN NULL ELSE entrance_consent.answered_at END`,
    [
      municipalityId,
      changes.map((change) => JSON.stringify(change)),
      at,
      answeredBy?.name ?? null,
      answeredBy?.title ?? null,
      answeredBy !== undefined,
    ],
  );
}

/** Creates a request with its doors; returns its id. */
export async function insertConsentRequest(
  db: Queryable,
  request: {
    municipalityId: string;
    propertyOwnerId: string;
    propertyId: string;
    contactId: string;
    doorIds: readonly string[];
    createdBy: string;
    at: Date;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `WITH made AS (
       INSERT INTO consent_request (municipality_id, property_owner_id, property_id, contact_id, last_sent_at,
         created_by, created_at)
       VALUES ($1, $2, $3, $4, $7, $6, $7) RETURNING id
     ), doors AS (
       INSERT INTO consent_request_door (request_id, door_id, municipality_id)
       SELECT made.id, door_id, $1 FROM made, unnest($5::uuid[]) AS door_id
     )
     SELECT id FROM made`,
    [
      request.municipalityId,
      request.propertyOwnerId,
      request.propertyId,
      request.contactId,
      request.doorIds,
      request.createdBy,
      request.at,
    ],
  );
  return rows[0]!.id;
}

export interface ConsentRequestRecord {
  id: string;
  municipalityId: string;
  propertyOwnerId: string;
  propertyId: string;
  propertyDesignation: string;
  streetAddress: string;
  postalCode: string | null;
  city: string | null;
  contactId: string;
  contactName: string;
  contactEmail: string | null;
  lastSentAt: Date;
  reminderCount: number;
  answeredAt: Date | null;
  createdBy: string;
  /** The creator's name (an admin's or lock manager's account); null for a token or a blank name. */
  createdByName: string | null;
  createdAt: Date;
  doors: Array<{
    doorId: string;
    label: string;
    kind: string;
    status: EntranceConsentStatus;
    answer: string | null;
    answeredByName: string | null;
    answeredByTitle: string | null;
    answeredAt: string | null;
  }>;
}

/**
 * Requests of the municipality, newest first, narrowed by owner, property or id. Doors are the
 * request's own (shared doors only: nothing else is ever put in a request).
 */
export async function listConsentRequests(
  db: Queryable,
  municipalityId: string,
  filter: { propertyOwnerId?: string; propertyId?: string; requestId?: string; limit?: number },
): Promise<ConsentRequestRecord[]> {
  const { rows } = await db.query<ConsentRequestRecord>(
    `SELECT r.id, r.municipality_id AS "municipalityId", r.property_owner_id AS "propertyOwnerId",
       r.property_id AS "propertyId", p.designation AS "propertyDesignation", p.street_address AS "streetAddress",
       p.postal_code AS "postalCode", p.city, r.contact_id AS "contactId", c.name AS "contactName",
       c.email AS "contactEmail", r.last_sent_at AS "lastSentAt", r.reminder_count AS "reminderCount",
       r.answered_at AS "answeredAt", r.created_by AS "createdBy",
       ${recordedAccountName('r', 'r.created_by')} AS "createdByName", r.created_at AS "createdAt",
       (SELECT json_agg(json_build_object('doorId', d.id, 'label', d.label, 'kind', d.kind,
           'status', COALESCE(e.status, 'not_asked'), 'answer', rd.answer,
           'answeredByName', rd.answered_by_name, 'answeredByTitle', rd.answered_by_title,
           'answeredAt', rd.answered_at) ORDER BY d.label)
         ${requestDoorsWithConsent}) AS doors
     FROM consent_request r
     JOIN property p ON p.municipality_id = r.municipality_id AND p.id = r.property_id
     JOIN property_owner_contact c ON c.municipality_id = r.municipality_id AND c.id = r.contact_id
     WHERE r.municipality_id = $1
       AND ($2::uuid IS NULL OR r.property_owner_id = $2)
       AND ($3::uuid IS NULL OR r.property_id = $3)
       AND ($4::uuid IS NULL OR r.id = $4)
     ORDER BY r.created_at DESC, r.id
     LIMIT $5`,
    [
      municipalityId,
      filter.propertyOwnerId ?? null,
      filter.propertyId ?? null,
      filter.requestId ?? null,
      filter.limit ?? 500,
    ],
  );
  return rows.map((row) => ({
    ...row,
    doors: row.doors.map((door) => ({
      ...door,
      answeredAt: door.answeredAt ? new Date(door.answeredAt).toISOString() : null,
    })),
  }));
}

/** Locks a request for a change (an answer, a reminder, a withdrawal); undefined when there is none. */
export const lockConsentRequest = createFirstRowQuery<
  {
    id: string;
    answeredAt: Date | null;
    lastSentAt: Date;
    reminderCount: number;
  },
  [municipalityId: string, requestId: string]
>(`SELECT id, answered_at AS "answeredAt", last_sent_at AS "lastSentAt", reminder_count AS "reminderCount"
   FROM consent_request WHERE municipality_id = $1 AND id = $2 FOR UPDATE`);

/** Records the answers given through a request and marks it answered (all its links used). */
export async function recordConsentAnswers(
  db: Queryable,
  municipalityId: string,
  requestId: string,
  answers: ReadonlyArray<{ doorId: string; answer: string }>,
  by: { name: string; title: string | null },
  at: Date,
): Promise<void> {
  await db.query(
    `WITH answered AS (
       UPDATE consent_request SET answered_at = COALESCE(answered_at, $5) WHERE municipality_id = $6 AND id = $1
     )
     UPDATE consent_request_door rd SET answer = a.answer, answered_by_name = $3, answered_by_title = $4,
       answered_at = $5
     FROM unnest($2::jsonb[]) AS j(value),
       LATERAL (SELECT (value->>'doorId')::uuid AS door_id, value->>'answer' AS answer) a
     WHERE rd.municipality_id = $6 AND rd.request_id = $1 AND rd.door_id = a.door_id`,
    [requestId, answers.map((answer) => JSON.stringify(answer)), by.name, by.title, at, municipalityId],
  );
}

/** Notes a reminder mailed for the request. */
export async function recordConsentReminder(
  db: Queryable,
  municipalityId: string,
  requestId: string,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE consent_request SET last_sent_at = $2, reminder_count = reminder_count + 1
     WHERE municipality_id = $3 AND id = $1`,
    [requestId, at, municipalityId],
  );
}

/** Municipalities with unanswered requests, with their settings (for the reminder job). */
export const listMunicipalitiesWaitingForConsent = createRowsQuery<
  { id: string; name: string; settings: Record<string, unknown> },
  []
>(`SELECT m.id, m.name, m.settings FROM municipality m
   WHERE EXISTS (SELECT 1 FROM consent_request r WHERE r.municipality_id = m.id AND r.answered_at IS NULL)
   ORDER BY m.id`);

/** Unanswered requests whose last mail went out before `cutoff`, with fewer than `maxReminders` reminders. */
export const listDueConsentReminders = createColumnQuery<
  string,
  [municipalityId: string, cutoff: Date, maxReminders: number]
>(`SELECT id FROM consent_request
   WHERE municipality_id = $1 AND answered_at IS NULL AND last_sent_at <= $2 AND reminder_count < $3
   ORDER BY last_sent_at, id`);

// Any stable key: only the consent reminder run takes it, so two processes never remind twice.
const reminderLock = createSessionLock('portvakt:consent-reminders');

/** Takes the reminder run's session lock on this connection; false when another process holds it. */
export const tryLockConsentReminders = reminderLock.tryTake;
export const unlockConsentReminders = reminderLock.release;
