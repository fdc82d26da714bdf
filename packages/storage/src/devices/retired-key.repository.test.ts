import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../platform/bulk-insert.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertMunicipality } from '../registry/municipality.repository';
import { insertEnrolment, replaceEnrolmentKey } from './device.repository';
import {
  listEnrolmentRetiredKeys,
  listRetiredEnrolmentKeys,
  retireEnrolmentKey,
} from './retired-key.repository';

let testDb: TestDatabase;
let municipalityId: string;
let otherMunicipalityId: string;
const keyA = { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) } as const;
const keyB = { kty: 'EC', crv: 'P-256', x: 'B'.repeat(43), y: 'B'.repeat(43) } as const;
const keyC = { kty: 'EC', crv: 'P-256', x: 'C'.repeat(43), y: 'C'.repeat(43) } as const;
const at = new Date('2027-03-08T09:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  municipalityId = await insertMunicipality(testDb.pool, { code: '0180', name: 'Stockholms stad' });
  otherMunicipalityId = await insertMunicipality(testDb.pool, { code: '0181', name: 'Södertälje' });
});
afterAll(async () => testDb.drop());

describe('retired enrolment keys', () => {
  it('keeps each replaced key with the chain position the next key continues from', async () => {
    const box = await insertEnrolment(testDb.pool, {
      municipalityId,
      kind: 'activation_box',
      publicJwk: keyA,
      enrolledBy: 'test',
    });
    // Replaced before it stored anything: the next key starts at 1.
    expect(await retireEnrolmentKey(testDb.pool, box, { retiredBy: 'installer', at })).toBeUndefined();
    const asB = await replaceEnrolmentKey(testDb.pool, box, { publicJwk: keyB, enrolledBy: 'installer' });

    const lastHash = randomBytes(32);
    await insertRows(testDb.pool, 'device_chain', [
      {
        device_id: box.id,
        municipality_id: municipalityId,
        device_kind: 'activation_box',
        last_sequence: 7,
        last_hash: lastHash,
        stored_records: 7,
      },
    ]);
    expect(await retireEnrolmentKey(testDb.pool, asB, { retiredBy: 'installer', at })).toEqual({
      sequence: 7,
      hash: lastHash,
    });
    await replaceEnrolmentKey(testDb.pool, asB, { publicJwk: keyC, enrolledBy: 'installer' });

    expect(await listRetiredEnrolmentKeys(testDb.pool, municipalityId)).toEqual([
      { enrolmentId: box.id, publicJwk: keyA, upToSequence: 0 },
      { enrolmentId: box.id, publicJwk: keyB, upToSequence: 7 },
    ]);
  });

  it('lists one municipality’s retired keys only', async () => {
    const other = await insertEnrolment(testDb.pool, {
      municipalityId: otherMunicipalityId,
      kind: 'activation_box',
      publicJwk: keyA,
      enrolledBy: 'test',
    });
    await retireEnrolmentKey(testDb.pool, other, { retiredBy: 'installer', at });
    expect(
      (await listRetiredEnrolmentKeys(testDb.pool, otherMunicipalityId)).map((key) => key.enrolmentId),
    ).toEqual([other.id]);
    expect(
      (await listRetiredEnrolmentKeys(testDb.pool, municipalityId)).map((key) => key.enrolmentId),
    ).not.toContain(other.id);
    expect((await listRetiredEnrolmentKeys(testDb.pool, null)).length).toBe(3);
  });

  it('lists the keys one enrolment held before, newest first, and nothing for another enrolment', async () => {
    const device = await insertEnrolment(testDb.pool, {
      municipalityId,
      kind: 'activation_box',
      publicJwk: keyA,
      enrolledBy: 'test',
    });
    expect(await listEnrolmentRetiredKeys(testDb.pool, municipalityId, device.id)).toEqual([]);
    await retireEnrolmentKey(testDb.pool, device, { retiredBy: 'work lead', at });
    const asB = await replaceEnrolmentKey(testDb.pool, device, { publicJwk: keyB, enrolledBy: 'work lead' });
    await retireEnrolmentKey(testDb.pool, asB, {
      retiredBy: 'work lead',
      at: new Date(at.getTime() + 60_000),
    });
    await replaceEnrolmentKey(testDb.pool, asB, { publicJwk: keyC, enrolledBy: 'work lead' });
    expect(await listEnrolmentRetiredKeys(testDb.pool, municipalityId, device.id)).toEqual([
      { publicJwk: keyB },
      { publicJwk: keyA },
    ]);
    expect(await listEnrolmentRetiredKeys(testDb.pool, otherMunicipalityId, device.id)).toEqual([]);
  });
});
