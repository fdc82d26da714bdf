import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { findDoorLabels, findEventSubject } from './event-labels.repository';
import { summariseEventsPerDay } from './event-summary.repository';
import { createEventWorld, lockRecord, storeEvents, type EventWorld } from './events.testing';

let testDb: TestDatabase;
let world: EventWorld;
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  await storeEvents(testDb.pool, [
    lockRecord(world, 1, '2026-01-05T08:00:00Z'),
    lockRecord(world, 2, '2026-01-05T22:30:00Z' /* 23:30 in Stockholm: still the 5th */, { isRefused: true }),
    lockRecord(world, 3, '2026-01-06T08:00:00Z'),
  ]);
});
afterAll(async () => testDb.drop());

describe('the per-day summary', () => {
  it('counts openings and refusals per Stockholm day, every day present', async () => {
    const summary = await summariseEventsPerDay(testDb.pool, {
      municipalityId: world.municipalityId,
      days: 3,
      now: new Date('2026-01-06T12:00:00Z'),
    });
    expect(summary.days).toEqual([
      { day: '2026-01-04', openings: 0, refused: 0 },
      { day: '2026-01-05', openings: 1, refused: 1 },
      { day: '2026-01-06', openings: 1, refused: 0 },
    ]);
  });

  it('counts nothing for a provider that has none of them', async () => {
    const summary = await summariseEventsPerDay(testDb.pool, {
      municipalityId: world.municipalityId,
      days: 3,
      now: new Date('2026-01-06T12:00:00Z'),
      providerId: world.southId,
    });
    expect(summary.days.every((d) => d.openings === 0 && d.refused === 0)).toBe(true);
  });
});

describe('labels for the command line', () => {
  it('names a subject and doors of the municipality only', async () => {
    expect(
      (await findEventSubject(testDb.pool, world.municipalityId, { kind: 'door', id: world.apartmentDoorId }))
        ?.label,
    ).toBe('door "Lgh 1101" (apartment door), Sveaborg 4, Sveavägen 1');
    expect(
      await findEventSubject(testDb.pool, world.otherMunicipalityId, {
        kind: 'door',
        id: world.apartmentDoorId,
      }),
    ).toBeUndefined();
    const doors = await findDoorLabels(testDb.pool, world.municipalityId, [
      world.entranceId,
      world.entranceId,
    ]);
    expect([...doors.values()]).toEqual([{ label: 'Port A', kind: 'entrance', property: 'Sveaborg 4' }]);
  });
});
