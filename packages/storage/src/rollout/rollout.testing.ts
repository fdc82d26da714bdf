// A small rollout world for the storage tests, on the registry tests' world, at fixed days of
// 2026 (never "now"): two districts, consent on one property's two entrances, locks installed in
// April and June, providers introduced in May, July and August, one open install order, a night
// patrol, a door code that works 06–22 and one that works 07–21.
import { findEntity, type Resource } from '@portvakt/core';
import { insertRows } from '../platform/bulk-insert.repository';
import type { Queryable } from '../platform/queryable';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';
import { insertEntity, type WriteValues } from '../registry/registry.repository';

export interface RolloutWorld extends RegistryWorld {
  southDistrictId: string;
  portBId: string;
  bertilDoorId: string;
  southEntranceId: string;
  nightId: string;
  ceciliaId: string;
  entranceLockId: string;
  apartmentLockId: string;
}

let counter = 0;

export async function createRolloutWorld(db: Queryable): Promise<RolloutWorld> {
  const world = await createRegistryWorld(db);
  counter += 1;
  const m = world.municipalityId;
  const add = (resource: Resource, values: WriteValues) => insertEntity(db, findEntity(resource), m, values);
  await db.query(`UPDATE district SET rollout_start_quarter = '2026-Q3' WHERE id = $1`, [world.districtId]);
  const southDistrictId = await add('district', {
    code: `S${counter}`,
    name: 'Söder',
    rolloutStartQuarter: '2027-Q1',
  });
  const southProperty = await add('property', {
    districtId: southDistrictId,
    designation: `Mullvaden ${counter}`,
    streetAddress: 'Götgatan 9',
  });
  const southEntranceId = await add('door', {
    propertyId: southProperty,
    kind: 'entrance',
    label: 'Port 9',
    openingMethod: 'door_code',
    openingHours: [{ from: '07:00', to: '21:00' }],
  });
  const portBId = await add('door', { propertyId: world.propertyId, kind: 'entrance', label: 'Port B' });
  const bertilDoorId = await add('door', {
    propertyId: world.propertyId,
    kind: 'apartment_door',
    label: 'Lgh 1102',
  });
  await db.query(`UPDATE door SET opening_method = 'door_code', opening_hours = $2 WHERE id = $1`, [
    world.entranceId,
    JSON.stringify([{ from: '06:00', to: '22:00' }]),
  ]);
  const nightId = await add('provider', {
    name: `Nattpatrullen ${counter}`,
    ownership: 'municipal',
    kinds: ['night_patrol'],
    serviceWindows: { home_care: [{ from: '22:00', to: '07:00' }] },
  });
  const ceciliaId = await add('customer', {
    districtId: southDistrictId,
    givenName: 'Cecilia',
    familyName: 'Ek',
    residencePropertyId: southProperty,
  });
  await add('customer_service', {
    customerId: world.gunId,
    providerId: nightId,
    service: 'home_care',
    startsOn: '2026-01-01',
  });
  await add('customer_service', {
    customerId: ceciliaId,
    providerId: world.northId,
    service: 'safety_alarm',
    startsOn: '2026-01-01',
  });
  await db.query(`UPDATE customer SET apartment_door_id = $2 WHERE id = $1`, [
    world.gunId,
    world.apartmentDoorId,
  ]);
  await db.query(`UPDATE customer SET apartment_door_id = $2 WHERE id = $1`, [world.bertilId, bertilDoorId]);
  await insertRows(db, 'access_path_step', [
    { customer_id: world.gunId, position: 0, door_id: world.entranceId },
    { customer_id: world.gunId, position: 1, door_id: world.apartmentDoorId },
    { customer_id: world.bertilId, position: 0, door_id: world.entranceId },
    { customer_id: world.bertilId, position: 1, door_id: bertilDoorId },
    { customer_id: ceciliaId, position: 0, door_id: southEntranceId },
  ]);
  const lock = async (doorId: string, installedAt: string) =>
    add('lock_device', {
      lockType: 'cylinder_ring',
      serial: `RO-${counter}-${doorId.slice(0, 8)}`,
      status: 'installed',
      doorId,
      installedAt,
    });
  const entranceLockId = await lock(world.entranceId, '2026-04-10T09:00:00Z');
  const apartmentLockId = await lock(world.apartmentDoorId, '2026-06-05T09:00:00Z');
  await insertRows(db, 'provider_introduction', [
    {
      municipality_id: m,
      customer_id: world.gunId,
      provider_id: world.northId,
      introduced_on: '2026-05-01',
      recorded_by: 'test',
    },
    {
      municipality_id: m,
      customer_id: world.gunId,
      provider_id: nightId,
      introduced_on: '2026-07-01',
      recorded_by: 'test',
    },
    {
      municipality_id: m,
      customer_id: world.bertilId,
      provider_id: world.southId,
      introduced_on: '2026-08-01',
      recorded_by: 'test',
    },
  ]);
  await insertRows(db, 'entrance_consent', [
    {
      door_id: world.entranceId,
      municipality_id: m,
      status: 'consented',
      answered_at: '2026-03-01T10:00:00Z',
    },
    { door_id: portBId, municipality_id: m, status: 'asked', answered_at: null },
  ]);
  const order = (doorId: string, state: string, reference: string) => ({
    municipality_id: m,
    reference: `AO-${counter}-${reference}`,
    kind: 'install',
    state,
    door_id: doorId,
    origin: 'manual',
    created_by: 'test',
  });
  await insertRows(db, 'work_order', [order(bertilDoorId, 'planned', '1'), order(portBId, 'cancelled', '2')]);
  await add('digital_key', {
    providerId: world.northId,
    kind: 'hardware_key',
    serial: `RO-K${counter}`,
    holderStaffMemberId: world.staffId,
    status: 'active',
  });
  // Keys count from the day they were registered (docs/rollout.md): this world's from 2026.
  await db.query(`UPDATE digital_key SET created_at = '2026-01-01T08:00:00Z' WHERE municipality_id = $1`, [
    m,
  ]);
  return {
    ...world,
    southDistrictId,
    portBId,
    bertilDoorId,
    southEntranceId,
    nightId,
    ceciliaId,
    entranceLockId,
    apartmentLockId,
  };
}
