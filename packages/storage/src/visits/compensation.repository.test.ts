// The compensation run's read of a provider's month on real PostgreSQL (docs/visits.md
// "Compensation run"): the visits core prices, their times in whole milliseconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, type EventWorld } from '../events/events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { readCompensationVisits } from './compensation.repository';

let testDb: TestDatabase;
let world: EventWorld;
const month = { from: new Date('2026-02-28T23:00:00Z'), to: new Date('2026-03-31T22:00:00Z') };

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  await testDb.pool.query(
    `INSERT INTO visit (visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids, source,
       state, arrival_at, departure_at, services, created_by)
     VALUES (gen_random_uuid(), 1, $1, $2, $3, ARRAY[$4::uuid], 'manual', 'registered',
             '2026-03-05T09:00:00.999999Z', '2026-03-05T09:25:00.000999Z', '{meals}', 'test'),
            (gen_random_uuid(), 1, $1, $2, $3, ARRAY[$4::uuid], 'manual', 'incomplete',
             '2026-03-06T09:00:00Z', NULL, '{meals}', 'test')`,
    [world.municipalityId, world.northId, world.gunId, world.staffId],
  );
});
afterAll(async () => testDb.drop());

describe('compensation run reads', () => {
  it('reads the month’s visits with times in whole milliseconds as a Date cuts them, oldest first', async () => {
    const visits = await readCompensationVisits(
      testDb.pool,
      world.municipalityId,
      world.northId,
      month.from,
      month.to,
    );
    expect(visits.map((v) => [v.arrival, v.departure, v.staffMemberIds, v.householdId, v.isLate])).toEqual([
      [
        Date.parse('2026-03-05T09:00:00.999Z'),
        Date.parse('2026-03-05T09:25:00.000Z'),
        [world.staffId],
        null,
        false,
      ],
      [Date.parse('2026-03-06T09:00:00Z'), null, [world.staffId], null, false],
    ]);
  });

  it('reads nothing of another provider’s customers', async () => {
    expect(
      await readCompensationVisits(testDb.pool, world.municipalityId, world.southId, month.from, month.to),
    ).toEqual([]);
  });
});
