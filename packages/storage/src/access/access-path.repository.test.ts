import { findEntity } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertEntity } from '../registry/index';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';
import { readAccessPath, readDoorAddresses, replaceAccessPath } from './access-path.repository';

let testDb: TestDatabase;
let world: RegistryWorld;
let lockId: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
  lockId = await insertEntity(testDb.pool, findEntity('lock_device'), world.municipalityId, {
    lockType: 'cylinder_ring',
    serial: 'L-ap-1',
    status: 'installed',
    doorId: world.apartmentDoorId,
  });
});
afterAll(async () => testDb.drop());

describe('access path repository', () => {
  it('replaces a customer’s way in and reads it back in order, with the installed lock of each door', async () => {
    await replaceAccessPath(testDb.pool, world.municipalityId, world.gunId, [
      world.entranceId,
      world.apartmentDoorId,
    ]);
    const path = await readAccessPath(testDb.pool, world.municipalityId, world.gunId);
    expect(path).toEqual([
      {
        position: 0,
        doorId: world.entranceId,
        kind: 'entrance',
        label: 'Port A',
        propertyId: world.propertyId,
        lockId: null,
        lockSerial: null,
      },
      {
        position: 1,
        doorId: world.apartmentDoorId,
        kind: 'apartment_door',
        label: 'Lgh 1101',
        propertyId: world.propertyId,
        lockId,
        lockSerial: 'L-ap-1',
      },
    ]);
  });

  it('replaces the whole path, and an empty list leaves no way in; other customers keep theirs', async () => {
    await replaceAccessPath(testDb.pool, world.municipalityId, world.bertilId, [world.entranceId]);
    await replaceAccessPath(testDb.pool, world.municipalityId, world.gunId, [world.apartmentDoorId]);
    expect(
      (await readAccessPath(testDb.pool, world.municipalityId, world.gunId)).map((s) => s.doorId),
    ).toEqual([world.apartmentDoorId]);
    await replaceAccessPath(testDb.pool, world.municipalityId, world.gunId, []);
    expect(await readAccessPath(testDb.pool, world.municipalityId, world.gunId)).toEqual([]);
    expect(
      (await readAccessPath(testDb.pool, world.municipalityId, world.bertilId)).map((s) => s.doorId),
    ).toEqual([world.entranceId]);
  });

  it('gives each door’s street address, and nothing for no doors or an unknown one', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const addresses = await readDoorAddresses(testDb.pool, world.municipalityId, [world.entranceId, unknown]);
    expect([...addresses]).toEqual([[world.entranceId, 'Sveavägen 1']]);
    expect((await readDoorAddresses(testDb.pool, world.municipalityId, [])).size).toBe(0);
  });
});
