// Locksmith companies' on-call contacts for emergency opening (R9.2): whom support calls, in order,
// and who gets the arrival link by e-mail. A contact is ended, never deleted.
import { createRowsQuery, createFirstRowQuery, type Queryable } from '../platform/queryable';

export interface LocksmithCompanyRecord {
  id: string;
  name: string;
  isEmergencyContracted: boolean;
}

export const findLocksmithCompany = createFirstRowQuery<
  LocksmithCompanyRecord,
  [municipalityId: string, id: string]
>(`SELECT id, name, is_emergency_contracted AS "isEmergencyContracted"
   FROM locksmith_company WHERE id = $2 AND municipality_id = $1`);

export interface OnCallContactRecord {
  id: string;
  locksmithCompanyId: string;
  name: string;
  phone: string;
  email: string | null;
  callOrder: number;
  createdAt: Date;
  endedAt: Date | null;
}

const contactColumns = `id, locksmith_company_id AS "locksmithCompanyId", name, phone, email,
  call_order AS "callOrder", created_at AS "createdAt", ended_at AS "endedAt"`;

/** The company's current contacts in call order. */
export const listOnCallContacts = createRowsQuery<
  OnCallContactRecord,
  [municipalityId: string, companyId: string]
>(`SELECT ${contactColumns} FROM locksmith_on_call_contact
   WHERE municipality_id = $1 AND locksmith_company_id = $2 AND ended_at IS NULL
   ORDER BY call_order, created_at, id`);

export async function insertOnCallContact(
  db: Queryable,
  row: {
    municipalityId: string;
    companyId: string;
    name: string;
    phone: string;
    email: string | null;
    callOrder: number;
    at: Date;
  },
): Promise<OnCallContactRecord> {
  const { rows } = await db.query<OnCallContactRecord>(
    `INSERT INTO locksmith_on_call_contact (municipality_id, locksmith_company_id, name, phone, email, call_order, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${contactColumns}`,
    [row.municipalityId, row.companyId, row.name, row.phone, row.email, row.callOrder, row.at],
  );
  return rows[0]!;
}

/** Ends a current contact; undefined when there is no such current contact of the company. */
export const endOnCallContact = createFirstRowQuery<
  OnCallContactRecord,
  [municipalityId: string, companyId: string, contactId: string, at: Date]
>(`UPDATE locksmith_on_call_contact SET ended_at = $4
   WHERE id = $3 AND municipality_id = $1 AND locksmith_company_id = $2 AND ended_at IS NULL
   RETURNING ${contactColumns}`);
