// OpenID Connect sign-in (docs/oidc.md): the municipality's configuration, accounts' links to the
// identity provider, and sign-ins under way. SQL only; the rules are in core's oidc-rules.ts.
import type { Queryable } from '../platform/queryable';
import { createFirstRowQuery, createRowsQuery } from '../platform/queryable';
import type { UserRecord } from './accounts.repository';

export interface OidcConfigRecord {
  municipalityId: string;
  issuerUrl: string;
  clientId: string;
  clientSecretSealed: Buffer;
  matchClaim: string;
  isEnabled: boolean;
  updatedAt: Date;
}

const configColumns = `c.municipality_id AS "municipalityId", c.issuer_url AS "issuerUrl", c.client_id AS "clientId",
  c.client_secret_sealed AS "clientSecretSealed", c.match_claim AS "matchClaim", c.is_enabled AS "isEnabled",
  c.updated_at AS "updatedAt"`;

/** The municipality's configuration, enabled or not. */
export const findOidcConfig = createFirstRowQuery<OidcConfigRecord, [municipalityId: string]>(
  `SELECT ${configColumns} FROM oidc_config c WHERE c.municipality_id = $1`,
);

/** The enabled configuration of the municipality with this code (the login page names it by code). */
export const findEnabledOidcConfigByCode = createFirstRowQuery<OidcConfigRecord, [municipalityCode: string]>(
  `SELECT ${configColumns} FROM oidc_config c JOIN municipality m ON c.municipality_id = m.id
    WHERE m.code = $1 AND c.is_enabled`,
);

/** Municipalities whose people can sign in through their identity provider, for the login page. */
export const listOidcMunicipalities = createRowsQuery<{ code: string; name: string }, []>(
  `SELECT m.code, m.name FROM oidc_config c JOIN municipality m ON c.municipality_id = m.id
    WHERE c.is_enabled ORDER BY m.name`,
);

/** Creates or replaces the municipality's configuration; a missing secret keeps the stored one. */
export async function upsertOidcConfig(
  db: Queryable,
  config: {
    municipalityId: string;
    issuerUrl: string;
    clientId: string;
    clientSecretSealed: Buffer | null;
    matchClaim: string;
    isEnabled: boolean;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO oidc_config (municipality_id, issuer_url, client_id, client_secret_sealed, match_claim, is_enabled)
     VALUES ($1, $2, $3, coalesce($4, (SELECT client_secret_sealed FROM oidc_config WHERE municipality_id = $1)), $5, $6)
     ON CONFLICT (municipality_id) DO UPDATE SET issuer_url = EXCLUDED.issuer_url, client_id = EXCLUDED.client_id,
       client_secret_sealed = EXCLUDED.client_secret_sealed, match_claim = EXCLUDED.match_claim,
       is_enabled = EXCLUDED.is_enabled, updated_at = now()`,
    [
      config.municipalityId,
      config.issuerUrl,
      config.clientId,
      config.clientSecretSealed,
      config.matchClaim,
      config.isEnabled,
    ],
  );
}

export interface OidcLinkRecord {
  userId: string;
  municipalityId: string;
  issuerUrl: string | null;
  subject: string | null;
  linkedAt: string | null;
  createdAt: string;
}

const linkColumns = `l.user_id AS "userId", l.municipality_id AS "municipalityId", l.issuer_url AS "issuerUrl",
  l.subject, to_json(l.linked_at) #>> '{}' AS "linkedAt", to_json(l.created_at) #>> '{}' AS "createdAt"`;

/** One account's link, if it has one. */
export const findOidcLink = createFirstRowQuery<OidcLinkRecord, [municipalityId: string, userId: string]>(
  `SELECT ${linkColumns} FROM oidc_link l WHERE l.municipality_id = $1 AND l.user_id = $2`,
);

/** The municipality's links, for the admin. */
export const listOidcLinks = createRowsQuery<OidcLinkRecord, [municipalityId: string]>(
  `SELECT ${linkColumns} FROM oidc_link l WHERE l.municipality_id = $1 ORDER BY l.created_at`,
);

/**
 * Pre-sets (or replaces) the claim value an account is known by; replacing it forgets the
 * subject, so the next sign-in links afresh. A value that is another account's violates the
 * unique key (answered 409 already_exists).
 */
export async function upsertOidcLink(
  db: Queryable,
  link: { municipalityId: string; userId: string; claimValueHash: Buffer },
): Promise<void> {
  await db.query(
    `INSERT INTO oidc_link (user_id, municipality_id, claim_value_hash) VALUES ($1, $2, $3)
     ON CONFLICT (municipality_id, user_id) DO UPDATE SET claim_value_hash = EXCLUDED.claim_value_hash,
       issuer_url = NULL, subject = NULL, linked_at = NULL, created_at = now()`,
    [link.userId, link.municipalityId, link.claimValueHash],
  );
}

/** Removes an account's link; answers whether there was one. */
export async function deleteOidcLink(
  db: Queryable,
  municipalityId: string,
  userId: string,
): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM oidc_link WHERE municipality_id = $1 AND user_id = $2', [
    municipalityId,
    userId,
  ]);
  return rowCount === 1;
}

const userColumns = `u.id, u.municipality_id AS "municipalityId", u.username, u.display_name AS "displayName",
  u.password_hash AS "passwordHash", u.role, u.provider_id AS "providerId", u.staff_member_id AS "staffMemberId",
  u.property_owner_id AS "propertyOwnerId", u.locksmith_company_id AS "locksmithCompanyId", u.is_disabled AS "isDisabled"`;

/**
 * The account a signed-in person is: by the provider's subject once linked, otherwise by the
 * pre-set claim value of a link not yet used (which this sign-in then completes). One statement
 * each, in the caller's transaction.
 */
export const findUserByOidcSubject = createFirstRowQuery<
  UserRecord,
  [municipalityId: string, issuerUrl: string, subject: string]
>(
  `SELECT ${userColumns} FROM oidc_link l JOIN user_account u ON u.municipality_id = l.municipality_id AND u.id = l.user_id
    WHERE l.municipality_id = $1 AND l.issuer_url = $2 AND l.subject = $3 FOR UPDATE OF l`,
);

export const findUserByOidcClaim = createFirstRowQuery<
  UserRecord,
  [municipalityId: string, claimValueHash: Buffer]
>(
  `SELECT ${userColumns} FROM oidc_link l JOIN user_account u ON u.municipality_id = l.municipality_id AND u.id = l.user_id
    WHERE l.municipality_id = $1 AND l.claim_value_hash = $2 AND l.subject IS NULL FOR UPDATE OF l`,
);

/** Records the subject on first sign-in; later sign-ins match it alone. */
export async function completeOidcLink(
  db: Queryable,
  link: { municipalityId: string; userId: string; issuerUrl: string; subject: string },
): Promise<void> {
  await db.query(
    `UPDATE oidc_link SET issuer_url = $2, subject = $3, linked_at = now()
     WHERE municipality_id = $4 AND user_id = $1 AND subject IS NULL`,
    [link.userId, link.issuerUrl, link.subject, link.municipalityId],
  );
}

export interface OidcLoginStateRecord {
  municipalityId: string;
  nonce: string;
  codeVerifier: string;
}

/** Stores a sign-in under way for `lifetimeSeconds`, sweeping those expired over an hour ago. */
export async function insertOidcLoginState(
  db: Queryable,
  state: OidcLoginStateRecord & { stateHash: Buffer; lifetimeSeconds: number },
): Promise<void> {
  await db.query(
    // Sign-ins never finished are swept here too (the municipality's own; taking one sweeps
    // every municipality's), so starts nobody completes do not pile up.
    `WITH swept AS (DELETE FROM oidc_login_state WHERE municipality_id = $2 AND expires_at < now() - interval '1 hour')
     INSERT INTO oidc_login_state (state_hash, municipality_id, nonce, code_verifier, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [state.stateHash, state.municipalityId, state.nonce, state.codeVerifier, state.lifetimeSeconds],
  );
}

/**
 * Takes a sign-in under way out of the table (single use: a second callback with the same state
 * finds nothing); answers it only if it has not expired. Expired ones are swept on the way.
 */
export async function takeOidcLoginState(
  db: Queryable,
  stateHash: Buffer,
): Promise<OidcLoginStateRecord | undefined> {
  const { rows } = await db.query<OidcLoginStateRecord & { isFresh: boolean }>(
    `WITH taken AS (DELETE FROM oidc_login_state WHERE state_hash = $1 OR expires_at < now() - interval '1 hour'
       RETURNING state_hash, municipality_id, nonce, code_verifier, expires_at)
     SELECT municipality_id AS "municipalityId", nonce, code_verifier AS "codeVerifier", expires_at > now() AS "isFresh"
       FROM taken WHERE state_hash = $1
     /* sharding: the provider's callback names only the random state, before its municipality is known; a router broadcasts it */`,
    [stateHash],
  );
  const row = rows[0];
  return row?.isFresh
    ? { municipalityId: row.municipalityId, nonce: row.nonce, codeVerifier: row.codeVerifier }
    : undefined;
}
