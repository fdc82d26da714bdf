// Relatives' invitations, the accounts made with them and the log of their reads (R4.4,
// docs/relatives.md). SQL only; the rules are core's (`relatives/invitation-rules.ts`).
import type { Scope } from '@portvakt/core';
import {
  createFirstRowQuery,
  createRowsQuery,
  Params,
  selectFirstRow,
  type Queryable,
} from '../platform/queryable';
import { scopeCondition } from '../registry';
import { createLinkFinder } from '../platform/single-use-link';

export interface RelativeInvitationRecord {
  id: string;
  municipalityId: string;
  customerId: string;
  relativeName: string;
  email: string;
  providerId: string | null;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  userId: string | null;
  username: string | null;
  isAccountDisabled: boolean | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
}

const invitationColumns = `i.id, i.municipality_id AS "municipalityId", i.customer_id AS "customerId",
  i.relative_name AS "relativeName", i.email, i.provider_id AS "providerId", i.invited_by AS "invitedBy",
  i.created_at AS "createdAt", i.expires_at AS "expiresAt", i.used_at AS "usedAt", i.user_id AS "userId",
  u.username, u.is_disabled AS "isAccountDisabled", i.withdrawn_at AS "withdrawnAt", i.withdrawn_by AS "withdrawnBy"`;
const invitationFrom = `relative_invitation i LEFT JOIN user_account u
  ON u.id = i.user_id AND u.municipality_id = i.municipality_id`;

export interface RelativeCustomer {
  id: string;
  name: string;
}

/** The customer inside `scope` (a provider: served from today on), or undefined (as if unknown). */
export async function findRelativeCustomerInScope(
  db: Queryable,
  scope: Scope,
  customerId: string,
): Promise<RelativeCustomer | undefined> {
  const params = new Params();
  const inScope = scopeCondition('customer', scope, params);
  return selectFirstRow<RelativeCustomer>(
    db,
    `SELECT t.id, t.given_name || ' ' || t.family_name AS name FROM customer t
     WHERE t.municipality_id = ${params.add(scope.municipalityId)} AND t.id = ${params.add(customerId)} AND ${inScope}`,
    params.values,
  );
}

export interface NewRelativeInvitation {
  municipalityId: string;
  customerId: string;
  relativeName: string;
  email: string;
  tokenHash: Buffer;
  providerId: string | null;
  invitedByUserId: string | null;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertRelativeInvitation(db: Queryable, row: NewRelativeInvitation): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO relative_invitation (municipality_id, customer_id, relative_name, email, token_hash, provider_id,
       invited_by_user_id, invited_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      row.municipalityId,
      row.customerId,
      row.relativeName,
      row.email,
      row.tokenHash,
      row.providerId,
      row.invitedByUserId,
      row.invitedBy,
      row.createdAt,
      row.expiresAt,
    ],
  );
  return rows[0]!.id;
}

/** The customer's invitations, newest first, with the account made with each (if any). */
export const listRelativeInvitations = createRowsQuery<
  RelativeInvitationRecord,
  [municipalityId: string, customerId: string]
>(
  `SELECT ${invitationColumns} FROM ${invitationFrom}
   WHERE i.municipality_id = $1 AND i.customer_id = $2 ORDER BY i.created_at DESC, i.id`,
);

/** One invitation of the municipality, locked for a change (withdrawal). */
export const findRelativeInvitationForUpdate = createFirstRowQuery<
  RelativeInvitationRecord,
  [municipalityId: string, invitationId: string]
>(
  `SELECT ${invitationColumns} FROM ${invitationFrom}
   WHERE i.municipality_id = $1 AND i.id = $2 FOR UPDATE OF i`,
);

export interface InvitationLinkView extends RelativeInvitationRecord {
  customerGivenName: string;
  municipalityName: string;
  /** `invitedBy` when a person invited; null for an API token (whose label is internal). */
  personName: string | null;
  /** The provider the inviter acted for; null for a municipal role. */
  providerName: string | null;
}

/** The invitation behind a link's hash, locked when it is about to be used. */
export const findRelativeInvitationByTokenHash = createLinkFinder<InvitationLinkView>(
  `SELECT ${invitationColumns}, c.given_name AS "customerGivenName", m.name AS "municipalityName",
     CASE WHEN i.invited_by_user_id IS NOT NULL THEN i.invited_by END AS "personName", p.name AS "providerName"
   FROM ${invitationFrom} JOIN customer c ON c.id = i.customer_id AND c.municipality_id = i.municipality_id
     JOIN municipality m ON m.id = i.municipality_id
     LEFT JOIN provider p ON p.id = i.provider_id AND p.municipality_id = i.municipality_id
   WHERE /* sharding: a relative's link holds only its random token, so the invitation is found before its municipality is known */
     i.token_hash = $1`,
  'FOR UPDATE OF i',
);

export async function markRelativeInvitationUsed(
  db: Queryable,
  municipalityId: string,
  invitationId: string,
  userId: string,
  at: Date,
): Promise<void> {
  await stampInvitation(db, { municipalityId, invitationId, at: 'used_at', by: 'user_id' }, userId, at);
}

export async function markRelativeInvitationWithdrawn(
  db: Queryable,
  municipalityId: string,
  invitationId: string,
  by: string,
  at: Date,
): Promise<void> {
  await stampInvitation(db, { municipalityId, invitationId, at: 'withdrawn_at', by: 'withdrawn_by' }, by, at);
}

/** An invitation's one-way step (used, withdrawn): when, and by whom, in its own two columns. */
async function stampInvitation(
  db: Queryable,
  step: {
    municipalityId: string;
    invitationId: string;
    at: 'used_at' | 'withdrawn_at';
    by: 'user_id' | 'withdrawn_by';
  },
  by: string,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE relative_invitation SET ${step.at} = $3, ${step.by} = $2 WHERE municipality_id = $4 AND id = $1`,
    [step.invitationId, by, at, step.municipalityId],
  );
}

/** Disables the account made with an invitation (a withdrawal after use) and ends its sessions. */
export async function disableRelativeAccount(
  db: Queryable,
  municipalityId: string,
  userId: string,
): Promise<void> {
  await db.query(
    `WITH disabled AS (UPDATE user_account SET is_disabled = true, updated_at = now()
       WHERE municipality_id = $2 AND id = $1 AND role = 'relative' RETURNING id)
     DELETE FROM user_session WHERE municipality_id = $2 AND user_id IN (SELECT id FROM disabled)`,
    [userId, municipalityId],
  );
}

/**
 * The customer a relative's account is bound to: through the invitation it was made with, while
 * that invitation is not withdrawn. Undefined for any other account.
 */
export const findRelativeBinding = createFirstRowQuery<
  { customerId: string; customerName: string },
  [municipalityId: string, userId: string]
>(
  `SELECT i.customer_id AS "customerId", c.given_name || ' ' || c.family_name AS "customerName"
   FROM relative_invitation i JOIN customer c ON c.id = i.customer_id AND c.municipality_id = i.municipality_id
   JOIN user_account u ON u.id = i.user_id AND u.municipality_id = i.municipality_id AND u.role = 'relative'
   WHERE i.municipality_id = $1 AND i.user_id = $2 AND i.withdrawn_at IS NULL`,
);

/** What one read of the customer's visits logged: who read, in which format, which days, how many rows. */
interface RelativeReadEntry {
  userId: string;
  userLabel: string;
  format: 'json' | 'csv' | 'pdf';
  firstDay: string;
  lastDay: string;
  rowCount: number;
  readAt: Date;
}

export interface RelativeReadRow extends RelativeReadEntry {
  municipalityId: string;
  customerId: string;
  requestId: string | null;
}

export async function insertRelativeRead(db: Queryable, row: RelativeReadRow): Promise<void> {
  await db.query(
    `INSERT INTO relative_read_log (municipality_id, customer_id, user_id, user_label, format, first_day, last_day,
       row_count, read_at, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      row.municipalityId,
      row.customerId,
      row.userId,
      row.userLabel,
      row.format,
      row.firstDay,
      row.lastDay,
      row.rowCount,
      row.readAt,
      row.requestId,
    ],
  );
}

export interface RelativeReadRecord extends RelativeReadEntry {
  id: string;
  username: string;
  /** The relative's name, as the invitation gave it. */
  displayName: string;
}

/** The customer's read log, newest first, at most `limit` entries. */
export const listRelativeReads = createRowsQuery<
  RelativeReadRecord,
  [municipalityId: string, customerId: string, limit: number]
>(
  `SELECT r.id::text AS id, r.user_id AS "userId", u.username, u.display_name AS "displayName", r.user_label AS "userLabel", r.format,
     to_char(r.first_day, 'YYYY-MM-DD') AS "firstDay", to_char(r.last_day, 'YYYY-MM-DD') AS "lastDay",
     r.row_count AS "rowCount", r.read_at AS "readAt"
   FROM relative_read_log r JOIN user_account u ON u.id = r.user_id AND u.municipality_id = r.municipality_id
   WHERE r.municipality_id = $1 AND r.customer_id = $2 ORDER BY r.read_at DESC, r.id DESC LIMIT $3`,
);
