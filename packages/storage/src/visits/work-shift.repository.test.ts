import { findEntity, type Scope } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { withTransaction } from '../platform/transaction';
import { insertEntity } from '../registry/registry.repository';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';
import { listPlannedVisits, upsertPlannedVisits } from './care-plan.repository';
import {
  approveWorkShifts,
  findOverlappingWorkShift,
  insertWorkShift,
  listWorkShifts,
  lockShiftStaffMember,
  openWorkShift,
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
  it('opens one shift for activations at once, extended to the latest end, not one each', async () => {
    const keyId = await insertEntity(testDb.pool, findEntity('digital_key'), world.municipalityId, {
      providerId: world.northId,
      kind: 'hardware_key',
      serial: 'WS-K-1',
      holderStaffMemberId: world.staffId,
    });
    const start = at('2026-03-05T06:00:00Z').getTime();
    // Four activations held at a gate and let go together, each at its own instant as requests on
    // the real clock are: none finds the shift another is opening unless the holder's shift lock
    // orders them. (Four: the test pool has five connections, and the gate holds one.)
    const gate = await testDb.pool.connect();
    await gate.query('SELECT pg_advisory_lock(4242)');
    const opening = Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        withTransaction(testDb.pool, async (client) => {
          await client.query('SELECT pg_advisory_xact_lock_shared(4242)');
          await openWorkShift(
            client,
            { municipalityId: world.municipalityId, digitalKeyId: keyId },
            'activation',
            new Date(start + 12 * 3600_000 + i * 1000),
            new Date(start + i),
          );
        }),
      ),
    );
    const waiting = async () =>
      (
        await gate.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND NOT granted",
        )
      ).rows[0]!.n;
    await expect.poll(waiting).toBe(4);
    await gate.query('SELECT pg_advisory_unlock(4242)');
    gate.release();
    await opening;
    const { rows } = await testDb.pool.query<{ ends_at: Date }>(
      `SELECT ends_at FROM work_shift WHERE staff_member_id = $1 AND source = 'activation'`,
      [world.staffId],
    );
    expect(rows).toEqual([{ ends_at: new Date(start + 12 * 3600_000 + 3000) }]);
  });

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
