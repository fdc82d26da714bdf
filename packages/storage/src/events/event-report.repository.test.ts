import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { listOpenAttempts, listProviderOpenings } from './event-report.repository';
import { createEventWorld, lockRecord, storeEvents, type EventWorld } from './events.testing';

let testDb: TestDatabase;
let world: EventWorld;
const january = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') };
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  await storeEvents(testDb.pool, [
    lockRecord(world, 1, '2026-01-05T08:00:00Z'),
    lockRecord(world, 2, '2026-01-05T08:30:00Z', { isRefused: true }),
    lockRecord(world, 3, '2026-01-06T08:00:00Z', { verified: false }),
  ]);
});
afterAll(async () => testDb.drop());

describe('report reads', () => {
  it('gives a provider’s verified successful openings, oldest first', async () => {
    const rows = await listProviderOpenings(testDb.pool, {
      municipalityId: world.municipalityId,
      providerId: world.northId,
      ...january,
    });
    expect(rows).toEqual([
      expect.objectContaining({
        at: new Date('2026-01-05T08:00:00Z'),
        staffId: world.staffId,
        keyId: world.keyId,
        blockedAt: null,
      }),
    ]);
    expect(
      await listProviderOpenings(testDb.pool, {
        municipalityId: world.municipalityId,
        providerId: world.southId,
        ...january,
      }),
    ).toEqual([]);
  });

  it('gives open attempts with the key only when attributable, and a provider’s only', async () => {
    const rows = await listOpenAttempts(testDb.pool, { municipalityId: world.municipalityId, ...january });
    expect(rows.map((r) => [r.result, r.keyId, r.propertyId])).toEqual([
      [0, world.keyId, world.propertyId],
      [1, world.keyId, world.propertyId],
      [0, null, world.propertyId],
    ]);
    expect(
      await listOpenAttempts(testDb.pool, {
        municipalityId: world.municipalityId,
        ...january,
        providerId: world.southId,
      }),
    ).toEqual([]);
  });
});
