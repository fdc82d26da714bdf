// seed-demo's week of events: made by the simulated devices, verified by ingest, idempotent.
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { summariseEventsPerDay } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './seed-demo';
import { seedDemoEvents } from './seed-demo-events';

let db: TestDatabase;
let municipalityId: string;
let seconds: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const started = performance.now();
  municipalityId = (await seedDemo(db.pool)).municipalityId;
  seconds = (performance.now() - started) / 1000;
}, 120_000);
afterAll(async () => db?.drop());

const count = async (sql: string) =>
  Number((await db.pool.query<{ n: string }>(sql, [municipalityId])).rows[0]!.n);

describe('seed-demo events', () => {
  it('adds a week of openings and refusals through verified ingest, within the time budget', async () => {
    expect(seconds).toBeLessThan(20);
    const summary = await summariseEventsPerDay(db.pool, { municipalityId, days: 8 });
    const openings = summary.days.reduce((sum, day) => sum + day.openings, 0);
    const refused = summary.days.reduce((sum, day) => sum + day.refused, 0);
    expect(openings).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(5);
    expect(summary.days.filter((day) => day.openings > 0).length).toBeGreaterThanOrEqual(6);
    // Nothing was rejected or left a gap; every opening names a staff member of the demo.
    expect(await count(`SELECT count(*) AS n FROM event_finding WHERE municipality_id = $1`)).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM device_event e WHERE e.municipality_id = $1 AND e.kind = 1
        AND e.result = 0 AND NOT EXISTS (SELECT 1 FROM staff_member s WHERE s.pseudonym = e.staff_pseudonym)`),
    ).toBe(0);
  });

  it('adds nothing the second time', async () => {
    const before = await count('SELECT count(*) AS n FROM device_event WHERE municipality_id = $1');
    await seedDemo(db.pool);
    expect(await seedDemoEvents(db.pool, municipalityId, 'x')).toMatchObject({ isAdded: false });
    expect(await count('SELECT count(*) AS n FROM device_event WHERE municipality_id = $1')).toBe(before);
  });
});
