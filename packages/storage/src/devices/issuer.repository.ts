import type { Queryable } from '../registry';
import { createFirstRowQuery, createRowsQuery } from '../platform/queryable';
import { createStatement } from '../platform/statements';

export interface IssuerKeyRecord {
  kid: Buffer;
  municipalityId: string;
  publicJwk: JsonWebKey;
  privateKeySealed: Buffer;
  createdAt: Date;
  retiredAt: Date | null;
  signedUntil: Date | null;
}

const columns = `kid, municipality_id AS "municipalityId", public_jwk AS "publicJwk", private_key_sealed AS "privateKeySealed",
  created_at AS "createdAt", retired_at AS "retiredAt", signed_until AS "signedUntil"`;

/** The key that signs for the municipality now, if any. */
export const findActiveIssuerKey = createFirstRowQuery<IssuerKeyRecord, [municipalityId: string]>(
  `SELECT ${columns} FROM issuer_key WHERE municipality_id = $1 AND retired_at IS NULL`,
);

/**
 * The active key and the version of the issuer key set, in one statement (the hot path of every
 * activation reads both). `keySetVersion` is 0 before the municipality's first key.
 */
export async function readIssuerState(
  db: Queryable,
  municipalityId: string,
): Promise<{ active: IssuerKeyRecord | undefined; keySetVersion: number }> {
  const { rows } = await db.query<IssuerKeyRecord & { keySetVersion: number | null }>(
    `SELECT ${columns}, (SELECT version FROM issuer_key_set s WHERE s.municipality_id = $1) AS "keySetVersion"
     FROM issuer_key WHERE municipality_id = $1 AND retired_at IS NULL`,
    [municipalityId],
  );
  const row = rows[0];
  if (!row) return { active: undefined, keySetVersion: 0 };
  const { keySetVersion, ...active } = row;
  return { active, keySetVersion: keySetVersion ?? 0 };
}

/**
 * Records a change to the municipality's issuer key set (a key created or retired); call it in
 * the transaction that makes the change. The version becomes greatest(version + 1, the current
 * unix second): strictly increasing even for changes within one second, and never below the
 * time-based versions used before 0009_issuer_key_version. Returns the new version.
 */
export async function bumpIssuerKeySetVersion(db: Queryable, municipalityId: string): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `INSERT INTO issuer_key_set (municipality_id, version) VALUES ($1, floor(extract(epoch FROM now()))::bigint)
     ON CONFLICT (municipality_id) DO UPDATE
       SET version = greatest(issuer_key_set.version + 1, floor(extract(epoch FROM now()))::bigint)
     RETURNING version`,
    [municipalityId],
  );
  return rows[0]!.version;
}

/**
 * Keys whose signatures locks must still accept: the active one and retired ones that signed
 * tickets not yet expired.
 */
export const listPublishedIssuerKeys = createRowsQuery<
  IssuerKeyRecord,
  [municipalityId: string]
>(`SELECT ${columns} FROM issuer_key WHERE municipality_id = $1
   AND (retired_at IS NULL OR signed_until > now()) ORDER BY created_at DESC`);

/** Stores a new active key; fails (unique violation) if another process just made one. */
export const insertIssuerKey = createStatement(
  'INSERT INTO issuer_key (kid, municipality_id, public_jwk, private_key_sealed) VALUES ($1, $2, $3, $4)',
  (key: { kid: Uint8Array; municipalityId: string; publicJwk: JsonWebKey; privateKeySealed: Buffer }) => [
    Buffer.from(key.kid),
    key.municipalityId,
    JSON.stringify(key.publicJwk),
    key.privateKeySealed,
  ],
);

/** Retires the active key so that a new one can be made. */
export async function retireIssuerKey(db: Queryable, municipalityId: string, kid: Uint8Array): Promise<void> {
  await db.query(
    'UPDATE issuer_key SET retired_at = now() WHERE municipality_id = $1 AND kid = $2 AND retired_at IS NULL',
    [municipalityId, Buffer.from(kid)],
  );
}

/**
 * Remembers the latest expiry a key has signed, so its public half stays published until then.
 * Conditional: when `signed_until` already reaches `expiresAt` the row is neither written nor
 * locked, so concurrent activations do not queue on the municipality's key row. One autocommit
 * statement: a row lock, when taken, lasts only for the statement. Returns whether it grew.
 */
export async function extendIssuerKeySignedUntil(
  db: Queryable,
  municipalityId: string,
  kid: Uint8Array,
  expiresAt: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE issuer_key SET signed_until = greatest(coalesce(signed_until, $2), $2)
     WHERE kid = $1 AND municipality_id = $3 AND (signed_until IS NULL OR signed_until < $2)`,
    [Buffer.from(kid), expiresAt, municipalityId],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Serialises changes to one municipality's issuer keys (first key, rotation) until the
 * transaction ends: two servers starting at once must not both create an active key.
 */
export async function lockIssuerKeys(client: Queryable, municipalityId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`issuer:${municipalityId}`]);
}
