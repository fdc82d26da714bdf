import { findEntity, type Scope } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertEntity } from '../registry/index';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';
import { replaceAccessPath } from './access-path.repository';
import {
  isLockInScope,
  loadPermissionFacts,
  readCustomerPermissionContext,
  readPermissionFactsVersion,
} from './permission-facts.repository';

let testDb: TestDatabase;
let world: RegistryWorld;
let other: RegistryWorld;
let lockId: string;
const municipality = (): Scope => ({ kind: 'municipality', municipalityId: world.municipalityId });
const provider = (providerId: string): Scope => ({
  kind: 'provider',
  municipalityId: world.municipalityId,
  providerId,
});

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
  other = await createRegistryWorld(testDb.pool);
  lockId = await insertEntity(testDb.pool, findEntity('lock_device'), world.municipalityId, {
    lockType: 'cylinder_ring',
    serial: 'L-ap-1',
    status: 'installed',
    doorId: world.apartmentDoorId,
  });
  await replaceAccessPath(testDb.pool, world.municipalityId, world.gunId, [
    world.entranceId,
    world.apartmentDoorId,
  ]);
});
afterAll(async () => testDb.drop());

async function readVersions(): Promise<{ own: number; other: number }> {
  return {
    own: await readPermissionFactsVersion(testDb.pool, world.municipalityId),
    other: await readPermissionFactsVersion(testDb.pool, other.municipalityId),
  };
}

describe('permission facts repository', () => {
  it('loads one municipality’s facts from one snapshot, with the version they correspond to', async () => {
    const { version, facts } = await loadPermissionFacts(testDb.pool, world.municipalityId);
    expect(version).toBe(await readPermissionFactsVersion(testDb.pool, world.municipalityId));
    expect(facts.customers.map((c) => c.name).sort()).toEqual(['Bertil Berg', 'Gun Ahmed']);
    expect(facts.staff).toEqual([
      {
        id: world.staffId,
        providerId: world.northId,
        name: 'Anna Lind',
        employmentStartsOn: '2020-01-01',
        employmentEndsOn: null,
      },
    ]);
    expect(facts.accessPaths).toEqual([
      { customerId: world.gunId, doorIds: [world.entranceId, world.apartmentDoorId] },
    ]);
    expect(facts.locks).toEqual([{ id: lockId, doorId: world.apartmentDoorId }]);
    expect(facts.services.filter((s) => s.customerId === world.bertilId)).toHaveLength(2);
    // Nothing of the neighbouring municipality.
    const ids = new Set(facts.customers.map((c) => c.id));
    expect(ids.has(other.gunId)).toBe(false);
  });

  it('bumps the version of the municipality whose fact changed, and no other municipality’s', async () => {
    const before = await readVersions();
    await insertEntity(testDb.pool, findEntity('team_customer'), world.municipalityId, {
      teamId: world.teamId,
      customerId: world.gunId,
      grantedBy: 'test',
    });
    const after = await readVersions();
    expect(after.own).toBeGreaterThan(before.own);
    expect(after.other).toBe(before.other);
  });

  it('bumps a municipality once for a statement of many rows, and for an access path through its customer', async () => {
    const before = await readVersions();
    await testDb.pool.query(
      `UPDATE customer SET municipality_id = municipality_id WHERE municipality_id = $1`,
      [world.municipalityId],
    );
    expect((await readVersions()).own).toBe(before.own + 1);
    await replaceAccessPath(testDb.pool, world.municipalityId, world.gunId, [world.apartmentDoorId]);
    const after = await readVersions();
    expect(after.own).toBeGreaterThan(before.own + 1);
    expect(after.other).toBe(before.other);
    await replaceAccessPath(testDb.pool, world.municipalityId, world.gunId, [
      world.entranceId,
      world.apartmentDoorId,
    ]);
  });

  it('leaves the version alone for a battery reading, and bumps it when a lock’s status changes', async () => {
    const before = await readVersions();
    await testDb.pool.query('UPDATE lock_device SET battery_level = 80 WHERE id = $1', [lockId]);
    expect(await readVersions()).toEqual(before);
    await testDb.pool.query(`UPDATE lock_device SET status = 'faulty' WHERE id = $1`, [lockId]);
    expect((await readVersions()).own).toBe(before.own + 1);
    await testDb.pool.query(`UPDATE lock_device SET status = 'installed' WHERE id = $1`, [lockId]);
  });

  it('lets two municipalities change permissions at once: neither waits for the other’s version', async () => {
    const first = await testDb.pool.connect();
    const second = await testDb.pool.connect();
    try {
      await first.query('BEGIN');
      await first.query(`UPDATE team SET name = name WHERE municipality_id = $1`, [world.municipalityId]);
      // With one version row for all, this write would wait for the first transaction to end.
      await second.query('BEGIN');
      await second.query(`SET LOCAL lock_timeout = '2s'`);
      await second.query(`UPDATE team SET name = name WHERE municipality_id = $1`, [other.municipalityId]);
      await second.query('COMMIT');
    } finally {
      await first.query('ROLLBACK');
      first.release();
      second.release();
    }
  });

  it('reads whether a customer is in scope together with the version', async () => {
    const version = await readPermissionFactsVersion(testDb.pool, world.municipalityId);
    expect(await readCustomerPermissionContext(testDb.pool, municipality(), world.gunId)).toEqual({
      version,
      isVisible: true,
    });
    // South does not serve Gun; the other municipality's customer is nobody's here.
    const south = await readCustomerPermissionContext(testDb.pool, provider(world.southId), world.gunId);
    expect(south.isVisible).toBe(false);
    expect((await readCustomerPermissionContext(testDb.pool, municipality(), other.gunId)).isVisible).toBe(
      false,
    );
  });

  it('keeps explain to locks in scope: a provider’s customers’ ways in, not another provider’s', async () => {
    expect(await isLockInScope(testDb.pool, municipality(), lockId)).toBe(true);
    expect(await isLockInScope(testDb.pool, provider(world.northId), lockId)).toBe(true);
    expect(await isLockInScope(testDb.pool, provider(world.southId), lockId)).toBe(false);
    const otherScope: Scope = { kind: 'municipality', municipalityId: other.municipalityId };
    expect(await isLockInScope(testDb.pool, otherScope, lockId)).toBe(false);
  });
});
