// Rollout's facts on real PostgreSQL, counted with core's rules (docs/rollout.md): a small world
// at fixed days of 2026, so the figures are known by hand.
import {
  countRollout,
  countRolloutHistory,
  findEntity,
  judgeNightAccess,
  listChartDays,
} from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../platform/bulk-insert.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertEntity } from '../registry/registry.repository';
import { listTeamCustomerIds, readNightAccessFacts, readRolloutFacts } from './rollout.repository';
import { createRolloutWorld, type RolloutWorld } from './rollout.testing';

let testDb: TestDatabase;
let world: RolloutWorld;
let other: RolloutWorld;
const asOf = '2026-11-15';

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRolloutWorld(testDb.pool);
  other = await createRolloutWorld(testDb.pool);
});
afterAll(async () => testDb.drop());

const municipalityScope = () => ({ kind: 'municipality' as const, municipalityId: world.municipalityId });

const readAt = async (day: string, days = [day]) => {
  const facts = await readRolloutFacts(testDb.pool, world.municipalityId, day, days);
  return { ...facts, nightAccessCustomers: [] };
};

describe('rollout facts (R8.1)', () => {
  it('counts consent, locks, orders, keyless customers and staff with keys per district', async () => {
    const { rows, totals } = countRollout(await readAt(asOf), asOf);
    expect(rows.map((row) => [row.district.name, row.district.rolloutStartQuarter])).toEqual([
      ['Norrmalm', '2026-Q3'],
      ['Söder', '2027-Q1'],
    ]);
    expect(rows[0]).toMatchObject({
      properties: 1,
      propertiesAsked: 1,
      propertiesConsented: 0,
      entranceLocksInstalled: 1,
      entranceLocksInUse: 1,
      apartmentLocksPlanned: 1,
      apartmentLocksInstalled: 1,
      apartmentLocksInUse: 1,
      customersServed: 2,
      customersKeyless: 1,
      staffWithKeys: 1,
    });
    expect(rows[1]).toMatchObject({
      properties: 1,
      propertiesAsked: 0,
      customersServed: 1,
      staffWithKeys: 1,
    });
    // Nothing of the other municipality's identical world is counted.
    expect(totals).toMatchObject({
      properties: 2,
      customersServed: 3,
      staffWithKeys: 1,
      entranceLocksPlanned: 0,
    });
  });

  it('a lock is in use only once every provider of every customer behind it is introduced (R8.4)', async () => {
    const days = listChartDays(asOf);
    const history = countRolloutHistory(await readAt(asOf, days), days);
    const at = (day: string) => history.find((point) => point.day === day);
    expect(at('2026-03-31')).toEqual({
      day: '2026-03-31',
      locksInstalled: 0,
      locksInUse: 0,
      customersKeyless: 0,
    });
    expect(at('2026-05-31')).toMatchObject({ locksInstalled: 1, locksInUse: 0 });
    expect(at('2026-07-31')).toMatchObject({ locksInstalled: 2, locksInUse: 1, customersKeyless: 0 });
    expect(at('2026-08-31')).toMatchObject({ locksInstalled: 2, locksInUse: 2, customersKeyless: 1 });
    expect(history.at(-1)?.day).toBe(asOf);
  });

  it('counts staff with keys in each district their provider serves, each person once in the total', async () => {
    const staffWorld = await createRolloutWorld(testDb.pool);
    const m = staffWorld.municipalityId;
    const add = (resource: 'staff_member' | 'digital_key', values: Record<string, unknown>) =>
      insertEntity(testDb.pool, findEntity(resource), m, values);
    // The night patrol serves only Gun (Norrmalm); North serves Gun and Cecilia (Söder).
    const nightStaff = await add('staff_member', {
      providerId: staffWorld.nightId,
      givenName: 'Nils',
      familyName: 'Natt',
      pseudonym: `ps-natt-${m.slice(0, 8)}`,
      employmentStartsOn: '2020-01-01',
    });
    const leftStaff = await add('staff_member', {
      providerId: staffWorld.nightId,
      givenName: 'Lisa',
      familyName: 'Slutat',
      pseudonym: `ps-slutat-${m.slice(0, 8)}`,
      employmentStartsOn: '2020-01-01',
      employmentEndsOn: '2026-10-31',
    });
    const key = (holder: string, serial: string, status: string) =>
      add('digital_key', {
        providerId: staffWorld.nightId,
        kind: 'hardware_key',
        serial: `${serial}-${m.slice(0, 8)}`,
        holderStaffMemberId: holder,
        status,
      });
    await key(nightStaff, 'NK1', 'active');
    await key(leftStaff, 'NK2', 'active');
    await testDb.pool.query(
      `UPDATE digital_key SET created_at = '2026-01-01T08:00:00Z' WHERE municipality_id = $1`,
      [m],
    );
    const facts = {
      ...(await readRolloutFacts(testDb.pool, m, asOf, [asOf])),
      nightAccessCustomers: [],
    };
    const { rows, totals } = countRollout(facts, asOf);
    expect(rows.map((row) => [row.district.name, row.staffWithKeys])).toEqual([
      ['Norrmalm', 2],
      ['Söder', 1],
    ]);
    expect(totals.staffWithKeys).toBe(2);
  });

  it('counts a staff member in a team only in the districts of the team’s customers', async () => {
    const teamWorld = await createRolloutWorld(testDb.pool);
    const m = teamWorld.municipalityId;
    // North serves Gun (Norrmalm) and Cecilia (Söder); the key holder's team is assigned Gun only.
    await insertRows(testDb.pool, 'team_membership', [
      {
        municipality_id: m,
        team_id: teamWorld.teamId,
        staff_member_id: teamWorld.staffId,
        valid_from: '2026-01-01T00:00:00Z',
      },
    ]);
    await insertRows(testDb.pool, 'team_customer', [
      {
        municipality_id: m,
        team_id: teamWorld.teamId,
        customer_id: teamWorld.gunId,
        valid_from: '2026-01-01T00:00:00Z',
        granted_by: 'test',
      },
    ]);
    const facts = { ...(await readRolloutFacts(testDb.pool, m, asOf, [asOf])), nightAccessCustomers: [] };
    const { rows, totals } = countRollout(facts, asOf);
    expect(rows.map((row) => [row.district.name, row.staffWithKeys])).toEqual([
      ['Norrmalm', 1],
      ['Söder', 0],
    ]);
    expect(totals.staffWithKeys).toBe(1);
  });

  it('the chart counts the table’s locks: its point on asOf is the totals row, a key safe’s lock left out', async () => {
    const keySafe = await createRolloutWorld(testDb.pool);
    const m = keySafe.municipalityId;
    const doorId = await insertEntity(testDb.pool, findEntity('door'), m, {
      propertyId: keySafe.propertyId,
      kind: 'key_safe',
      label: 'Nyckelgömma',
    });
    await insertRows(testDb.pool, 'access_path_step', [
      { municipality_id: m, customer_id: keySafe.gunId, position: 2, door_id: doorId },
    ]);
    await insertEntity(testDb.pool, findEntity('lock_device'), m, {
      lockType: 'cylinder_ring',
      serial: `RO-KS-${doorId.slice(0, 8)}`,
      status: 'installed',
      doorId,
      installedAt: '2026-04-10T09:00:00Z',
    });
    const days = listChartDays(asOf);
    const facts = {
      ...(await readRolloutFacts(testDb.pool, m, asOf, days)),
      nightAccessCustomers: [],
    };
    const { totals } = countRollout(facts, asOf);
    // Gun's key safe is on her way in and its lock in use: she stays keyless, the lock counts in
    // neither lock column (docs/rollout.md).
    expect(totals).toMatchObject({
      entranceLocksInstalled: 1,
      entranceLocksInUse: 1,
      apartmentLocksInstalled: 1,
      apartmentLocksInUse: 1,
      customersKeyless: 1,
    });
    expect(countRolloutHistory(facts, days).at(-1)).toEqual({
      day: asOf,
      locksInstalled: totals.entranceLocksInstalled + totals.apartmentLocksInstalled,
      locksInUse: totals.entranceLocksInUse + totals.apartmentLocksInUse,
      customersKeyless: totals.customersKeyless,
    });
  });
});

describe('night-access facts (R2.6)', () => {
  it('reads the customers behind recorded opening hours, with their services and doors', async () => {
    const facts = await readNightAccessFacts(testDb.pool, municipalityScope(), '2026-07-15');
    expect(facts.map((f) => f.customerName)).toEqual(['Gun Ahmed', 'Bertil Berg', 'Cecilia Ek']);
    const gun = facts.find((f) => f.customerId === world.gunId)!;
    expect(gun.doors.map((d) => [d.label, d.isLockInUse, d.openingHours])).toEqual([
      ['Port A', false, [{ from: '06:00', to: '22:00' }]],
      ['Lgh 1101', true, null],
    ]);
    expect(judgeNightAccess(gun.needs, gun.doors).map((w) => [w.providerId, w.closedSpans])).toEqual([
      [world.nightId, [{ days: [1, 2, 3, 4, 5, 6, 7], from: '22:00', to: '06:00', minutes: 480 }]],
    ]);
  });

  it('once the entrance lock is in use the door code hours no longer matter', async () => {
    const facts = await readNightAccessFacts(testDb.pool, municipalityScope(), asOf, [
      world.gunId,
      world.ceciliaId,
    ]);
    const warned = facts
      .filter((f) => judgeNightAccess(f.needs, f.doors).length > 0)
      .map((f) => f.customerId);
    expect(warned).toEqual([world.ceciliaId]);
    expect(facts.some((f) => f.customerId === other.gunId)).toBe(false);
  });

  it('a team serves its assigned customers on the day', async () => {
    await testDb.pool.query(
      `INSERT INTO team_customer (municipality_id, team_id, customer_id, valid_from, valid_until, granted_by)
       VALUES ($1, $2, $3, '2026-06-01T00:00:00Z', '2026-12-31T00:00:00Z', 'test')`,
      [world.municipalityId, world.teamId, world.gunId],
    );
    expect(await listTeamCustomerIds(testDb.pool, world.municipalityId, world.teamId, asOf)).toEqual([
      world.gunId,
    ]);
    expect(await listTeamCustomerIds(testDb.pool, world.municipalityId, world.teamId, '2026-05-15')).toEqual(
      [],
    );
  });
});
