import type { Role } from '@portvakt/core';
import { type Queryable, type Row, selectFirstRow } from '../platform/queryable';
import { withIsoDates } from '../platform/rows';
import { createStatement } from '../platform/statements';
import { createFinderById } from '../platform/finder-by-id';

export interface UserRecord {
  id: string;
  municipalityId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  providerId: string | null;
  staffMemberId: string | null;
  propertyOwnerId: string | null;
  /** Installers: the locksmith company the account works for (its orders are theirs too). */
  locksmithCompanyId: string | null;
  isDisabled: boolean;
}

const userColumns = `u.id, u.municipality_id AS "municipalityId", u.username, u.display_name AS "displayName",
  u.password_hash AS "passwordHash", u.role, u.provider_id AS "providerId", u.staff_member_id AS "staffMemberId",
  u.property_owner_id AS "propertyOwnerId", u.locksmith_company_id AS "locksmithCompanyId", u.is_disabled AS "isDisabled"`;

/** Finds a user by (case-insensitive) username. */
export async function findUserByUsername(db: Queryable, username: string): Promise<UserRecord | undefined> {
  return selectFirstRow<UserRecord>(
    db,
    `SELECT ${userColumns} FROM user_account u WHERE u.username = $1
     /* sharding: signing in finds the account by its globally unique username (docs/sharding.md) */`,
    [username.toLowerCase()],
  );
}

export interface NewUser {
  municipalityId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  providerId?: string | null;
  staffMemberId?: string | null;
  propertyOwnerId?: string | null;
  locksmithCompanyId?: string | null;
}

/** Inserts a user account and returns its id. */
export async function insertUser(db: Queryable, user: NewUser): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO user_account (municipality_id, username, display_name, password_hash, role, provider_id, staff_member_id, property_owner_id, locksmith_company_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      user.municipalityId,
      user.username.toLowerCase(),
      user.displayName,
      user.passwordHash,
      user.role,
      user.providerId ?? null,
      user.staffMemberId ?? null,
      user.propertyOwnerId ?? null,
      user.locksmithCompanyId ?? null,
    ],
  );
  return rows[0]!.id;
}

export interface SessionRecord {
  user: UserRecord;
  csrfTokenHash: Buffer;
  expiresAt: Date;
  lastSeenAt: Date;
}

/** A session's key: its municipality and the hash of its id. */
export interface SessionKey {
  municipalityId: string;
  idHash: Buffer;
}

/** Stores a session by the hash of its id. */
export const insertSession = createStatement(
  `INSERT INTO user_session (municipality_id, id_hash, user_id, csrf_token_hash, expires_at)
     VALUES ($1, $2, $3, $4, $5)`,
  (session: SessionKey & { userId: string; csrfTokenHash: Buffer; expiresAt: Date }) => [
    session.municipalityId,
    session.idHash,
    session.userId,
    session.csrfTokenHash,
    session.expiresAt,
  ],
);

/** Finds a live session (not expired) and its user. */
export async function findSession(db: Queryable, idHash: Buffer): Promise<SessionRecord | undefined> {
  const { rows } = await db.query<UserRecord & { csrfTokenHash: Buffer; expiresAt: Date; lastSeenAt: Date }>({
    // Named: every signed-in request starts here, so it is parsed and planned once per connection.
    name: 'find-session',
    text: `SELECT ${userColumns}, s.csrf_token_hash AS "csrfTokenHash", s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt"
     FROM user_session s JOIN user_account u ON u.municipality_id = s.municipality_id AND u.id = s.user_id
     WHERE s.id_hash = $1 AND s.expires_at > now() /* sharding: by the session's random token, before its account is known; a router broadcasts it */`,
    values: [idHash],
  });
  const row = rows[0];
  if (!row) return undefined;
  const { csrfTokenHash, expiresAt, lastSeenAt, ...user } = row;
  return { user, csrfTokenHash, expiresAt, lastSeenAt };
}

/** The `$1, $2` of a statement on one session. */
const sessionValues = (session: SessionKey) => [session.municipalityId, session.idHash];

/** Marks a session as used now (sliding idle timeout). */
export const touchSession = createStatement(
  'UPDATE user_session SET last_seen_at = now() WHERE municipality_id = $1 AND id_hash = $2',
  sessionValues,
);

/** Ends a session. */
export const deleteSession = createStatement(
  'DELETE FROM user_session WHERE municipality_id = $1 AND id_hash = $2',
  sessionValues,
);

/** Ends every session of a user (password change, disabling). */
export const deleteUserSessions = createStatement<[municipalityId: string, userId: string]>(
  'DELETE FROM user_session WHERE municipality_id = $1 AND user_id = $2',
);

export interface TokenRecord {
  id: string;
  municipalityId: string;
  name: string;
  tokenPrefix: string;
  role: Role;
  providerId: string | null;
  isReadOnly: boolean;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const tokenColumns = `t.id, t.municipality_id AS "municipalityId", t.name, t.token_prefix AS "tokenPrefix", t.role,
  t.provider_id AS "providerId", t.is_read_only AS "isReadOnly", t.created_by AS "createdBy", t.created_at AS "createdAt",
  t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt", t.last_used_at AS "lastUsedAt"`;

function presentToken(row: Row): TokenRecord {
  return withIsoDates(row) as unknown as TokenRecord;
}

/** The municipality's ($1) tokens that `rest` (further conditions, order) picks, presented. */
async function selectTokens(db: Queryable, rest: string, values: unknown[]): Promise<TokenRecord[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${tokenColumns} FROM api_token t WHERE t.municipality_id = $1 ${rest}`,
    values,
  );
  return rows.map(presentToken);
}

/** Stores an API token by its hash. */
export async function insertToken(
  db: Queryable,
  token: {
    municipalityId: string;
    name: string;
    tokenHash: Buffer;
    tokenPrefix: string;
    role: Role;
    providerId: string | null;
    isReadOnly: boolean;
    createdBy: string;
    expiresAt: string | null;
  },
): Promise<TokenRecord> {
  const { rows } = await db.query<Row>(
    `INSERT INTO api_token AS t (municipality_id, name, token_hash, token_prefix, role, provider_id, is_read_only, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${tokenColumns}`,
    [
      token.municipalityId,
      token.name,
      token.tokenHash,
      token.tokenPrefix,
      token.role,
      token.providerId,
      token.isReadOnly,
      token.createdBy,
      token.expiresAt,
    ],
  );
  return presentToken(rows[0]!);
}

/** Finds a usable token (not revoked, not expired) by hash and records its use. */
export async function useToken(db: Queryable, tokenHash: Buffer): Promise<TokenRecord | undefined> {
  const { rows } = await db.query<Row>(
    `UPDATE api_token t SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL
       AND (expires_at IS NULL OR expires_at > now()) RETURNING ${tokenColumns}
     /* sharding: by the API token's random secret, before its municipality is known; a router broadcasts it */`,
    [tokenHash],
  );
  return rows[0] ? presentToken(rows[0]) : undefined;
}

/** Lists the municipality's tokens, newest first (never their secrets). */
export async function listTokens(db: Queryable, municipalityId: string): Promise<TokenRecord[]> {
  return selectTokens(db, 'ORDER BY t.created_at DESC', [municipalityId]);
}

/** Finds one token of the municipality. */
export const findToken = createFinderById(selectTokens, 'AND t.id = $2');

/** Revokes a token; revoking twice keeps the first time. */
export async function revokeToken(db: Queryable, municipalityId: string, id: string): Promise<void> {
  await db.query(
    'UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE municipality_id = $1 AND id = $2',
    [municipalityId, id],
  );
}

/**
 * Takes one attempt from `key`'s budget before the password is even checked, in one atomic
 * upsert, so parallel guesses cannot all slip through before the first failure is counted.
 * Returns whether the attempt may go ahead; past `maxAttempts` within the window the key is
 * locked for `lockSeconds`.
 */
export async function takeThrottleAttempt(
  db: Queryable,
  key: string,
  options: { windowSeconds: number; maxAttempts: number; lockSeconds: number },
): Promise<{ isAllowed: boolean; lockedUntil: Date | null }> {
  const { rows } = await db.query<{ failures: number; lockedUntil: Date | null }>(
    `INSERT INTO login_throttle AS l (throttle_key, failures, window_started_at) VALUES ($1, 1, now())
     ON CONFLICT (throttle_key) DO UPDATE SET
       failures = CASE WHEN l.locked_until > now() THEN l.failures
                       WHEN l.window_started_at < now() - make_interval(secs => $2) THEN 1 ELSE l.failures + 1 END,
       window_started_at = CASE WHEN l.locked_until > now() THEN l.window_started_at
                       WHEN l.window_started_at < now() - make_interval(secs => $2) THEN now() ELSE l.window_started_at END,
       locked_until = CASE WHEN l.locked_until > now() THEN l.locked_until
                       WHEN l.window_started_at >= now() - make_interval(secs => $2) AND l.failures + 1 > $3
                         THEN now() + make_interval(secs => $4) ELSE NULL END
     RETURNING failures, locked_until AS "lockedUntil"`,
    [key, options.windowSeconds, options.maxAttempts, options.lockSeconds],
  );
  const state = rows[0]!;
  return { isAllowed: state.lockedUntil === null, lockedUntil: state.lockedUntil };
}

/** Gives back an attempt that turned out legitimate (a correct login), without forgiving others. */
export async function returnThrottleAttempt(db: Queryable, key: string): Promise<void> {
  await db.query('UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE throttle_key = $1', [
    key,
  ]);
}

/** Forgets failures after a successful login. */
export async function clearThrottle(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE throttle_key = $1', [key]);
}

export type PublicUser = Omit<UserRecord, 'passwordHash'> & { createdAt: string; updatedAt: string };

const publicUserColumns = `u.id, u.municipality_id AS "municipalityId", u.username, u.display_name AS "displayName", u.role,
  u.provider_id AS "providerId", u.staff_member_id AS "staffMemberId", u.property_owner_id AS "propertyOwnerId",
  u.locksmith_company_id AS "locksmithCompanyId", u.is_disabled AS "isDisabled", u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

/** The user accounts `condition` picks ($1 the municipality), presented without password hashes. */
async function selectUsers(db: Queryable, condition: string, values: unknown[]): Promise<PublicUser[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${publicUserColumns} FROM user_account u WHERE u.municipality_id = $1 AND ${condition}`,
    values,
  );
  return rows.map((row) => withIsoDates(row) as unknown as PublicUser);
}

/** Lists a municipality's user accounts (never their password hashes). */
export async function listUsers(
  db: Queryable,
  municipalityId: string,
  filter: { role?: string | undefined; providerId?: string | undefined },
): Promise<PublicUser[]> {
  return selectUsers(
    db,
    `($2::text IS NULL OR u.role = $2) AND ($3::uuid IS NULL OR u.provider_id = $3)
       ORDER BY u.username`,
    [municipalityId, filter.role ?? null, filter.providerId ?? null],
  );
}

/** Finds one user account of the municipality. */
export const findUser = createFinderById(selectUsers, 'u.id = $2');

/** Changes display name, disabled flag and/or password hash. */
export async function updateUser(
  db: Queryable,
  municipalityId: string,
  id: string,
  patch: {
    displayName?: string | undefined;
    isDisabled?: boolean | undefined;
    passwordHash?: string | undefined;
    /** Null takes the account out of its company; undefined leaves it. */
    locksmithCompanyId?: string | null | undefined;
  },
): Promise<void> {
  await db.query(
    `UPDATE user_account SET display_name = coalesce($2, display_name), is_disabled = coalesce($3, is_disabled),
       password_hash = coalesce($4, password_hash),
       locksmith_company_id = CASE WHEN $5 THEN $6::uuid ELSE locksmith_company_id END, updated_at = now()
     WHERE id = $1 AND municipality_id = $7`,
    [
      id,
      patch.displayName ?? null,
      patch.isDisabled ?? null,
      patch.passwordHash ?? null,
      patch.locksmithCompanyId !== undefined,
      patch.locksmithCompanyId ?? null,
      municipalityId,
    ],
  );
}

/**
 * Holds a user account's row until the transaction ends, so that two changes judged on what the
 * account has (two removals of its last two passkeys, docs/sign-in.md) do not both count before
 * either writes. NO KEY: sessions and audit entries that reference the account go on being written.
 */
export async function lockUserAccount(db: Queryable, municipalityId: string, id: string): Promise<void> {
  await db.query('SELECT 1 FROM user_account WHERE municipality_id = $1 AND id = $2 FOR NO KEY UPDATE', [
    municipalityId,
    id,
  ]);
}
