import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { createEventWorld, type EventWorld } from './events.testing';
import { listLegalHolds, placeLegalHold, releaseLegalHold } from './legal-hold.repository';

let testDb: TestDatabase;
let world: EventWorld;
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
});
afterAll(async () => testDb.drop());

describe('legal holds', () => {
  it('are placed on a customer or a lock, listed, and released once', async () => {
    const customerHold = await placeLegalHold(testDb.pool, {
      municipalityId: world.municipalityId,
      customerId: world.gunId,
      reason: 'Polisanmälan 2026-01',
      placedBy: 'admin@test',
    });
    await placeLegalHold(testDb.pool, {
      municipalityId: world.municipalityId,
      lockDeviceId: world.lockId,
      reason: 'Inbrott',
      placedBy: 'admin@test',
    });
    const holds = await listLegalHolds(testDb.pool, world.municipalityId);
    expect(holds).toHaveLength(2);
    expect(holds.find((h) => h.id === customerHold)).toMatchObject({
      customerId: world.gunId,
      lockDeviceId: null,
      releasedAt: null,
    });

    expect(await releaseLegalHold(testDb.pool, world.municipalityId, customerHold, 'admin@test')).toBe(true);
    expect(await releaseLegalHold(testDb.pool, world.municipalityId, customerHold, 'admin@test')).toBe(false);
    const released = (await listLegalHolds(testDb.pool, world.municipalityId)).find(
      (h) => h.id === customerHold,
    );
    expect(released).toMatchObject({ releasedBy: 'admin@test' });
    expect(released!.releasedAt).toBeInstanceOf(Date);
  });

  it('are neither listed nor released from another municipality', async () => {
    const id = await placeLegalHold(testDb.pool, {
      municipalityId: world.municipalityId,
      lockDeviceId: world.lockId,
      reason: 'x',
      placedBy: 'a',
    });
    expect(await listLegalHolds(testDb.pool, world.otherMunicipalityId)).toEqual([]);
    expect(await releaseLegalHold(testDb.pool, world.otherMunicipalityId, id, 'a')).toBe(false);
  });
});
