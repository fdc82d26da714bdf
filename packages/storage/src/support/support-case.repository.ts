// Support cases and their timeline (docs/support.md). Every creator (a person raising a case, an
// emergency opening, a digital-failure take from a key cabinet) goes through insertSupportCase;
// every change of a case leaves a note through appendSupportCaseNote. Callers pass their own
// transaction and clock.
import {
  supportCaseReferencePrefix,
  type SupportCaseCategory,
  type SupportCaseNoteAuthorKind,
  type SupportCaseNoteKind,
  type SupportCasePriority,
  type SupportCaseTitleKind,
} from '@portvakt/core';
import type { Queryable } from '../platform/queryable';
import {
  insertWithRandomReference,
  referenceTaken,
  type DrawRandomBytes,
} from '../platform/random-reference';

export interface NewSupportCase {
  municipalityId: string;
  category: SupportCaseCategory;
  priority?: SupportCasePriority;
  /** A person's title as written; empty for a title the server gives (`titleKind`, migration 0048). */
  title: string;
  /** `text` (the default) or the kind of title the server gives the case, worded by the reader. */
  titleKind?: SupportCaseTitleKind;
  /** What a title kind needs (e.g. `backup_key_taken`'s cabinet and slot). */
  titleParams?: Record<string, unknown> | null;
  description?: string | null;
  isEmergency?: boolean;
  raisedByUserId: string | null;
  raisedBy: string;
  raisedByRole: string;
  /** The raiser's organisation: decides who else may read the case. */
  providerId?: string | null;
  propertyOwnerId?: string | null;
  locksmithCompanyId?: string | null;
  assignedUserId?: string | null;
  lockDeviceId?: string | null;
  digitalKeyId?: string | null;
  doorId?: string | null;
  customerId?: string | null;
}

export interface InsertedSupportCase {
  id: string;
  reference: string;
}

/**
 * Inserts a case in status `open`, stamped `at`, with a first note saying who raised it. Its
 * reference is random (core's `makeRandomReference`; never a count of the cases, which a raiser
 * would read the others' volume from): a code already taken in the municipality is drawn again.
 * `drawRandomBytes` is the tests' to fix.
 */
export async function insertSupportCase(
  db: Queryable,
  row: NewSupportCase,
  at: Date,
  drawRandomBytes?: DrawRandomBytes,
): Promise<InsertedSupportCase> {
  return insertWithRandomReference(
    supportCaseReferencePrefix,
    at,
    (reference) => insertWithReference(db, row, reference, at),
    drawRandomBytes,
  );
}

/** One try of `insertSupportCase`: `referenceTaken`, and nothing written, when `reference` is taken. */
async function insertWithReference(
  db: Queryable,
  row: NewSupportCase,
  reference: string,
  at: Date,
): Promise<InsertedSupportCase | typeof referenceTaken> {
  const { rows } = await db.query<InsertedSupportCase>(
    `WITH made AS (
       INSERT INTO support_case (municipality_id, reference, category, priority, title, description,
         is_emergency, raised_by_user_id, raised_by, raised_by_role, provider_id, property_owner_id,
         locksmith_company_id, assigned_user_id, lock_device_id, digital_key_id, door_id, customer_id,
         created_at, updated_at, title_kind, title_params)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
         $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $21)
       ON CONFLICT (municipality_id, reference) DO NOTHING
       RETURNING id, reference
     ), first_note AS (
       INSERT INTO support_case_note (municipality_id, support_case_id, kind, body, to_value, author_user_id, author, at)
       SELECT $1, id, 'status', 'raised', 'open', $8, $9, $19 FROM made
     )
     SELECT id, reference FROM made`,
    [
      row.municipalityId,
      reference,
      row.category,
      row.priority ?? 'normal',
      row.title,
      row.description ?? null,
      row.isEmergency ?? false,
      row.raisedByUserId,
      row.raisedBy,
      row.raisedByRole,
      row.providerId ?? null,
      row.propertyOwnerId ?? null,
      row.locksmithCompanyId ?? null,
      row.assignedUserId ?? null,
      row.lockDeviceId ?? null,
      row.digitalKeyId ?? null,
      row.doorId ?? null,
      row.customerId ?? null,
      at,
      row.titleKind ?? 'text',
      row.titleParams ?? null,
    ],
  );
  return rows[0] ?? referenceTaken;
}

export interface NewSupportCaseNote {
  municipalityId: string;
  supportCaseId: string;
  kind: SupportCaseNoteKind;
  body: string;
  fromValue?: string | null;
  toValue?: string | null;
  /** What a kind the console puts into words needs (e.g. `arrival_link_mailed`'s recipients). */
  params?: Record<string, unknown> | null;
  authorUserId: string | null;
  /** `actor` (the default): `author` is a user's or token's label; `arrival_link`: a locksmith company. */
  authorKind?: SupportCaseNoteAuthorKind;
  author: string;
}

/** Appends one entry to a case's timeline (never changed afterwards) and touches the case. */
export async function appendSupportCaseNote(
  db: Queryable,
  note: NewSupportCaseNote,
  at: Date,
): Promise<void> {
  await db.query(
    `WITH touched AS (UPDATE support_case SET updated_at = $8 WHERE municipality_id = $9 AND id = $1)
     INSERT INTO support_case_note (municipality_id, support_case_id, kind, body, from_value, to_value, author_user_id, author, at, params, author_kind)
     VALUES ($9, $1, $2, $3, $4, $5, $6, $7, $8, $10, $11)`,
    [
      note.supportCaseId,
      note.kind,
      note.body,
      note.fromValue ?? null,
      note.toValue ?? null,
      note.authorUserId,
      note.author,
      at,
      note.municipalityId,
      note.params ?? null,
      note.authorKind ?? 'actor',
    ],
  );
}
