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
  (await readExceptionInputs(testDb.pool, world.municipalityId, providerId, day.from, day.to, stockholm))
    .refused;
const stockholm = 'Europe/Stockholm';
/** A planned visit of Gun's with the north provider (times as PostgreSQL text, microseconds kept). */
const insertPlan = (externalId: string, windowStart: string, windowEnd: string) =>
  testDb.pool.query(
    `INSERT INTO planned_visit (municipality_id, external_id, customer_id, provider_id, services, planned_minutes,
       window_starts_at, window_ends_at)
     VALUES ($1, $2, $3, $4, '{meals}', 20, $5, $6)`,
    [world.municipalityId, externalId, world.gunId, world.northId, windowStart, windowEnd],
  );

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

  it('judges a visit’s day of service and month of plans in the municipality’s time zone', async () => {
    // 22:30 UTC on 31 March is 00:30 on 1 April in Stockholm (summer time): which day and month
    // the visit is in depends on the zone, and the service ends on 31 March.
    const arrival = new Date('2026-03-31T22:30:00Z');
    await testDb.pool.query(
      `INSERT INTO visit (visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids, source,
         state, arrival_at, departure_at, created_by)
       VALUES (gen_random_uuid(), 1, $1, $2, $3, ARRAY[$4::uuid], 'manual', 'registered', $5, $5::timestamptz + interval '20 minutes', 'test')`,
      [world.municipalityId, world.northId, world.gunId, world.staffId, arrival],
    );
    await testDb.pool.query(
      `UPDATE customer_service SET ends_on = '2026-03-31' WHERE customer_id = $1 AND provider_id = $2`,
      [world.gunId, world.northId],
    );
    // A plan on 2 March: in the visit's month in UTC, not in Stockholm's (April).
    await insertPlan('PLAN-TZ', '2026-03-02T08:00:00Z', '2026-03-02T09:00:00Z');
    try {
      const visitIn = async (timeZone: string) => {
        const { visits } = await readExceptionInputs(
          testDb.pool,
          world.municipalityId,
          world.northId,
          new Date('2026-03-31T00:00:00Z'),
          new Date('2026-04-02T00:00:00Z'),
          timeZone,
        );
        return visits.map((v) => ({ isServed: v.isServed, hasPlans: v.hasPlans }));
      };
      expect(await visitIn(stockholm)).toEqual([{ isServed: false, hasPlans: false }]);
      expect(await visitIn('UTC')).toEqual([{ isServed: true, hasPlans: true }]);
    } finally {
      await testDb.pool.query(`DELETE FROM planned_visit WHERE external_id = 'PLAN-TZ'`);
      // Visits are never deleted by the app role (R5.3); the test's owner removes its own.
      await testDb.superuser.query('DELETE FROM visit WHERE customer_id = $1', [world.gunId]);
      await testDb.pool.query(
        'UPDATE customer_service SET ends_on = NULL WHERE customer_id = $1 AND provider_id = $2',
        [world.gunId, world.northId],
      );
    }
  });

  it('reads times as whole milliseconds since the epoch, cut as a Date cuts them, and an open visit without departure', async () => {
    // Stored times keep microseconds; core compares and bands milliseconds.
    await testDb.pool.query(
      `INSERT INTO visit (visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids, source,
         state, arrival_at, departure_at, created_by)
       VALUES (gen_random_uuid(), 1, $1, $2, $3, ARRAY[$4::uuid], 'manual', 'incomplete', '2026-03-05T09:00:00.123999Z', NULL, 'test')`,
      [world.municipalityId, world.northId, world.gunId, world.staffId],
    );
    await insertPlan('PLAN-MS', '2026-03-05T08:59:59.999999Z', '2026-03-05T09:30:00.000500Z');
    try {
      const inputs = await readExceptionInputs(
        testDb.pool,
        world.municipalityId,
        world.northId,
        day.from,
        day.to,
        stockholm,
      );
      expect(inputs.visits.map((v) => [v.arrival, v.departure])).toEqual([
        [Date.parse('2026-03-05T09:00:00.123Z'), null],
      ]);
      expect(inputs.planned.map((p) => [p.windowStart, p.windowEnd])).toEqual([
        [Date.parse('2026-03-05T08:59:59.999Z'), Date.parse('2026-03-05T09:30:00.000Z')],
      ]);
      expect(typeof inputs.refused[0]!.at).toBe('number');
    } finally {
      await testDb.pool.query(`DELETE FROM planned_visit WHERE external_id = 'PLAN-MS'`);
      await testDb.superuser.query('DELETE FROM visit WHERE customer_id = $1', [world.gunId]);
    }
  });

  it('gives another provider nothing of a refusal by someone else’s staff', async () => {
    expect(await readRefused(world.southId)).toEqual([]);
  });
});
