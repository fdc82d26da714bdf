import { findEntity } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertEntity } from './registry.repository';
import { createRegistryWorld, type RegistryWorld } from './registry.testing';
import { findSameSerial } from './serial.repository';

let testDb: TestDatabase;
let world: RegistryWorld;
let keyId: string;
let lockId: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
  keyId = await insertEntity(testDb.pool, findEntity('digital_key'), world.municipalityId, {
    providerId: world.northId,
    kind: 'phone',
    serial: 'PV-PH-TEST04',
  });
  lockId = await insertEntity(testDb.pool, findEntity('lock_device'), world.municipalityId, {
    lockType: 'cylinder_ring',
    serial: 'PV-CR-TEST04',
  });
});
afterAll(async () => testDb.drop());

describe('findSameSerial', () => {
  it('finds a key’s or a lock’s serial whatever the case it is asked in', async () => {
    const { municipalityId } = world;
    expect(await findSameSerial(testDb.pool, 'digital_key', municipalityId, 'pv-ph-test04')).toBe(
      'PV-PH-TEST04',
    );
    expect(await findSameSerial(testDb.pool, 'lock_device', municipalityId, 'Pv-Cr-Test04')).toBe(
      'PV-CR-TEST04',
    );
    expect(await findSameSerial(testDb.pool, 'digital_key', municipalityId, 'PV-PH-TEST05')).toBeUndefined();
  });

  it('leaves out the row being changed and other municipalities', async () => {
    expect(
      await findSameSerial(testDb.pool, 'digital_key', world.municipalityId, 'pv-ph-test04', keyId),
    ).toBeUndefined();
    expect(
      await findSameSerial(testDb.pool, 'lock_device', world.municipalityId, 'pv-cr-test04', lockId),
    ).toBeUndefined();
    expect(
      await findSameSerial(testDb.pool, 'digital_key', world.otherMunicipalityId, 'PV-PH-TEST04'),
    ).toBeUndefined();
  });

  it('the database refuses a second serial that differs only in case', async () => {
    await expect(
      insertEntity(testDb.pool, findEntity('digital_key'), world.municipalityId, {
        providerId: world.northId,
        kind: 'phone',
        serial: 'pv-ph-test04',
      }),
    ).rejects.toThrow(/digital_key_serial_key/);
    await expect(
      insertEntity(testDb.pool, findEntity('lock_device'), world.otherMunicipalityId, {
        lockType: 'cylinder_ring',
        serial: 'pv-cr-test04',
      }),
    ).rejects.toThrow(/lock_device_serial_key/);
  });
});
