// How enrolment rows are selected and presented, shared by the repositories that read them
// (kept out of the package's exports: SQL stays inside storage).
import { type Queryable, type Row, selectFirstRow } from '../platform/queryable';
import { withIsoDates } from '../platform/rows';
import type { EnrolmentRecord } from './device.repository';

export const enrolmentColumns = `id, municipality_id AS "municipalityId", kind, lock_device_id AS "lockDeviceId", digital_key_id AS "digitalKeyId",
  label, public_jwk AS "publicJwk", enrolled_by AS "enrolledBy", enrolled_at AS "enrolledAt", revoked_at AS "revokedAt",
  last_seen_at AS "lastSeenAt"`;

export function presentEnrolment(row: Record<string, unknown>): EnrolmentRecord {
  return withIsoDates(row) as unknown as EnrolmentRecord;
}

/** The enrolment one statement answers (a read, or a write's `RETURNING ${enrolmentColumns}`), or undefined. */
export async function selectEnrolment(
  db: Queryable,
  sql: string,
  values: readonly unknown[],
): Promise<EnrolmentRecord | undefined> {
  const row = await selectFirstRow<Row>(db, sql, values);
  return row && presentEnrolment(row);
}

/** The live enrolments among `ids` (an SQL expression of type uuid[]), as `findEnrolments` reads them. */
export const liveEnrolmentsSelect = (ids: string) =>
  `SELECT ${enrolmentColumns} FROM device_enrolment WHERE id = ANY(${ids}) AND revoked_at IS NULL
   /* sharding: a device names only its enrolment id (a random UUID) when it signs a request; a router broadcasts this lookup */`;

const timestampFields = ['enrolledAt', 'revokedAt', 'lastSeenAt'] as const;

/** An enrolment read as JSON (`json_agg`), with its timestamps as `presentEnrolment` gives them. */
export function presentEnrolmentJson(json: Record<string, unknown>): EnrolmentRecord {
  const row = { ...json };
  for (const field of timestampFields) {
    if (typeof row[field] === 'string') row[field] = new Date(row[field]).toISOString();
  }
  return row as unknown as EnrolmentRecord;
}
