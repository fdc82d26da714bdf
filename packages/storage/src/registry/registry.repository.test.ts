import { randomUUID } from 'node:crypto';
import { findEntity, type Scope } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import {
  deleteEntity,
  findEntity as findRow,
  hasOverlappingAssignment,
  insertEntity,
  listChosenProviderIds,
  listEntities,
  scopeCondition,
  Params,
  updateEntity,
} from './registry.repository';
import { createRegistryWorld, type RegistryWorld } from './registry.testing';

const customer = findEntity('customer');
const membership = findEntity('team_membership');

let testDb: TestDatabase;
let world: RegistryWorld;
let wholeMunicipality: Scope;
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
  wholeMunicipality = { kind: 'municipality', municipalityId: world.municipalityId };
});
afterAll(async () => testDb.drop());

const list = (scope: Scope, query: Partial<Parameters<typeof listEntities>[3]> = {}) =>
  listEntities(testDb.pool, customer, scope, {
    filters: {},
    sort: 'familyName',
    isDescending: false,
    limit: 50,
    ...query,
  });

describe('registry rows', () => {
  it('are written and read back in API terms (camelCase fields, ISO timestamps)', async () => {
    const id = await insertEntity(testDb.pool, customer, world.municipalityId, {
      districtId: world.districtId,
      givenName: 'Cecilia',
      familyName: 'Carlsson',
    });
    const row = await findRow(testDb.pool, customer, wholeMunicipality, id);
    expect(row).toMatchObject({ id, givenName: 'Cecilia', familyName: 'Carlsson', hasRefusedLock: false });
    expect(row!.hasIdentityNumber).toBe(false);
    expect(row!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);

    // Named under another municipality, the same id is not this row: nothing changes.
    const elsewhere = randomUUID();
    await updateEntity(testDb.pool, customer, elsewhere, id, { apartment: '9999' });
    await deleteEntity(testDb.pool, customer, elsewhere, id);
    expect((await findRow(testDb.pool, customer, wholeMunicipality, id))!.apartment).not.toBe('9999');

    await updateEntity(testDb.pool, customer, world.municipalityId, id, { apartment: '1101' });
    expect((await findRow(testDb.pool, customer, wholeMunicipality, id))!.apartment).toBe('1101');

    await deleteEntity(testDb.pool, customer, world.municipalityId, id);
    expect(await findRow(testDb.pool, customer, wholeMunicipality, id)).toBeUndefined();
  });

  it('are locked for update when asked, inside a transaction', async () => {
    const client = await testDb.pool.connect();
    try {
      await client.query('BEGIN');
      const row = await findRow(client, customer, wholeMunicipality, world.gunId, { isForUpdate: true });
      expect(row!.givenName).toBe('Gun');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });

  it('still referenced cannot be deleted (foreign key 23503)', async () => {
    await expect(
      deleteEntity(testDb.pool, findEntity('provider'), world.municipalityId, world.northId),
    ).rejects.toMatchObject({
      code: '23503',
    });
  });
});

describe('lists', () => {
  it('filter, search every word in any order, and sort', async () => {
    const all = await list(wholeMunicipality);
    expect(all.items.map((row) => row.familyName)).toEqual(['Ahmed', 'Berg']);
    expect((await list(wholeMunicipality, { isDescending: true })).items[0]!.familyName).toBe('Berg');
    expect((await list(wholeMunicipality, { search: 'ahmed, GUN' })).items.map((row) => row.id)).toEqual([
      world.gunId,
    ]);
    expect((await list(wholeMunicipality, { search: '100%_' })).items).toEqual([]);
    expect((await list(wholeMunicipality, { filters: { districtId: world.districtId } })).items).toHaveLength(
      2,
    );
  });

  it('carry each customer’s home address in the page’s own statement; a read carries it only when asked', async () => {
    const homeless = await insertEntity(testDb.pool, customer, world.municipalityId, {
      districtId: world.districtId,
      givenName: 'Cecilia',
      familyName: 'Carlsson',
    });
    try {
      const rows = (await list(wholeMunicipality)).items;
      expect(rows.map((row) => [row.familyName, row.residenceAddress])).toEqual([
        ['Ahmed', 'Sveavägen 1'],
        ['Berg', 'Sveavägen 1'],
        ['Carlsson', null],
      ]);
      const presented = await findRow(testDb.pool, customer, wholeMunicipality, world.gunId, {
        isPresented: true,
      });
      expect(presented!.residenceAddress).toBe('Sveavägen 1');
      // An audit snapshot records the row alone.
      expect(await findRow(testDb.pool, customer, wholeMunicipality, world.gunId)).not.toHaveProperty(
        'residenceAddress',
      );
    } finally {
      await deleteEntity(testDb.pool, customer, world.municipalityId, homeless);
    }
  });

  it('page by keyset: the last row’s sort key and id give the next page, each row once', async () => {
    const first = await list(wholeMunicipality, { limit: 1 });
    expect(first.hasMore).toBe(true);
    expect(first.lastSortKey).toBe('Ahmed');
    const second = await list(wholeMunicipality, {
      limit: 1,
      after: { sortKey: first.lastSortKey!, id: first.items[0]!.id as string },
    });
    expect(second.items.map((row) => row.familyName)).toEqual(['Berg']);
    expect(second.hasMore).toBe(false);
  });
});

describe('scopes', () => {
  it('a provider sees only the customers it serves now, not one it served until 2021', async () => {
    const north: Scope = {
      kind: 'provider',
      municipalityId: world.municipalityId,
      providerId: world.northId,
    };
    expect((await list(north)).items.map((row) => row.id)).toEqual([world.gunId]);
    expect(await findRow(testDb.pool, customer, north, world.bertilId)).toBeUndefined();
  });

  it('another municipality sees nothing of this one', async () => {
    const other: Scope = { kind: 'municipality', municipalityId: world.otherMunicipalityId };
    expect((await list(other)).items).toEqual([]);
    expect(await findRow(testDb.pool, customer, other, world.gunId)).toBeUndefined();
  });

  it('fail closed: a scope with no rule for the resource throws instead of listing', () => {
    const owner: Scope = {
      kind: 'owner',
      municipalityId: world.municipalityId,
      propertyOwnerId: world.gunId,
    };
    expect(() => scopeCondition('customer', owner, new Params())).toThrow(/No owner scope rule for customer/);
  });
});

describe('assignments and choices', () => {
  it('an overlapping membership of the same staff member in the same team is found; a later one is not', async () => {
    const values = { teamId: world.teamId, staffMemberId: world.staffId };
    const id = await insertEntity(testDb.pool, membership, world.municipalityId, {
      ...values,
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2026-02-01T00:00:00Z',
    });
    const candidate = (validFrom: string, validUntil: string | null) => ({
      // Not yet written: any id but the existing row's.
      id: '00000000-0000-4000-8000-000000000001',
      ...values,
      validFrom,
      validUntil,
    });
    expect(
      await hasOverlappingAssignment(
        testDb.pool,
        membership,
        world.municipalityId,
        ['teamId', 'staffMemberId'],
        candidate('2026-01-15T00:00:00Z', null),
      ),
    ).toBe(true);
    expect(
      await hasOverlappingAssignment(
        testDb.pool,
        membership,
        world.municipalityId,
        ['teamId', 'staffMemberId'],
        candidate('2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'),
      ),
    ).toBe(false);
    // A row never overlaps itself.
    const itself = await findRow(testDb.pool, membership, wholeMunicipality, id);
    expect(
      await hasOverlappingAssignment(
        testDb.pool,
        membership,
        world.municipalityId,
        ['teamId', 'staffMemberId'],
        itself!,
      ),
    ).toBe(false);
  });

  it('the providers a customer has chosen are those of services that have not ended', async () => {
    expect(await listChosenProviderIds(testDb.pool, world.municipalityId, world.bertilId)).toEqual([
      world.southId,
    ]);
    expect(await listChosenProviderIds(testDb.pool, world.municipalityId, world.gunId)).toEqual([
      world.northId,
    ]);
  });
});
