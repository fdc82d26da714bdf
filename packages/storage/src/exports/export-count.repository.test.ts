// Scoped counts and the event log read without a subject, on real PostgreSQL (docs/exports.md):
// a count never includes a row the scope's list would not show, and a lock manager's reach
// without a subject holds only records locks wrote. Fixed instants in January 2026.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEvents, listEvents } from '../events';
import { createEventWorld, lockRecord, storeEvents, type EventWorld } from '../events/events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { countScopedRows, countScopedVisits } from './export-count.repository';

let testDb: TestDatabase;
let world: EventWorld;
const january = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') };

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  const keyRecord = {
    ...lockRecord(world, 1, '2026-01-05T07:00:00Z'),
    // A key's own record about itself (e.g. a wrong PIN): written by the key, at no lock.
    deviceId: world.keyDeviceId,
    kind: 6,
    lockNumber: null,
    lockDeviceId: null,
    doorId: null,
    verified: null,
  };
  await storeEvents(testDb.pool, [
    lockRecord(world, 1, '2026-01-05T08:00:00Z'),
    lockRecord(world, 2, '2026-01-06T08:00:00Z'),
    lockRecord(world, 3, '2026-02-06T08:00:00Z'),
    keyRecord,
  ]);
});
afterAll(async () => testDb.drop());

describe('scoped counts', () => {
  it('counts a provider’s customers, teams and staff only, and the municipality’s all', async () => {
    const m = world.municipalityId;
    const north = { kind: 'provider', municipalityId: m, providerId: world.northId } as const;
    const south = { kind: 'provider', municipalityId: m, providerId: world.southId } as const;
    const all = { kind: 'municipality', municipalityId: m } as const;
    expect(await countScopedRows(testDb.pool, 'customer', all)).toBe(2);
    // Bertil was North's only until 2021: not North's customer today.
    expect(await countScopedRows(testDb.pool, 'customer', north)).toBe(1);
    expect(await countScopedRows(testDb.pool, 'customer', south)).toBe(1);
    expect(await countScopedRows(testDb.pool, 'staff_member', south)).toBe(0);
    expect(await countScopedRows(testDb.pool, 'staff_member', north)).toBe(1);
    // Another municipality's scope sees none of it.
    const other = { kind: 'municipality', municipalityId: world.otherMunicipalityId } as const;
    expect(await countScopedRows(testDb.pool, 'customer', other)).toBe(0);
    const owner = { kind: 'owner', municipalityId: m, propertyOwnerId: randomUUID() } as const;
    expect(await countScopedRows(testDb.pool, 'property', owner)).toBe(0);
    expect(await countScopedRows(testDb.pool, 'work_order', all)).toBe(0);
    expect(await countScopedVisits(testDb.pool, all, january)).toBe(0);
  });

  it('fails closed for a scope the resource has no rule for', async () => {
    const owner = {
      kind: 'owner',
      municipalityId: world.municipalityId,
      propertyOwnerId: randomUUID(),
    } as const;
    await expect(countScopedRows(testDb.pool, 'customer', owner)).rejects.toThrow(/No owner scope rule/);
  });
});

describe('the event log without a subject', () => {
  it('lists and counts the municipality’s records of the period, keys’ own records included', async () => {
    const query = { municipalityId: world.municipalityId, ...january };
    const page = await listEvents(testDb.pool, { ...query, limit: 10 });
    expect(page.items.map((row) => [row.deviceId, row.sequence])).toEqual([
      [world.lockDeviceId, 2],
      [world.lockDeviceId, 1],
      [world.keyDeviceId, 1],
    ]);
    expect(await countEvents(testDb.pool, query)).toBe(3);
  });

  it('holds only locks’ records, with no identity, for a lock manager’s view', async () => {
    const query = {
      municipalityId: world.municipalityId,
      ...january,
      isLockRecordsOnly: true,
      view: { maskIdentities: true },
    };
    const page = await listEvents(testDb.pool, { ...query, limit: 10 });
    expect(page.items.map((row) => row.deviceId)).toEqual([world.lockDeviceId, world.lockDeviceId]);
    for (const row of page.items) expect([row.keyId, row.staffName]).toEqual([null, null]);
    expect(await countEvents(testDb.pool, query)).toBe(2);
  });

  it('holds a provider’s own records and its customers’ doors only, counted alike', async () => {
    const view = (providerId: string) => ({
      municipalityId: world.municipalityId,
      ...january,
      view: { providerId, doorNames: 'reach' as const },
    });
    expect((await listEvents(testDb.pool, { ...view(world.northId), limit: 10 })).items).toHaveLength(3);
    expect(await countEvents(testDb.pool, view(world.northId))).toBe(3);
    // South serves Bertil, not Gun, whose door the lock is on; the key and staff are North's.
    expect((await listEvents(testDb.pool, { ...view(world.southId), limit: 10 })).items).toEqual([]);
    expect(await countEvents(testDb.pool, view(world.southId))).toBe(0);
  });
});
