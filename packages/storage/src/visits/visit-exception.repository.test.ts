// The exceptions queue's inputs on real PostgreSQL: refused attempts count only at the doors of
// the provider's own customers of that day (docs/visits.md "Exceptions"; scope, R2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, lockRecord, storeEvents, type EventWorld } from '../events/events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { readExceptionInputs } from './visit-exception.repository';

let testDb: TestDatabase;
let world: EventWorld;
const day = { from: new Date('2026-03-05T00:00:00Z'), to: new Date('2026-03-06T00:00:00Z') };
const readRefused = async (providerId: string) =>
  (await readExceptionInputs(testDb.pool, world.municipalityId, providerId, day.from, day.to)).refused;

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  await storeEvents(testDb.pool, [lockRecord(world, 1, '2026-03-05T08:00:00Z', { isRefused: true })]);
});
afterAll(async () => testDb.drop());

describe('visit exception inputs', () => {
  it('lists a staff member’s refused attempt at a door of a customer their provider serves that day', async () => {
    expect(await readRefused(world.northId)).toEqual([
      { customerId: world.gunId, staffMemberId: world.staffId, at: Date.parse('2026-03-05T08:00:00Z') },
    ]);
  });

  it('leaves out a refused attempt at a customer the provider no longer serves, so it names nobody', async () => {
    const ended = await testDb.pool.query(
      `UPDATE customer_service SET ends_on = '2026-03-04' WHERE customer_id = $1 AND provider_id = $2`,
      [world.gunId, world.northId],
    );
    expect(ended.rowCount).toBe(1);
    try {
      expect(await readRefused(world.northId)).toEqual([]);
    } finally {
      await testDb.pool.query(
        'UPDATE customer_service SET ends_on = NULL WHERE customer_id = $1 AND provider_id = $2',
        [world.gunId, world.northId],
      );
    }
  });

  it('gives another provider nothing of a refusal by someone else’s staff', async () => {
    expect(await readRefused(world.southId)).toEqual([]);
  });
});
