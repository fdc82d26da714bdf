// Passkeys of user accounts, their single-use challenges and the enrolment step's tokens
// (migration 0036, docs/sign-in.md "Passkeys"). Expiry is judged by the database's clock, the
// same clock that wrote it, so several server processes agree on it.
import {
  createFirstRowQuery,
  createFirstValueQuery,
  createRowsQuery,
  type Queryable,
} from '../platform/queryable';
import type { UserRecord } from './accounts.repository';

/** A passkey as its owner and administrators see it (no key material). */
export interface PasskeySummary {
  id: string;
  name: string;
  deviceType: 'singleDevice' | 'multiDevice';
  isBackedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

/** What verifying an assertion needs of a stored passkey. */
export interface StoredPasskey {
  id: string;
  userId: string;
  credentialId: string;
  publicKey: Buffer;
  signCount: number;
  transports: string[];
}

export interface NewPasskey {
  municipalityId: string;
  userId: string;
  credentialId: string;
  publicKey: Uint8Array;
  signCount: number;
  transports: string[];
  name: string;
  deviceType: 'singleDevice' | 'multiDevice';
  isBackedUp: boolean;
}

export type PasskeyPurpose = 'register' | 'sign_in' | 'enrol';

const summaryColumns = `id, name, device_type AS "deviceType", is_backed_up AS "isBackedUp",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastUsedAt"`;

// The account as a JSON object, so a join answers it beside the passkey's own columns.
const userObject = `json_build_object(
  'id', u.id, 'municipalityId', u.municipality_id, 'username', u.username, 'displayName', u.display_name,
  'passwordHash', u.password_hash, 'role', u.role, 'providerId', u.provider_id,
  'staffMemberId', u.staff_member_id, 'propertyOwnerId', u.property_owner_id,
  'locksmithCompanyId', u.locksmith_company_id, 'isDisabled', u.is_disabled)`;

const storedColumns = `p.id, p.user_id AS "userId", p.credential_id AS "credentialId", p.public_key AS "publicKey",
  p.sign_count::float8 AS "signCount", p.transports`;

/** One account's passkeys, oldest first. */
export const listPasskeys = createRowsQuery<PasskeySummary, [municipalityId: string, userId: string]>(
  `SELECT ${summaryColumns} FROM passkey_credential WHERE municipality_id = $1 AND user_id = $2 ORDER BY created_at, id`,
);

/** One account's passkeys with what an assertion is checked against (sign-in after the username). */
export const listStoredPasskeys = createRowsQuery<StoredPasskey, [municipalityId: string, userId: string]>(
  `SELECT ${storedColumns} FROM passkey_credential p WHERE p.municipality_id = $1 AND p.user_id = $2
   ORDER BY p.created_at, p.id`,
);

/** How many passkeys an account has. */
export const countPasskeys = createFirstValueQuery<number, [municipalityId: string, userId: string]>(
  'SELECT count(*)::int FROM passkey_credential WHERE municipality_id = $1 AND user_id = $2',
);

/** The account a credential id belongs to, or undefined. */
export const findPasskeyOwnerId = createFirstValueQuery<string, [credentialId: string]>(
  `SELECT user_id FROM passkey_credential WHERE credential_id = $1
   /* sharding: a credential id is unique across municipalities (docs/sharding.md); a router asks its reference table or broadcasts */`,
);

/** A stored passkey and its account, by the credential id an authenticator answered with. */
export async function findPasskeyWithUser(
  db: Queryable,
  credentialId: string,
): Promise<{ passkey: StoredPasskey; user: UserRecord } | undefined> {
  const { rows } = await db.query<StoredPasskey & { user: UserRecord }>(
    `SELECT ${storedColumns}, ${userObject} AS "user"
     FROM passkey_credential p JOIN user_account u ON u.municipality_id = p.municipality_id AND u.id = p.user_id
     WHERE p.credential_id = $1
     /* sharding: a discoverable passkey names only its credential id, before its account is known (docs/sharding.md) */`,
    [credentialId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const { user, ...passkey } = row;
  return { passkey, user };
}

/** Stores a verified passkey and returns its summary. */
export async function insertPasskey(db: Queryable, passkey: NewPasskey): Promise<PasskeySummary> {
  const { rows } = await db.query<PasskeySummary>(
    `INSERT INTO passkey_credential (user_id, credential_id, public_key, sign_count, transports, name, device_type, is_backed_up, municipality_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${summaryColumns}`,
    [
      passkey.userId,
      passkey.credentialId,
      Buffer.from(passkey.publicKey),
      passkey.signCount,
      passkey.transports,
      passkey.name,
      passkey.deviceType,
      passkey.isBackedUp,
      passkey.municipalityId,
    ],
  );
  return rows[0]!;
}

/**
 * Records a use of a passkey with its new counter, only if the counter is still the one the
 * assertion was checked against: two answers racing with the same counter cannot both pass.
 */
export async function recordPasskeyUse(
  db: Queryable,
  use: { municipalityId: string; id: string; previousCount: number; newCount: number; isBackedUp: boolean },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE passkey_credential SET sign_count = $3, is_backed_up = $4, last_used_at = now()
     WHERE municipality_id = $5 AND id = $1 AND sign_count = $2`,
    [use.id, use.previousCount, use.newCount, use.isBackedUp, use.municipalityId],
  );
  return rowCount === 1;
}

/** Removes one passkey of an account; the summary of what was removed, or undefined. */
export const deletePasskey = createFirstRowQuery<
  PasskeySummary,
  [municipalityId: string, userId: string, id: string]
>(
  `DELETE FROM passkey_credential WHERE municipality_id = $1 AND user_id = $2 AND id = $3 RETURNING ${summaryColumns}`,
);

/** Removes every passkey of an account (an administrator's reset); what was removed. */
export const deleteUserPasskeys = createRowsQuery<PasskeySummary, [municipalityId: string, userId: string]>(
  `DELETE FROM passkey_credential WHERE municipality_id = $1 AND user_id = $2 RETURNING ${summaryColumns}`,
);

/** Stores a challenge handed out now, valid for `seconds`; returns its id. */
export async function insertPasskeyChallenge(
  db: Queryable,
  challenge: { challenge: string; purpose: PasskeyPurpose; userId: string | null; seconds: number },
): Promise<string> {
  // Expired challenges of anyone go with each new one, so the table stays the size of live ceremonies.
  await db.query('DELETE FROM passkey_challenge WHERE expires_at < now()');
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO passkey_challenge (challenge, purpose, user_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING id`,
    [challenge.challenge, challenge.purpose, challenge.userId, challenge.seconds],
  );
  return rows[0]!.id;
}

/**
 * Takes (deletes) a live challenge of `purpose`: the answer that takes it is the only one it can
 * ever check. Undefined when it is unknown, already used, expired or of another purpose.
 */
export const takePasskeyChallenge = createFirstRowQuery<
  { challenge: string; userId: string | null },
  [id: string, purpose: PasskeyPurpose]
>(
  `DELETE FROM passkey_challenge WHERE id = $1 AND purpose = $2 AND expires_at > now()
   RETURNING challenge, user_id AS "userId"`,
);

/** Opens an account's enrolment step (replacing any earlier one), valid for `seconds`. */
export async function insertPasskeyEnrolment(
  db: Queryable,
  enrolment: { municipalityId: string; tokenHash: Buffer; userId: string; seconds: number },
): Promise<void> {
  // Expired steps of the municipality go too (finding a step sweeps nothing; this keeps the table small).
  await db.query(
    'DELETE FROM passkey_enrolment WHERE municipality_id = $2 AND (user_id = $1 OR expires_at < now())',
    [enrolment.userId, enrolment.municipalityId],
  );
  await db.query(
    `INSERT INTO passkey_enrolment (token_hash, user_id, municipality_id, expires_at)
     VALUES ($1, $2, $4, now() + make_interval(secs => $3))`,
    [enrolment.tokenHash, enrolment.userId, enrolment.seconds, enrolment.municipalityId],
  );
}

/** The account of a live enrolment token, or undefined. */
export const findPasskeyEnrolmentUser = createFirstValueQuery<UserRecord, [tokenHash: Buffer]>(
  `SELECT ${userObject} FROM passkey_enrolment e JOIN user_account u ON u.municipality_id = e.municipality_id AND u.id = e.user_id
   WHERE e.token_hash = $1 AND e.expires_at > now()
   /* sharding: by the enrolment cookie's random token, before its account is known; a router broadcasts it */`,
);

/** Ends an enrolment step (used once). */
export async function deletePasskeyEnrolment(
  db: Queryable,
  municipalityId: string,
  tokenHash: Buffer,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'DELETE FROM passkey_enrolment WHERE municipality_id = $1 AND token_hash = $2 AND expires_at > now()',
    [municipalityId, tokenHash],
  );
  return rowCount === 1;
}
