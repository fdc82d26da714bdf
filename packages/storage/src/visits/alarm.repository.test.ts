import type { Scope } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, lockRecord, storeEvents, type EventWorld } from '../events/events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertAlarms, readAlarmResponses } from './alarm.repository';

let testDb: TestDatabase;
let world: EventWorld;
const january = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') };

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  // North answers alarms; its staff member opens Gun's door 14 minutes after the first alarm.
  await testDb.pool.query(
    `UPDATE provider SET kinds = ARRAY['day_home_care', 'alarm_patrol'] WHERE id = $1`,
    [world.northId],
  );
  await storeEvents(testDb.pool, [
    lockRecord(world, 1, '2026-01-05T08:14:00Z'),
    lockRecord(world, 2, '2026-01-09T03:10:00Z', { isRefused: true }),
  ]);
  await insertAlarms(testDb.pool, world.municipalityId, [
    { externalId: 'AL-1', customerId: world.gunId, raisedAt: new Date('2026-01-05T08:00:00Z') },
    { externalId: 'AL-2', customerId: world.gunId, raisedAt: new Date('2026-01-09T03:00:00Z') },
  ]);
});
afterAll(async () => testDb.drop());

describe('alarm responses', () => {
  it('stores an alarm once however often the receiver sends it', async () => {
    const again = [
      { externalId: 'AL-1', customerId: world.gunId, raisedAt: new Date('2026-01-05T08:00:00Z') },
    ];
    expect(await insertAlarms(testDb.pool, world.municipalityId, again)).toEqual([]);
  });

  it('finds the first opening after each alarm by alarm-serving staff; a refused attempt is no arrival', async () => {
    const municipality: Scope = { kind: 'municipality', municipalityId: world.municipalityId };
    const rows = await readAlarmResponses(testDb.pool, municipality, january.from, january.to);
    expect(rows.map((r) => [r.externalId, r.providerId, r.minutes])).toEqual([
      ['AL-1', world.northId, 14],
      ['AL-2', null, null],
    ]);
  });

  it('shows a provider the alarms its staff answered and the unanswered ones of its customers only', async () => {
    const north: Scope = {
      kind: 'provider',
      municipalityId: world.municipalityId,
      providerId: world.northId,
    };
    const south: Scope = {
      kind: 'provider',
      municipalityId: world.municipalityId,
      providerId: world.southId,
    };
    expect(
      (await readAlarmResponses(testDb.pool, north, january.from, january.to)).map((r) => r.externalId),
    ).toEqual(['AL-1', 'AL-2']);
    expect(await readAlarmResponses(testDb.pool, south, january.from, january.to)).toEqual([]);
  });
});
