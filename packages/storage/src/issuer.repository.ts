import type { Queryable } from './registry.repository';

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
export async function findActiveIssuerKey(
  db: Queryable,
  municipalityId: string,
): Promise<IssuerKeyRecord | undefined> {
  const { rows } = await db.query<IssuerKeyRecord>(
    `SELECT ${columns} FROM issuer_key WHERE municipality_id = $1 AND retired_at IS NULL`,
    [municipalityId],
  );
  return rows[0];
}

/**
 * Keys whose signatures locks must still accept: the active one and retired ones that signed
 * tickets not yet expired.
 */
export async function listPublishedIssuerKeys(
  db: Queryable,
  municipalityId: string,
): Promise<IssuerKeyRecord[]> {
  const { rows } = await db.query<IssuerKeyRecord>(
    `SELECT ${columns} FROM issuer_key WHERE municipality_id = $1
       AND (retired_at IS NULL OR signed_until > now()) ORDER BY created_at DESC`,
    [municipalityId],
  );
  return rows;
}

/** Stores a new active key; fails (unique violation) if another process just made one. */
export async function insertIssuerKey(
  db: Queryable,
  key: { kid: Uint8Array; municipalityId: string; publicJwk: JsonWebKey; privateKeySealed: Buffer },
): Promise<void> {
  await db.query(
    'INSERT INTO issuer_key (kid, municipality_id, public_jwk, private_key_sealed) VALUES ($1, $2, $3, $4)',
    [Buffer.from(key.kid), key.municipalityId, JSON.stringify(key.publicJwk), key.privateKeySealed],
  );
}

/** Retires the active key so that a new one can be made. */
export async function retireIssuerKey(db: Queryable, kid: Uint8Array): Promise<void> {
  await db.query('UPDATE issuer_key SET retired_at = now() WHERE kid = $1 AND retired_at IS NULL', [
    Buffer.from(kid),
  ]);
}

/** Remembers the latest expiry a key has signed, so its public half stays published until then. */
export async function extendIssuerKeySignedUntil(
  db: Queryable,
  kid: Uint8Array,
  expiresAt: Date,
): Promise<void> {
  await db.query(
    'UPDATE issuer_key SET signed_until = greatest(coalesce(signed_until, $2), $2) WHERE kid = $1',
    [Buffer.from(kid), expiresAt],
  );
}
