// The lock triggers' reads, the consent log, introductions and lock usage on real PostgreSQL
// (docs/work-orders.md "Triggers, consent and introductions").
import { findEntity } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertEntity, updateEntity } from '../registry/registry.repository';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';
import { insertLockConsent, listLockConsents } from './lock-consent.repository';
import {
  listUnstartedInstallOrders,
  readCustomerLockFacts,
  readDoorWithLock,
  readOtherResidentServices,
} from './lock-trigger.repository';
import { readCustomerLockStatus, readLockUsage } from './lock-usage.repository';
import {
  deleteProviderIntroduction,
  insertProviderIntroduction,
  isProviderServingFrom,
  listProviderIntroductions,
} from './provider-introduction.repository';
import { insertWorkOrders } from './work-order.repository';

let testDb: TestDatabase;
let world: RegistryWorld;
let lockId: string;
const at = new Date('2027-03-10T10:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
  const customer = findEntity('customer');
  // Gun and Bertil share the flat behind Port A; Gun's path runs through the entrance.
  for (const id of [world.gunId, world.bertilId])
    await updateEntity(testDb.pool, customer, world.municipalityId, id, {
      apartmentDoorId: world.apartmentDoorId,
    });
  await testDb.pool.query(
    'INSERT INTO access_path_step (customer_id, position, door_id) VALUES ($1, 0, $2), ($1, 1, $3)',
    [world.gunId, world.entranceId, world.apartmentDoorId],
  );
  lockId = await insertEntity(testDb.pool, findEntity('lock_device'), world.municipalityId, {
    lockType: 'cylinder_ring',
    serial: 'PV-ST-1',
    status: 'installed',
    doorId: world.apartmentDoorId,
  });
});
afterAll(async () => testDb.drop());

describe('the triggers’ facts', () => {
  it('reads a customer’s doors once each, in path order, with their locks and services', async () => {
    const facts = await readCustomerLockFacts(testDb.pool, world.municipalityId, world.gunId);
    expect(facts).toEqual({
      customerId: world.gunId,
      apartmentDoorId: world.apartmentDoorId,
      hasRefusedLock: false,
      services: [{ startsOn: '2020-01-01', endsOn: null }],
      doors: [
        { doorId: world.entranceId, kind: 'entrance', installedLockId: null },
        { doorId: world.apartmentDoorId, kind: 'apartment_door', installedLockId: lockId },
      ],
    });
    expect(
      await readCustomerLockFacts(testDb.pool, world.municipalityId, '00000000-0000-4000-8000-000000000000'),
    ).toBeUndefined();
    expect(await readDoorWithLock(testDb.pool, world.municipalityId, world.apartmentDoorId)).toEqual({
      doorId: world.apartmentDoorId,
      kind: 'apartment_door',
      installedLockId: lockId,
    });
  });

  it('reads who else lives behind a door, by apartment door or path', async () => {
    const others = await readOtherResidentServices(
      testDb.pool,
      world.municipalityId,
      [world.apartmentDoorId, world.entranceId],
      world.gunId,
    );
    expect(others.get(world.entranceId)).toBeUndefined();
    expect(others.get(world.apartmentDoorId)).toEqual([
      [
        expect.objectContaining({ startsOn: '2020-01-01' }),
        expect.objectContaining({ startsOn: '2020-01-01' }),
      ],
    ]);
  });

  it('takes the newest recorded decision as the refusal, and lists install orders not started', async () => {
    const consent = {
      municipalityId: world.municipalityId,
      customerId: world.bertilId,
      givenHow: 'phone' as const,
    };
    await insertLockConsent(testDb.pool, {
      ...consent,
      decision: 'refused',
      decidedOn: '2027-03-01',
      note: null,
      recordedBy: 'Lisa',
      recordedAt: at,
    });
    expect(
      (await readCustomerLockFacts(testDb.pool, world.municipalityId, world.bertilId))!.hasRefusedLock,
    ).toBe(true);
    await insertLockConsent(testDb.pool, {
      ...consent,
      decision: 'consented',
      decidedOn: '2027-03-05',
      note: 'Ändrade sig',
      recordedBy: 'Lisa',
      recordedAt: at,
    });
    expect(
      (await readCustomerLockFacts(testDb.pool, world.municipalityId, world.bertilId))!.hasRefusedLock,
    ).toBe(false);
    expect(
      (await listLockConsents(testDb.pool, world.municipalityId, world.bertilId)).map((row) => row.decision),
    ).toEqual(['consented', 'refused']);
    await insertWorkOrders(
      testDb.pool,
      world.municipalityId,
      [{ kind: 'install', doorId: world.entranceId, origin: 'service_granted', customerId: world.bertilId }],
      'system',
      at,
    );
    expect(
      (
        await listUnstartedInstallOrders(testDb.pool, world.municipalityId, { customerId: world.bertilId })
      ).map((order) => [order.doorKind, order.state]),
    ).toEqual([['entrance', 'requested']]);
    // A move of a lock onto the customer's home door is theirs too, the kind its target door's.
    await insertWorkOrders(
      testDb.pool,
      world.municipalityId,
      [
        {
          kind: 'move',
          doorId: world.entranceId,
          targetDoorId: world.apartmentDoorId,
          origin: 'customer_moved',
          customerId: world.bertilId,
        },
      ],
      'system',
      at,
    );
    expect(
      (
        await listUnstartedInstallOrders(testDb.pool, world.municipalityId, {
          customerId: world.bertilId,
          isMoveIncluded: true,
        })
      )
        .map((order) => [order.kind, order.doorKind, order.state])
        .sort(),
    ).toEqual([
      ['install', 'entrance', 'requested'],
      ['move', 'apartment_door', 'requested'],
    ]);
    // An install on the door that move brings a lock to is not made beside it.
    expect(
      await insertWorkOrders(
        testDb.pool,
        world.municipalityId,
        [
          {
            kind: 'install',
            doorId: world.apartmentDoorId,
            origin: 'service_granted',
            customerId: world.bertilId,
          },
        ],
        'system',
        at,
      ),
    ).toEqual([]);
  });
});

describe('introductions and usage', () => {
  it('is not in use until every serving provider is introduced by the day asked', async () => {
    expect(await readLockUsage(testDb.pool, world.municipalityId, lockId, '2027-03-10')).toEqual({
      isInUse: false,
      customersServed: 2,
      providersMissing: 2,
    });
    expect(
      await isProviderServingFrom(
        testDb.pool,
        world.municipalityId,
        world.gunId,
        world.northId,
        '2027-03-10',
      ),
    ).toBe(true);
    expect(
      await isProviderServingFrom(
        testDb.pool,
        world.municipalityId,
        world.bertilId,
        world.northId,
        '2027-03-10',
      ),
    ).toBe(false);
    for (const [customerId, providerId] of [
      [world.gunId, world.northId],
      [world.bertilId, world.southId],
    ] as const) {
      const made = await insertProviderIntroduction(testDb.pool, {
        municipalityId: world.municipalityId,
        customerId,
        providerId,
        introducedOn: '2027-03-08',
        recordedBy: 'Lisa',
        recordedAt: at,
      });
      expect(made?.introducedOn).toBe('2027-03-08');
    }
    expect(
      await insertProviderIntroduction(testDb.pool, {
        municipalityId: world.municipalityId,
        customerId: world.gunId,
        providerId: world.northId,
        introducedOn: '2027-03-09',
        recordedBy: 'Lisa',
        recordedAt: at,
      }),
    ).toBeUndefined();
    expect((await readLockUsage(testDb.pool, world.municipalityId, lockId, '2027-03-10')).isInUse).toBe(true);
    expect((await readLockUsage(testDb.pool, world.municipalityId, lockId, '2027-03-07')).isInUse).toBe(
      false,
    );
    const status = await readCustomerLockStatus(testDb.pool, world.municipalityId, world.gunId, '2027-03-10');
    expect(status.doors.map((door) => [door.kind, door.lockId, door.isInUse])).toEqual([
      ['entrance', null, false],
      ['apartment_door', lockId, true],
    ]);
    expect(status.providers).toEqual([
      { providerId: world.northId, name: 'Hemtjänst Nord', introducedOn: '2027-03-08' },
    ]);
    expect(
      (await listProviderIntroductions(testDb.pool, world.municipalityId, { providerId: world.southId })).map(
        (row) => row.customerId,
      ),
    ).toEqual([world.bertilId]);
    expect(
      await deleteProviderIntroduction(testDb.pool, world.municipalityId, world.bertilId, world.southId),
    ).toBe(true);
    expect((await readLockUsage(testDb.pool, world.municipalityId, lockId, '2027-03-10')).isInUse).toBe(
      false,
    );
  });
});
