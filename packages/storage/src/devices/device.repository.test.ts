import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../platform/bulk-insert.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertMunicipality } from '../registry/municipality.repository';
import { addToBlockList, listKeyIdsOfProvider, readBlockList } from './block-list.repository';
import {
  findEnrolment,
  findKeyHolderId,
  findLiveLockEnrolment,
  insertEnrolment,
  listEnrolments,
  revokeEnrolment,
  useDeviceNonce,
} from './device.repository';
import {
  bumpIssuerKeySetVersion,
  extendIssuerKeySignedUntil,
  insertIssuerKey,
  listPublishedIssuerKeys,
  readIssuerState,
  retireIssuerKey,
} from './issuer.repository';
import { readActivationContext } from './key-credential.repository';

let testDb: TestDatabase;
let municipalityId: string;
let otherMunicipalityId: string;
let providerId: string;
let keyId: string;
const jwk = { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) };

beforeAll(async () => {
  testDb = await createTestDatabase();
  municipalityId = await insertMunicipality(testDb.pool, { code: '0180', name: 'Stockholms stad' });
  otherMunicipalityId = await insertMunicipality(testDb.pool, { code: '0181', name: 'Södertälje' });
  providerId = randomUUID();
  await insertRows(testDb.pool, 'provider', [
    {
      id: providerId,
      municipality_id: municipalityId,
      name: 'Hemtjänst Söder',
      ownership: 'municipal',
      kinds: ['day_home_care'],
    },
  ]);
  keyId = randomUUID();
  await insertRows(testDb.pool, 'digital_key', [
    {
      id: keyId,
      municipality_id: municipalityId,
      provider_id: providerId,
      kind: 'hardware_key',
      serial: 'DR-1',
    },
  ]);
});
afterAll(async () => testDb.drop());

describe('device enrolments', () => {
  it('are found live by id, several at once, and by municipality and kind; revoked ones are not', async () => {
    const box = await insertEnrolment(testDb.pool, {
      municipalityId,
      kind: 'activation_box',
      label: 'Box Söder',
      publicJwk: jwk,
      enrolledBy: 'test',
    });
    const key = await insertEnrolment(testDb.pool, {
      id: keyId,
      municipalityId,
      kind: 'key',
      digitalKeyId: keyId,
      publicJwk: jwk,
      enrolledBy: 'test',
    });
    expect((await findEnrolment(testDb.pool, box.id))?.label).toBe('Box Söder');
    const both = (await readActivationContext(testDb.pool, { boxId: box.id, digitalKeyId: key.id }))
      .enrolments;
    expect([...both.keys()].sort()).toEqual([box.id, key.id].sort());
    expect((await listEnrolments(testDb.pool, municipalityId, 'key')).map((e) => e.id)).toEqual([key.id]);
    expect(await listEnrolments(testDb.pool, otherMunicipalityId)).toEqual([]);
    await revokeEnrolment(testDb.pool, box);
    expect(await findEnrolment(testDb.pool, box.id)).toBeUndefined();
  });

  it('find a lock’s live enrolment whatever its id (seed-demo enrols locks under ids of their own)', async () => {
    const lockId = randomUUID();
    await insertRows(testDb.pool, 'lock_device', [
      { id: lockId, municipality_id: municipalityId, lock_type: 'cylinder_ring', serial: 'DR-L1' },
    ]);
    const lock = { municipalityId, lockDeviceId: lockId };
    expect(await findLiveLockEnrolment(testDb.pool, lock)).toBeUndefined();
    const earlier = await insertEnrolment(testDb.pool, {
      id: lockId,
      municipalityId,
      kind: 'lock',
      lockDeviceId: lockId,
      publicJwk: jwk,
      enrolledBy: 'test',
    });
    await revokeEnrolment(testDb.pool, earlier);
    expect(await findLiveLockEnrolment(testDb.pool, lock)).toBeUndefined();
    const live = await insertEnrolment(testDb.pool, {
      municipalityId,
      kind: 'lock',
      lockDeviceId: lockId,
      publicJwk: jwk,
      enrolledBy: 'seed-demo',
    });
    expect(live.id).not.toBe(lockId);
    expect((await findLiveLockEnrolment(testDb.pool, lock))?.id).toBe(live.id);
    expect(
      await findLiveLockEnrolment(testDb.pool, { municipalityId: otherMunicipalityId, lockDeviceId: lockId }),
    ).toBeUndefined();
  });

  it('accept a request nonce once per device', async () => {
    const nonce = randomBytes(16);
    const device = { municipalityId, id: keyId };
    expect(await useDeviceNonce(testDb.pool, device, nonce)).toBe(true);
    expect(await useDeviceNonce(testDb.pool, device, nonce)).toBe(false);
    expect(await useDeviceNonce(testDb.pool, { municipalityId, id: randomUUID() }, nonce)).toBe(true);
  });

  it('tell a key’s holder and a provider’s keys', async () => {
    expect(await findKeyHolderId(testDb.pool, { municipalityId, digitalKeyId: keyId })).toBeUndefined();
    expect(await listKeyIdsOfProvider(testDb.pool, municipalityId, providerId)).toEqual([keyId]);
    expect(await listKeyIdsOfProvider(testDb.pool, municipalityId, randomUUID())).toEqual([]);
  });
});

describe('the block list', () => {
  it('takes a key once and bumps its version, per municipality', async () => {
    const before = (await readBlockList(testDb.pool, municipalityId)).version;
    const entry = { municipalityId, digitalKeyId: keyId, reason: 'lost', blockedBy: 'test' };
    const version = await addToBlockList(testDb.pool, entry);
    expect(version).toBe(before + 1);
    expect(await addToBlockList(testDb.pool, entry)).toBe(version);
    const list = await readBlockList(testDb.pool, municipalityId);
    expect(list.version).toBe(version);
    expect(list.entries.map((e) => e.digitalKeyId)).toEqual([keyId]);
    expect((await readBlockList(testDb.pool, otherMunicipalityId)).entries).toEqual([]);
  });
});

describe('issuer keys', () => {
  it('one active key per municipality, published until its signed tickets expire once retired', async () => {
    const kid = randomBytes(8);
    const key = { kid, municipalityId, publicJwk: { kty: 'EC' }, privateKeySealed: randomBytes(32) };
    await insertIssuerKey(testDb.pool, key);
    await expect(insertIssuerKey(testDb.pool, { ...key, kid: randomBytes(8) })).rejects.toThrow();
    const first = await bumpIssuerKeySetVersion(testDb.pool, municipalityId);
    expect(await bumpIssuerKeySetVersion(testDb.pool, municipalityId)).toBeGreaterThan(first);
    const state = await readIssuerState(testDb.pool, municipalityId);
    expect(Buffer.from(state.active!.kid).equals(kid)).toBe(true);
    // Only growing writes: a shorter expiry changes nothing.
    const later = new Date(Date.now() + 3600_000);
    expect(await extendIssuerKeySignedUntil(testDb.pool, municipalityId, kid, later)).toBe(true);
    expect(
      await extendIssuerKeySignedUntil(testDb.pool, municipalityId, kid, new Date(Date.now() + 60_000)),
    ).toBe(false);
    await retireIssuerKey(testDb.pool, municipalityId, kid);
    expect((await readIssuerState(testDb.pool, municipalityId)).active).toBeUndefined();
    expect((await listPublishedIssuerKeys(testDb.pool, municipalityId)).length).toBe(1);
    expect(await listPublishedIssuerKeys(testDb.pool, otherMunicipalityId)).toEqual([]);
  });
});
