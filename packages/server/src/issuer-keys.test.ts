import { randomBytes } from 'node:crypto';
import { importPublicJwk, signEs256, verifyEs256, type PublicJwk } from '@portvakt/protocol';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssuerKeyStore } from './issuer-keys';
import { createMunicipality } from './testing';

let db: TestDatabase;
let municipalityId: string;
const masterKey = randomBytes(32);

beforeAll(async () => {
  db = await createTestDatabase();
  municipalityId = await createMunicipality(db.pool);
});
afterAll(async () => db.drop());

describe('issuer keys', () => {
  it('are generated once on first use, even when asked for concurrently', async () => {
    const store = new IssuerKeyStore(db.pool, masterKey);
    const others = Array.from({ length: 5 }, () => new IssuerKeyStore(db.pool, masterKey));
    const keys = await Promise.all([store, ...others].map((s) => s.getActive(municipalityId)));
    expect(new Set(keys.map((key) => Buffer.from(key.kid).toString('hex'))).size).toBe(1);
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n FROM issuer_key WHERE municipality_id = $1',
      [municipalityId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('keep the private key sealed at rest', async () => {
    const { rows } = await db.pool.query<{ private_key_sealed: Buffer; public_jwk: Record<string, unknown> }>(
      'SELECT private_key_sealed, public_jwk FROM issuer_key WHERE municipality_id = $1',
      [municipalityId],
    );
    const sealed = rows[0]!.private_key_sealed.toString('latin1');
    expect(sealed).not.toContain('"d"');
    expect(sealed).not.toContain('P-256');
    expect(rows[0]!.public_jwk).not.toHaveProperty('d');
    // Another master key cannot open it.
    await expect(new IssuerKeyStore(db.pool, randomBytes(32)).getActive(municipalityId)).rejects.toThrow();
  });

  it('sign what the published public key verifies', async () => {
    const store = new IssuerKeyStore(db.pool, masterKey);
    const active = await store.getActive(municipalityId);
    const data = new TextEncoder().encode('ticket bytes');
    const signature = await signEs256(active.privateKey, data);
    const [published] = await store.listPublished(municipalityId);
    expect(published!.kid).toBe(Buffer.from(active.kid).toString('hex'));
    expect(await verifyEs256(await importPublicJwk(published!.jwk as PublicJwk), signature, data)).toBe(true);
  });

  it('rotate to a new kid and keep the old public key until its tickets have expired', async () => {
    const store = new IssuerKeyStore(db.pool, masterKey);
    const old = await store.getActive(municipalityId);
    await db.pool.query("UPDATE issuer_key SET signed_until = now() + interval '5 days' WHERE kid = $1", [
      Buffer.from(old.kid),
    ]);
    const fresh = await store.rotate(municipalityId);
    expect(Buffer.from(fresh.kid).equals(Buffer.from(old.kid))).toBe(false);
    let published = (await store.listPublished(municipalityId)).map((key) => key.kid);
    expect(published).toEqual([Buffer.from(fresh.kid).toString('hex'), Buffer.from(old.kid).toString('hex')]);
    await db.pool.query("UPDATE issuer_key SET signed_until = now() - interval '1 second' WHERE kid = $1", [
      Buffer.from(old.kid),
    ]);
    published = (await store.listPublished(municipalityId)).map((key) => key.kid);
    expect(published).toEqual([Buffer.from(fresh.kid).toString('hex')]);
  });
});
