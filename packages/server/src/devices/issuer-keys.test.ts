import { randomBytes } from 'node:crypto';
import {
  importPublicJwk,
  parseIssuerKeySet,
  signEs256,
  verifyEs256,
  type PublicJwk,
} from '@portvakt/protocol';
import { bumpIssuerKeySetVersion, withTransaction } from '@portvakt/storage';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssuerKeyStore, type ActiveIssuer } from './issuer-keys';
import { createMunicipality } from '../platform/testing';

/** A rotation in a transaction of its own (the server rotates with its audit entry: rotate-issuer-key.ts). */
async function rotateAlone(store: IssuerKeyStore): Promise<ActiveIssuer> {
  await withTransaction(db.pool, (client) => store.rotateInTransaction(client, municipalityId));
  return store.getActive(municipalityId);
}

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
    const fresh = await rotateAlone(store);
    expect(Buffer.from(fresh.kid).equals(Buffer.from(old.kid))).toBe(false);
    let published = (await store.listPublished(municipalityId)).map((key) => key.kid);
    expect(published).toEqual([Buffer.from(fresh.kid).toString('hex'), Buffer.from(old.kid).toString('hex')]);
    await db.pool.query("UPDATE issuer_key SET signed_until = now() - interval '1 second' WHERE kid = $1", [
      Buffer.from(old.kid),
    ]);
    published = (await store.listPublished(municipalityId)).map((key) => key.kid);
    expect(published).toEqual([Buffer.from(fresh.kid).toString('hex')]);
  });

  it('give every change of the key set a newer version, also two rotations within one second (F11)', async () => {
    // The version used to be the change time in whole seconds: a rotation in the same second as
    // the previous change produced a new set under the old version, which devices refuse.
    const store = new IssuerKeyStore(db.pool, masterKey);
    const versionOf = async () =>
      parseIssuerKeySet(await store.signKeySet(municipalityId, 'se-test')).set.version;
    const versions = [await versionOf()];
    for (let rotation = 0; rotation < 3; rotation += 1) {
      await rotateAlone(store);
      versions.push(await versionOf());
    }
    for (let i = 1; i < versions.length; i += 1) expect(versions[i]).toBeGreaterThan(versions[i - 1]!);
    // Two changes at the very same database instant (one transaction: one now()) still differ,
    // and the counter never drops below the time-based versions devices may already hold.
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      const first = await bumpIssuerKeySetVersion(client, municipalityId);
      const second = await bumpIssuerKeySetVersion(client, municipalityId);
      const { rows } = await client.query<{ now: number }>(
        'SELECT floor(extract(epoch FROM now()))::bigint AS now',
      );
      await client.query('ROLLBACK');
      expect(first).toBeGreaterThan(versions.at(-1)!);
      expect(second).toBe(first + 1);
      expect(first).toBeGreaterThanOrEqual(rows[0]!.now);
    } finally {
      client.release();
    }
  });

  it('another process sees the new set at once, without re-signing an unchanged one', async () => {
    const mine = new IssuerKeyStore(db.pool, masterKey);
    const theirs = new IssuerKeyStore(db.pool, masterKey);
    const before = await theirs.signKeySet(municipalityId, 'se-test');
    expect(await theirs.signKeySet(municipalityId, 'se-test')).toBe(before);
    await rotateAlone(mine);
    const after = parseIssuerKeySet(await theirs.signKeySet(municipalityId, 'se-test')).set;
    expect(after.version).toBeGreaterThan(parseIssuerKeySet(before).set.version);
    expect(after.keys.map((key) => Buffer.from(key.kid).toString('hex'))).toContain(
      Buffer.from((await mine.getActive(municipalityId)).kid).toString('hex'),
    );
  });

  it('record what a key signed only when it grows past the hour, and never lower it', async () => {
    const store = new IssuerKeyStore(db.pool, masterKey);
    const active = await store.getActive(municipalityId);
    const signedUntil = async () =>
      (
        await db.pool.query<{ until: Date | null }>(
          'SELECT signed_until AS until FROM issuer_key WHERE kid = $1',
          [Buffer.from(active.kid)],
        )
      ).rows[0]!.until;
    const at = new Date('2030-01-01T10:20:00Z');
    await store.noteSigned(municipalityId, active.kid, at);
    expect((await signedUntil())?.toISOString()).toBe('2030-01-01T11:00:00.000Z');
    // Same hour, and an earlier expiry: nothing changes (no write).
    await store.noteSigned(municipalityId, active.kid, new Date('2030-01-01T10:59:00Z'));
    await store.noteSigned(municipalityId, active.kid, new Date('2029-12-31T08:00:00Z'));
    expect((await signedUntil())?.toISOString()).toBe('2030-01-01T11:00:00.000Z');
    // Another process that knows nothing yet cannot lower it either.
    await new IssuerKeyStore(db.pool, masterKey).noteSigned(
      municipalityId,
      active.kid,
      new Date('2029-06-01T00:00:00Z'),
    );
    expect((await signedUntil())?.toISOString()).toBe('2030-01-01T11:00:00.000Z');
    await store.noteSigned(municipalityId, active.kid, new Date('2030-01-01T11:00:01Z'));
    expect((await signedUntil())?.toISOString()).toBe('2030-01-01T12:00:00.000Z');
  });
});
