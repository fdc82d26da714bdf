import { servicePeriodOf, type Scope } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';
import { findRelativesListCustomer, listRelativesVisits } from './relatives-visit.repository';
import { insertVisit, replaceVisitVersion } from './visit.repository';

let testDb: TestDatabase;
let world: RegistryWorld;
let municipality: Scope;
let north: Scope;
let south: Scope;
const at = (iso: string) => new Date(iso);
const january = { from: at('2026-01-01T00:00:00Z'), to: at('2026-02-01T00:00:00Z') };
const year2021 = { from: at('2021-06-01T00:00:00Z'), to: at('2021-07-01T00:00:00Z') };

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
  municipality = { kind: 'municipality', municipalityId: world.municipalityId };
  north = { kind: 'provider', municipalityId: world.municipalityId, providerId: world.northId };
  south = { kind: 'provider', municipalityId: world.municipalityId, providerId: world.southId };
  await testDb.pool.query(`UPDATE staff_member SET occupation = 'assistant_nurse' WHERE id = $1`, [
    world.staffId,
  ]);
  const southStaff = (
    await testDb.pool.query<{ id: string }>(
      `INSERT INTO staff_member (municipality_id, provider_id, given_name, family_name, pseudonym, employment_starts_on)
       VALUES ($1, $2, 'Sven', 'Ek', $3, '2020-01-01') RETURNING id`,
      [world.municipalityId, world.southId, `ps-s-${world.municipalityId.slice(0, 8)}`],
    )
  ).rows[0]!.id;
  const visit = (
    providerId: string,
    customerId: string,
    staff: string[],
    arrival: string,
    minutes: number | null,
  ) =>
    insertVisit(testDb.pool, {
      municipalityId: world.municipalityId,
      providerId,
      customerId,
      staffMemberIds: staff,
      source: 'manual',
      state: minutes === null ? 'incomplete' : 'registered',
      arrival: at(arrival),
      departure: minutes === null ? null : new Date(Date.parse(arrival) + minutes * 60_000),
      services: ['meals'],
      declinedReason: null,
      note: null,
      createdBy: 'test',
    });
  // Gun (North): a visit corrected to 20 minutes, one declined, one without departure.
  const corrected = await visit(world.northId, world.gunId, [world.staffId], '2026-01-05T08:00:00Z', 35);
  await replaceVisitVersion(testDb.pool, {
    municipalityId: world.municipalityId,
    visitId: corrected,
    expectedVersion: 1,
    by: 'Arbetsledare',
    reason: 'Fel tid',
    isLate: false,
    next: {
      customerId: world.gunId,
      staffMemberIds: [world.staffId],
      state: 'corrected',
      arrival: at('2026-01-05T08:00:00Z'),
      departure: at('2026-01-05T08:20:00Z'),
      services: ['meals'],
      declinedReason: null,
      note: null,
    },
  });
  const declined = await visit(world.northId, world.gunId, [world.staffId], '2026-01-06T08:00:00Z', 30);
  await replaceVisitVersion(testDb.pool, {
    municipalityId: world.municipalityId,
    visitId: declined,
    expectedVersion: 1,
    by: 'Arbetsledare',
    reason: 'Kunden avböjde',
    isLate: false,
    next: {
      customerId: world.gunId,
      staffMemberIds: [world.staffId],
      state: 'declined',
      arrival: at('2026-01-06T08:00:00Z'),
      departure: at('2026-01-06T08:30:00Z'),
      services: [],
      declinedReason: 'Ville inte',
      note: null,
    },
  });
  await visit(world.northId, world.gunId, [world.staffId], '2026-01-07T08:00:00Z', null);
  // Bertil: North's visit in 2021 (when it served him), South's (with two staff) in 2026.
  await visit(world.northId, world.bertilId, [world.staffId], '2021-06-10T08:00:00Z', 30);
  await visit(world.southId, world.bertilId, [southStaff, world.staffId], '2026-01-08T08:00:00Z', 45);
});
afterAll(async () => testDb.drop());

describe('the relatives’ visit list reads', () => {
  it('finds the customer only inside the scope for the period, as for an unknown id otherwise', async () => {
    const find = (scope: Scope, customerId: string, range = january) =>
      findRelativesListCustomer(testDb.pool, scope, customerId, servicePeriodOf(range));
    expect(await find(municipality, world.gunId)).toMatchObject({ name: 'Gun Ahmed' });
    expect(await find(north, world.gunId)).toMatchObject({ name: 'Gun Ahmed' });
    expect(await find(south, world.gunId)).toBeUndefined();
    // North served Bertil until 2021: then, not now.
    expect(await find(north, world.bertilId)).toBeUndefined();
    expect(await find(north, world.bertilId, year2021)).toMatchObject({ name: 'Bertil Berg' });
    const other: Scope = { kind: 'municipality', municipalityId: world.otherMunicipalityId };
    expect(await find(other, world.gunId)).toBeUndefined();
  });

  it('lists the current versions, declined included, with first name and occupation only', async () => {
    const rows = await listRelativesVisits(testDb.pool, municipality, world.gunId, january.from, january.to);
    expect(rows.map((r) => [r.arrival.toISOString(), r.departure?.toISOString() ?? null, r.state])).toEqual([
      ['2026-01-05T08:00:00.000Z', '2026-01-05T08:20:00.000Z', 'corrected'],
      ['2026-01-06T08:00:00.000Z', '2026-01-06T08:30:00.000Z', 'declined'],
      ['2026-01-07T08:00:00.000Z', null, 'incomplete'],
    ]);
    expect(rows[0]).toMatchObject({
      providerName: 'Hemtjänst Nord',
      staff: [{ givenName: 'Anna', occupation: 'assistant_nurse' }],
    });
    expect(JSON.stringify(rows)).not.toContain('Lind');
  });

  it('gives a provider only its own visits to a shared customer', async () => {
    const bertil = (scope: Scope, range: { from: Date; to: Date }) =>
      listRelativesVisits(testDb.pool, scope, world.bertilId, range.from, range.to);
    const both = await bertil(municipality, january);
    expect(both).toHaveLength(1);
    expect(both[0]!.staff.map((s) => s.givenName)).toEqual(['Sven', 'Anna']);
    expect(await bertil(north, january)).toEqual([]);
    expect((await bertil(north, year2021)).map((r) => r.providerName)).toEqual(['Hemtjänst Nord']);
    expect(await bertil(south, year2021)).toEqual([]);
    expect((await bertil(south, january)).map((r) => r.providerName)).toEqual(['Hemtjänst Syd']);
  });
});
