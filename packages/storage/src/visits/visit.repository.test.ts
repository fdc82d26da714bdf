import type { Scope } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, type EventWorld } from '../events/events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { findUnservedPlannedVisits, upsertGrantedTime, upsertPlannedVisits } from './care-plan.repository';
import {
  findCurrentVisit,
  findOverlappingVisit,
  findServicesBeforeDecline,
  findVisitDetail,
  insertVisit,
  listVisits,
  readVisitReferences,
  replaceVisitVersion,
} from './visit.repository';

let testDb: TestDatabase;
let world: EventWorld;
let visitId: string;
const at = (iso: string) => new Date(iso);
const march = { from: at('2026-03-01T00:00:00Z'), to: at('2026-04-01T00:00:00Z'), limit: 100 };
let municipality: Scope;
let north: Scope;
let south: Scope;

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  municipality = { kind: 'municipality', municipalityId: world.municipalityId };
  north = { kind: 'provider', municipalityId: world.municipalityId, providerId: world.northId };
  south = { kind: 'provider', municipalityId: world.municipalityId, providerId: world.southId };
  visitId = await insertVisit(testDb.pool, {
    municipalityId: world.municipalityId,
    providerId: world.northId,
    customerId: world.gunId,
    staffMemberIds: [world.staffId],
    source: 'manual',
    state: 'registered',
    arrival: at('2026-03-02T08:00:00Z'),
    departure: at('2026-03-02T08:30:00Z'),
    services: ['meals'],
    declinedReason: null,
    note: null,
    createdBy: 'Arbetsledare Norr',
  });
});
afterAll(async () => testDb.drop());

describe('visit repository', () => {
  it('refuses to delete a customer who has visits, as a foreign key would, and deletes one without', async () => {
    const newCustomer = async () =>
      (
        await testDb.pool.query<{ id: string }>(
          `INSERT INTO customer (municipality_id, district_id, given_name, family_name)
           SELECT municipality_id, district_id, 'Ny', 'Kund' FROM customer WHERE id = $1 RETURNING id`,
          [world.gunId],
        )
      ).rows[0]!.id;
    const visited = await newCustomer();
    await insertVisit(testDb.pool, {
      municipalityId: world.municipalityId,
      providerId: world.northId,
      customerId: visited,
      staffMemberIds: [world.staffId],
      source: 'manual',
      state: 'registered',
      arrival: at('2025-06-09T08:00:00Z'),
      departure: at('2025-06-09T08:30:00Z'),
      services: [],
      declinedReason: null,
      note: null,
      createdBy: 'Arbetsledare Norr',
    });
    const refusal = await testDb.pool.query('DELETE FROM customer WHERE id = $1', [visited]).catch((e) => e);
    // The API turns exactly this into 409 still_referenced (platform/errors.ts).
    expect(refusal).toMatchObject({ code: '23503', detail: expect.stringContaining('from table "visit"') });
    const unvisited = await newCustomer();
    await testDb.pool.query('DELETE FROM customer WHERE id = $1', [unvisited]);
    expect(
      (await testDb.pool.query('SELECT 1 FROM customer WHERE id = ANY($1)', [[visited, unvisited]])).rows,
    ).toHaveLength(1);
  });

  it('lists a visit to its provider, the municipality and its staff member, and to no one else', async () => {
    const self: Scope = {
      kind: 'self',
      municipalityId: world.municipalityId,
      staffMemberId: world.staffId,
      providerId: world.northId,
    };
    for (const scope of [municipality, north, self])
      expect((await listVisits(testDb.pool, scope, march)).map((v) => v.id)).toEqual([visitId]);
    expect(await listVisits(testDb.pool, south, march)).toEqual([]);
    const other: Scope = { kind: 'municipality', municipalityId: world.otherMunicipalityId };
    expect(await listVisits(testDb.pool, other, march)).toEqual([]);
    expect(await findCurrentVisit(testDb.pool, south, visitId)).toBeUndefined();
    const [row] = await listVisits(testDb.pool, north, march);
    expect(row).toMatchObject({
      customerName: 'Gun Ahmed',
      staffMemberIds: [world.staffId],
      services: ['meals'],
    });
    expect(row!.staffNames).toHaveLength(1);
  });

  it('corrects by adding a version and keeping the old one; a stale version changes nothing', async () => {
    const next = {
      customerId: world.gunId,
      staffMemberIds: [world.staffId],
      state: 'corrected' as const,
      arrival: at('2026-03-02T08:05:00Z'),
      departure: at('2026-03-02T08:45:00Z'),
      services: ['meals', 'shower'],
      declinedReason: null,
      note: null,
    };
    const change = {
      municipalityId: world.municipalityId,
      visitId,
      expectedVersion: 1,
      by: 'Arbetsledare Norr',
      reason: 'Glömde stämpla ut',
      isLate: false,
      next,
    };
    expect(await replaceVisitVersion(testDb.pool, change)).toBe(2);
    expect(await replaceVisitVersion(testDb.pool, change)).toBeUndefined();
    const detail = await findVisitDetail(testDb.pool, municipality, visitId);
    expect(detail!.visit).toMatchObject({ version: 2, state: 'corrected', services: ['meals', 'shower'] });
    expect(detail!.versions.map((v) => [v.version, v.state, v.supersededBy, v.reason])).toEqual([
      [1, 'registered', 'Arbetsledare Norr', null],
      [2, 'corrected', null, 'Glömde stämpla ut'],
    ]);
    expect(detail!.versions[0]!.arrival).toEqual(at('2026-03-02T08:00:00Z'));
  });

  it('finds a staff member’s overlapping visit, and none for the visit itself or back to back', async () => {
    const overlap = (from: string, to: string | null, except: string | null = null) =>
      findOverlappingVisit(
        testDb.pool,
        [world.staffId],
        at(from),
        to ? at(to) : null,
        except,
        world.municipalityId,
        world.gunId,
      );
    expect(await overlap('2026-03-02T08:30:00Z', '2026-03-02T09:00:00Z')).toBe(visitId);
    expect(await overlap('2026-03-02T08:10:00Z', null)).toBe(visitId);
    expect(await overlap('2026-03-02T08:45:00Z', '2026-03-02T09:00:00Z')).toBeUndefined();
    expect(await overlap('2026-03-02T08:30:00Z', '2026-03-02T09:00:00Z', visitId)).toBeUndefined();
  });

  it('lets a staff member’s visits at two customers sharing an apartment door overlap, and no one else’s', async () => {
    const overlapAt = (customerId: string) =>
      findOverlappingVisit(
        testDb.pool,
        [world.staffId],
        at('2026-03-02T08:10:00Z'),
        at('2026-03-02T08:20:00Z'),
        null,
        world.municipalityId,
        customerId,
      );
    const setDoor = (customerId: string, doorId: string | null) =>
      testDb.superuser.query('UPDATE customer SET apartment_door_id = $2 WHERE id = $1', [
        customerId,
        doorId,
      ]);
    // Bertil at Gun's overlapping visit: two customers at once, until they share Gun's door.
    expect(await overlapAt(world.bertilId)).toBe(visitId);
    await setDoor(world.gunId, world.apartmentDoorId);
    expect(await overlapAt(world.bertilId)).toBe(visitId);
    await setDoor(world.bertilId, world.apartmentDoorId);
    try {
      expect(await overlapAt(world.bertilId)).toBeUndefined();
      // Gun twice at once is still one visit registered twice.
      expect(await overlapAt(world.gunId)).toBe(visitId);
    } finally {
      await setDoor(world.gunId, null);
      await setDoor(world.bertilId, null);
    }
  });

  it('finds the services a visit had before its latest decline, also after a voiding', async () => {
    // In May, outside the month the other tests list.
    const content = {
      customerId: world.gunId,
      staffMemberIds: [world.staffId],
      arrival: at('2026-05-04T08:00:00Z'),
      departure: at('2026-05-04T08:30:00Z'),
      declinedReason: null,
      note: null,
    };
    const id = await insertVisit(testDb.pool, {
      municipalityId: world.municipalityId,
      providerId: world.northId,
      source: 'manual',
      state: 'registered',
      services: ['meals', 'shower'],
      createdBy: 'Arbetsledare Norr',
      ...content,
    });
    const change = (expectedVersion: number, state: 'declined' | 'voided', services: string[]) =>
      replaceVisitVersion(testDb.pool, {
        municipalityId: world.municipalityId,
        visitId: id,
        expectedVersion,
        by: 'Arbetsledare Norr',
        reason: 'Kunden ville inte',
        isLate: false,
        next: { ...content, state, services, declinedReason: state === 'declined' ? 'Sov' : null },
      });
    expect(await findServicesBeforeDecline(testDb.pool, world.municipalityId, id)).toBeUndefined();
    expect(await change(1, 'declined', [])).toBe(2);
    expect(await findServicesBeforeDecline(testDb.pool, world.municipalityId, id)).toEqual([
      'meals',
      'shower',
    ]);
    expect(await change(2, 'voided', [])).toBe(3);
    expect(await findServicesBeforeDecline(testDb.pool, world.municipalityId, id)).toEqual([
      'meals',
      'shower',
    ]);
    expect(await findServicesBeforeDecline(testDb.pool, world.otherMunicipalityId, id)).toBeUndefined();
  });

  it('knows whether a provider serves a customer that day and which staff are its own', async () => {
    const day = at('2026-03-02T08:00:00Z');
    expect(
      await readVisitReferences(
        testDb.pool,
        world.municipalityId,
        world.northId,
        world.gunId,
        [world.staffId],
        day,
      ),
    ).toEqual({ isCustomerServed: true, providerStaffIds: [world.staffId] });
    expect(
      await readVisitReferences(
        testDb.pool,
        world.municipalityId,
        world.southId,
        world.gunId,
        [world.staffId],
        day,
      ),
    ).toEqual({ isCustomerServed: false, providerStaffIds: [] });
  });

  it('imports planned visits and granted time idempotently, and names rows of unserved customers', async () => {
    const planned = {
      externalId: 'TES-1',
      customerId: world.gunId,
      providerId: world.northId,
      services: ['meals'],
      plannedMinutes: 30,
      staffCount: 1,
      windowStart: at('2026-03-03T07:00:00Z'),
      windowEnd: at('2026-03-03T09:00:00Z'),
    };
    expect(await upsertPlannedVisits(testDb.pool, world.municipalityId, [planned])).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    expect(await upsertPlannedVisits(testDb.pool, world.municipalityId, [planned])).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    expect(
      await upsertPlannedVisits(testDb.pool, world.municipalityId, [{ ...planned, plannedMinutes: 45 }]),
    ).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(
      await findUnservedPlannedVisits(testDb.pool, world.municipalityId, [
        planned,
        { ...planned, providerId: world.southId },
      ]),
    ).toEqual([1]);
    const granted = {
      customerId: world.gunId,
      service: 'meals',
      month: '2026-03-01',
      minutes: 900,
      decisionReference: null,
    };
    expect((await upsertGrantedTime(testDb.pool, world.municipalityId, [granted])).created).toBe(1);
    expect((await upsertGrantedTime(testDb.pool, world.municipalityId, [granted])).unchanged).toBe(1);
  });
});
