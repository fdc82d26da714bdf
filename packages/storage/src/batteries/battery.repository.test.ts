import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, lockRecord, storeEvents, type EventWorld } from '../events/events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import {
  insertBatteryChange,
  listBatteryChanges,
  listBatteryLocks,
  readDailyBatteryLevels,
} from './battery.repository';

let testDb: TestDatabase;
let world: EventWorld;
const dayMs = 86_400_000;
const start = Date.UTC(2026, 2, 1);

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  // Three days of readings: day 0 has five (one wild), day 1 one, day 2 four; day 3 none.
  const levels: Array<[number, number, number]> = [
    [0, 8, 80],
    [0, 9, 79],
    [0, 10, 3],
    [0, 11, 80],
    [0, 12, 81],
    [1, 14, 78],
    [2, 7, 77],
    [2, 8, 76],
    [2, 9, 75],
    [2, 10, 74],
  ];
  await storeEvents(
    testDb.pool,
    levels.map(([day, hour, battery], index) => ({
      ...lockRecord(world, index + 1, new Date(start + day * dayMs + hour * 3_600_000).toISOString()),
      battery,
    })),
  );
}, 60_000);
afterAll(async () => testDb.drop());

describe('battery readings and changes', () => {
  it('gives one median per lock and UTC day, computed in the database', async () => {
    const byLock = await readDailyBatteryLevels(
      testDb.pool,
      world.municipalityId,
      [world.lockId],
      new Date(start - dayMs),
      new Date(start + 10 * dayMs),
    );
    expect(byLock.get(world.lockId)).toEqual([
      { at: start + 10 * 3_600_000, level: 80, readings: 5 },
      { at: start + dayMs + 14 * 3_600_000, level: 78, readings: 1 },
      { at: start + 2 * dayMs + 8.5 * 3_600_000, level: 75.5, readings: 4 },
    ]);
  });

  it('reads only the period asked and only the municipality asked', async () => {
    const later = await readDailyBatteryLevels(
      testDb.pool,
      world.municipalityId,
      [world.lockId],
      new Date(start + dayMs),
      new Date(start + 2 * dayMs),
    );
    expect(later.get(world.lockId)).toHaveLength(1);
    const other = await readDailyBatteryLevels(
      testDb.pool,
      world.otherMunicipalityId,
      [world.lockId],
      new Date(start - dayMs),
      new Date(start + 10 * dayMs),
    );
    expect(other.get(world.lockId)).toEqual([]);
  });

  it('lists installed locks with door, property and district, filtered by district, team and level', async () => {
    const at = new Date(start);
    const all = await listBatteryLocks(testDb.pool, world.municipalityId, { at });
    expect(all).toEqual([
      expect.objectContaining({
        lockId: world.lockId,
        batteryLevel: 90,
        doorId: world.apartmentDoorId,
        doorKind: 'apartment_door',
        districtId: world.districtId,
        districtName: 'Norrmalm',
      }),
    ]);
    expect(await listBatteryLocks(testDb.pool, world.municipalityId, { at, maxLevel: 50 })).toEqual([]);
    expect(
      await listBatteryLocks(testDb.pool, world.municipalityId, { at, districtId: world.districtId }),
    ).toHaveLength(1);
    // The team serves nobody yet; once it serves Gun, her apartment door's lock is its.
    expect(await listBatteryLocks(testDb.pool, world.municipalityId, { at, teamId: world.teamId })).toEqual(
      [],
    );
    await testDb.pool.query(
      `INSERT INTO team_customer (municipality_id, team_id, customer_id, valid_from, granted_by)
       VALUES ($1, $2, $3, $4, 'test')`,
      [world.municipalityId, world.teamId, world.gunId, new Date(start - dayMs)],
    );
    expect(
      await listBatteryLocks(testDb.pool, world.municipalityId, { at, teamId: world.teamId }),
    ).toHaveLength(1);
  });

  it('records battery changes, which the app can never change or delete', async () => {
    const change = await insertBatteryChange(
      testDb.pool,
      world.municipalityId,
      {
        lockDeviceId: world.lockId,
        changedAt: new Date(start + 5 * dayMs),
        doneBy: 'home_care_team',
        teamId: world.teamId,
        levelBefore: 18,
      },
      'Lisa Låsansvarig',
      new Date(start + 5 * dayMs),
    );
    expect(change).toMatchObject({
      doneBy: 'home_care_team',
      levelBefore: 18,
      recordedBy: 'Lisa Låsansvarig',
    });
    expect(await listBatteryChanges(testDb.pool, world.municipalityId, [world.lockId])).toEqual([change]);
    await expect(testDb.pool.query('UPDATE battery_change SET level_before = 50')).rejects.toThrow(
      /permission denied/,
    );
    await expect(testDb.pool.query('DELETE FROM battery_change')).rejects.toThrow(/permission denied/);
  });
});
