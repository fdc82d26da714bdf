import type { Scope } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';
import { listPlannedVisits, upsertPlannedVisits } from './care-plan.repository';
import {
  approveWorkShifts,
  findOverlappingWorkShift,
  insertWorkShift,
  listWorkShifts,
  lockShiftStaffMember,
} from './work-shift.repository';

let testDb: TestDatabase;
let world: RegistryWorld;
let shiftId: string;
let municipality: Scope;
let north: Scope;
let south: Scope;
let self: Scope;
const at = (iso: string) => new Date(iso);
const march2 = { from: at('2026-03-01T23:00:00Z'), to: at('2026-03-02T23:00:00Z'), limit: 100 };

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
  municipality = { kind: 'municipality', municipalityId: world.municipalityId };
  north = { kind: 'provider', municipalityId: world.municipalityId, providerId: world.northId };
  south = { kind: 'provider', municipalityId: world.municipalityId, providerId: world.southId };
  self = {
    kind: 'self',
    municipalityId: world.municipalityId,
    staffMemberId: world.staffId,
    providerId: world.northId,
  };
  shiftId = await insertWorkShift(testDb.pool, {
    municipalityId: world.municipalityId,
    providerId: world.northId,
    staffMemberId: world.staffId,
    startsAt: at('2026-03-02T06:00:00Z'),
    endsAt: at('2026-03-02T14:00:00Z'),
  });
});
afterAll(async () => testDb.drop());

describe('work shift repository', () => {
  it('lists a shift to its provider, the municipality and its staff member, and to no one else', async () => {
    for (const scope of [municipality, north, self])
      expect(
        (await listWorkShifts(testDb.pool, scope, march2)).map((s) => [s.id, s.source, s.staffName]),
      ).toEqual([[shiftId, 'manual', 'Anna Lind']]);
    expect(await listWorkShifts(testDb.pool, south, march2)).toEqual([]);
    const other: Scope = { kind: 'municipality', municipalityId: world.otherMunicipalityId };
    expect(await listWorkShifts(testDb.pool, other, march2)).toEqual([]);
    // A period the shift only touches does not hold it.
    const after = { from: at('2026-03-02T14:00:00Z'), to: at('2026-03-03T00:00:00Z'), limit: 10 };
    expect(await listWorkShifts(testDb.pool, north, after)).toEqual([]);
  });

  it('finds overlaps but not shifts that only touch', async () => {
    const overlap = (from: string, to: string) =>
      findOverlappingWorkShift(testDb.pool, world.staffId, at(from), at(to), world.municipalityId);
    expect(await overlap('2026-03-02T13:59:00Z', '2026-03-02T16:00:00Z')).toBe(shiftId);
    expect(await overlap('2026-03-02T05:00:00Z', '2026-03-02T20:00:00Z')).toBe(shiftId);
    expect(await overlap('2026-03-02T14:00:00Z', '2026-03-02T16:00:00Z')).toBeUndefined();
    expect(await overlap('2026-03-02T02:00:00Z', '2026-03-02T06:00:00Z')).toBeUndefined();
  });

  it('finds the staff member for a registration only inside the scope', async () => {
    expect(await lockShiftStaffMember(testDb.pool, north, world.staffId)).toEqual({
      providerId: world.northId,
    });
    expect(await lockShiftStaffMember(testDb.pool, municipality, world.staffId)).toEqual({
      providerId: world.northId,
    });
    expect(await lockShiftStaffMember(testDb.pool, south, world.staffId)).toBeUndefined();
  });

  it('approves the day’s shifts inside the scope only, once', async () => {
    const day = { staffMemberId: world.staffId, from: march2.from, to: march2.to };
    expect(await approveWorkShifts(testDb.pool, south, { ...day, by: 'Syd' })).toBe(0);
    expect(await approveWorkShifts(testDb.pool, north, { ...day, by: 'Nord' })).toBe(1);
    expect(await approveWorkShifts(testDb.pool, municipality, { ...day, by: 'Kommunen' })).toBe(0);
    const [row] = await listWorkShifts(testDb.pool, north, march2);
    expect(row).toMatchObject({ approvedBy: 'Nord' });
  });
});

describe('planned visits read back', () => {
  it('lists a provider’s planned visits overlapping the period, nobody else’s', async () => {
    await upsertPlannedVisits(testDb.pool, world.municipalityId, [
      {
        externalId: 'TES-1',
        customerId: world.gunId,
        providerId: world.northId,
        services: ['meals'],
        plannedMinutes: 30,
        staffCount: 1,
        windowStart: at('2026-03-02T07:00:00Z'),
        windowEnd: at('2026-03-02T08:00:00Z'),
      },
    ]);
    const rows = await listPlannedVisits(testDb.pool, north, march2);
    expect(rows.map((r) => [r.externalId, r.customerName, r.services])).toEqual([
      ['TES-1', 'Gun Ahmed', ['meals']],
    ]);
    expect(await listPlannedVisits(testDb.pool, south, march2)).toEqual([]);
    expect(await listPlannedVisits(testDb.pool, north, { ...march2, customerId: world.bertilId })).toEqual(
      [],
    );
  });
});
