// An owner's contacts and the contact log (R7). Scope is the caller's: every function takes the
// municipality, and the owner where one is concerned, and reads nothing outside them.
import type { OwnerContactOutcomeKind } from '@portvakt/core';
import {
  createFirstValueQuery,
  createFirstRowQuery,
  createRowsQuery,
  type Queryable,
  selectFirstRow,
} from '../platform/queryable';
import { createReturningStatement } from '../platform/statements';

export interface OwnerContactRecord {
  id: string;
  propertyOwnerId: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  isPrimary: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface OwnerContactFields {
  name?: string;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  isPrimary?: boolean;
}

const contactColumns = `id, property_owner_id AS "propertyOwnerId", name, title, email, phone,
  is_primary AS "isPrimary", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The owner's name, when the owner is in the municipality. */
export const findPropertyOwnerName = createFirstValueQuery<string, [municipalityId: string, ownerId: string]>(
  'SELECT name FROM property_owner WHERE id = $2 AND municipality_id = $1',
);

export const listOwnerContacts = createRowsQuery<
  OwnerContactRecord,
  [municipalityId: string, ownerId: string]
>(`SELECT ${contactColumns} FROM property_owner_contact
   WHERE municipality_id = $1 AND property_owner_id = $2 ORDER BY is_primary DESC, name, id`);

export const findOwnerContact = createFirstRowQuery<
  OwnerContactRecord,
  [municipalityId: string, contactId: string]
>(`SELECT ${contactColumns} FROM property_owner_contact WHERE municipality_id = $1 AND id = $2`);

/** Makes no contact of the owner primary (before another becomes it). */
export async function clearPrimaryContact(
  db: Queryable,
  municipalityId: string,
  ownerId: string,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE property_owner_contact SET is_primary = false, updated_at = $2
     WHERE municipality_id = $3 AND property_owner_id = $1 AND is_primary`,
    [ownerId, at, municipalityId],
  );
}

export async function insertOwnerContact(
  db: Queryable,
  municipalityId: string,
  ownerId: string,
  fields: OwnerContactFields & { name: string },
  at: Date,
): Promise<OwnerContactRecord> {
  const { rows } = await db.query<OwnerContactRecord>(
    `INSERT INTO property_owner_contact (municipality_id, property_owner_id, name, title, email, phone,
       is_primary, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${contactColumns}`,
    [
      municipalityId,
      ownerId,
      fields.name,
      fields.title ?? null,
      fields.email ?? null,
      fields.phone ?? null,
      fields.isPrimary ?? false,
      at,
    ],
  );
  return rows[0]!;
}

/** Changes the given fields of a contact of the owner; undefined when there is no such contact. */
export async function updateOwnerContact(
  db: Queryable,
  municipalityId: string,
  ownerId: string,
  contactId: string,
  fields: OwnerContactFields,
  at: Date,
): Promise<OwnerContactRecord | undefined> {
  const columns: Record<keyof OwnerContactFields, string> = {
    name: 'name',
    title: 'title',
    email: 'email',
    phone: 'phone',
    isPrimary: 'is_primary',
  };
  const values: unknown[] = [municipalityId, ownerId, contactId, at];
  const sets = ['updated_at = $4'];
  for (const [field, column] of Object.entries(columns) as [keyof OwnerContactFields, string][]) {
    if (fields[field] === undefined) continue;
    values.push(fields[field]);
    sets.push(`${column} = $${values.length}`);
  }
  return selectFirstRow<OwnerContactRecord>(
    db,
    `UPDATE property_owner_contact SET ${sets.join(', ')}
     WHERE municipality_id = $1 AND property_owner_id = $2 AND id = $3 RETURNING ${contactColumns}`,
    values,
  );
}

export interface OwnerContactLogRecord {
  id: number;
  propertyOwnerId: string;
  kind: string;
  at: Date;
  madeBy: string;
  /** `note` (a person's outcome, as written) or a fact the console puts into words (migration 0046). */
  outcomeKind: OwnerContactOutcomeKind;
  outcome: string;
  /** What a fact's kind needs (e.g. `consent_reminder_sent`'s reminder and contact); null for a note. */
  params: Record<string, unknown> | null;
  consentRequestId: string | null;
  recordedBy: string;
  recordedAt: Date;
}

const logColumns = `id::int AS id, property_owner_id AS "propertyOwnerId", kind, at, made_by AS "madeBy",
  outcome_kind AS "outcomeKind", outcome, params, consent_request_id AS "consentRequestId", recorded_by AS "recordedBy", recorded_at AS "recordedAt"`;

/** The owner's contact log, newest first (at most `limit` entries). */
export async function listOwnerContactLog(
  db: Queryable,
  municipalityId: string,
  ownerId: string,
  limit = 500,
): Promise<OwnerContactLogRecord[]> {
  const { rows } = await db.query<OwnerContactLogRecord>(
    `SELECT ${logColumns} FROM owner_contact_log WHERE municipality_id = $1 AND property_owner_id = $2
     ORDER BY at DESC, id DESC LIMIT $3`,
    [municipalityId, ownerId, limit],
  );
  return rows;
}

/** A new entry: a person's `note` unless `outcomeKind` names a fact (its `outcome` then empty). */
export type NewOwnerContactLogEntry = Omit<OwnerContactLogRecord, 'id' | 'outcomeKind' | 'params'> &
  Partial<Pick<OwnerContactLogRecord, 'outcomeKind' | 'params'>>;

export const insertOwnerContactLog = createReturningStatement<
  OwnerContactLogRecord,
  [municipalityId: string, entry: NewOwnerContactLogEntry]
>(
  `INSERT INTO owner_contact_log (municipality_id, property_owner_id, kind, at, made_by, outcome,
       consent_request_id, recorded_by, recorded_at, outcome_kind, params)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${logColumns}`,
  (municipalityId, entry) => [
    municipalityId,
    entry.propertyOwnerId,
    entry.kind,
    entry.at,
    entry.madeBy,
    entry.outcome,
    entry.consentRequestId,
    entry.recordedBy,
    entry.recordedAt,
    entry.outcomeKind ?? 'note',
    entry.params ?? null,
  ],
);
