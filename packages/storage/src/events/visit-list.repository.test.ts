import { servicePeriodOf } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, lockRecord, storeEvents, type EventWorld } from './events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { findVisitListCustomer, listStaffOpenings } from './visit-list.repository';

let testDb: TestDatabase;
let world: EventWorld;
const january = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') };
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  await storeEvents(testDb.pool, [
    lockRecord(world, 1, '2026-01-05T08:00:00Z'),
    lockRecord(world, 2, '2026-01-05T08:20:00Z', { isRefused: true }),
    lockRecord(world, 3, '2026-01-05T08:40:00Z'),
    lockRecord(world, 4, '2026-01-06T08:00:00Z', { verified: false }),
  ]);
});
afterAll(async () => testDb.drop());

describe('visit list reads', () => {
  it('finds the customer with their apartment door, in scope for the period', async () => {
    const municipality = { kind: 'municipality' as const, municipalityId: world.municipalityId };
    expect(
      await findVisitListCustomer(testDb.pool, municipality, world.gunId, servicePeriodOf(january)),
    ).toMatchObject({
      name: 'Gun Ahmed',
      doorId: world.apartmentDoorId,
    });
    const south = {
      kind: 'provider' as const,
      municipalityId: world.municipalityId,
      providerId: world.southId,
    };
    expect(
      await findVisitListCustomer(testDb.pool, south, world.gunId, servicePeriodOf(january)),
    ).toBeUndefined();
  });

  it('lists verified successful openings at the door, a provider’s own staff only', async () => {
    const rows = await listStaffOpenings(
      testDb.pool,
      world.municipalityId,
      world.apartmentDoorId,
      january.from,
      january.to,
    );
    expect(rows.map((r) => [r.at.toISOString(), r.name, r.provider])).toEqual([
      ['2026-01-05T08:00:00.000Z', 'Anna Lind', 'Hemtjänst Nord'],
      ['2026-01-05T08:40:00.000Z', 'Anna Lind', 'Hemtjänst Nord'],
    ]);
    expect(
      await listStaffOpenings(
        testDb.pool,
        world.municipalityId,
        world.apartmentDoorId,
        january.from,
        january.to,
        world.southId,
      ),
    ).toEqual([]);
  });
});
