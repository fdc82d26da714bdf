import { findEntity, localToday } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { findAccessLostByDismount } from './lock-dismount.repository';
import { insertEntity } from './registry.repository';
import { createRegistryWorld, type RegistryWorld } from './registry.testing';

let testDb: TestDatabase;
let world: RegistryWorld;
let formerId: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
  // A former customer whose only service ended in 2021, still with a way in.
  formerId = await insertEntity(testDb.pool, findEntity('customer'), world.municipalityId, {
    districtId: world.districtId,
    givenName: 'Cecilia',
    familyName: 'Carlsson',
  });
  await insertEntity(testDb.pool, findEntity('customer_service'), world.municipalityId, {
    customerId: formerId,
    providerId: world.northId,
    service: 'home_care',
    startsOn: '2020-01-01',
    endsOn: '2021-12-31',
  });
  const path = (customerId: string, doorIds: string[]) =>
    Promise.all(
      doorIds.map((doorId, position) =>
        testDb.pool.query(
          'INSERT INTO access_path_step (customer_id, position, door_id) VALUES ($1, $2, $3)',
          [customerId, position, doorId],
        ),
      ),
    );
  await path(world.gunId, [world.entranceId, world.apartmentDoorId]);
  await path(world.bertilId, [world.entranceId]);
  await path(formerId, [world.entranceId]);
});
afterAll(async () => testDb.drop());

describe('who loses access when a lock comes off a door', () => {
  it('the customers with an ongoing service whose way in passes the door, by family name', async () => {
    const lost = await findAccessLostByDismount(
      testDb.pool,
      world.municipalityId,
      world.entranceId,
      localToday(),
    );
    expect(lost!.door).toEqual({
      id: world.entranceId,
      label: 'Port A',
      kind: 'entrance',
      streetAddress: 'Sveavägen 1',
    });
    expect(lost!.customers).toEqual([
      { id: world.gunId, name: 'Gun Ahmed' },
      { id: world.bertilId, name: 'Bertil Berg' },
    ]);
  });

  it('only those whose path uses the door', async () => {
    const lost = await findAccessLostByDismount(
      testDb.pool,
      world.municipalityId,
      world.apartmentDoorId,
      localToday(),
    );
    expect(lost!.customers.map((customer) => customer.id)).toEqual([world.gunId]);
  });

  it('nothing for a door of another municipality', async () => {
    expect(
      await findAccessLostByDismount(testDb.pool, world.otherMunicipalityId, world.entranceId, localToday()),
    ).toBeUndefined();
  });
});
