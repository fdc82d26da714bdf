// The customer's consents and refusals to a lock (R6.2): appended, never changed
// (customer_lock_consent is append-only for the app role, migration 0023).
import type { LockConsentDecision, LockConsentWay } from '@portvakt/core';
import { recordedAccountName } from '../platform/named-account';
import { createRowsQuery, type Queryable } from '../platform/queryable';

export interface LockConsentRow {
  id: string;
  customerId: string;
  decision: LockConsentDecision;
  decidedOn: string;
  givenHow: LockConsentWay;
  note: string | null;
  recordedBy: string;
  /** The recorder's name: only the municipality's staff record decisions (core's policy). */
  recordedByName: string | null;
  recordedAt: Date;
}

const columns = `id::text, customer_id AS "customerId", decision, to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn",
  given_how AS "givenHow", note, recorded_by AS "recordedBy",
  ${recordedAccountName('customer_lock_consent', 'customer_lock_consent.recorded_by')} AS "recordedByName",
  recorded_at AS "recordedAt"`;

export async function insertLockConsent(
  db: Queryable,
  consent: Omit<LockConsentRow, 'id' | 'recordedByName'> & { municipalityId: string },
): Promise<LockConsentRow> {
  const { rows } = await db.query<LockConsentRow>(
    `INSERT INTO customer_lock_consent (municipality_id, customer_id, decision, decided_on, given_how, note,
       recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${columns}`,
    [
      consent.municipalityId,
      consent.customerId,
      consent.decision,
      consent.decidedOn,
      consent.givenHow,
      consent.note,
      consent.recordedBy,
      consent.recordedAt,
    ],
  );
  return rows[0]!;
}

/** The customer's decisions, newest first (the first is the one that applies). */
export const listLockConsents = createRowsQuery<LockConsentRow, [municipalityId: string, customerId: string]>(
  `SELECT ${columns} FROM customer_lock_consent WHERE municipality_id = $1 AND customer_id = $2 ORDER BY id DESC`,
);
