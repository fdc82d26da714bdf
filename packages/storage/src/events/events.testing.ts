// A small event log for the storage tests, on the registry tests' world: North's key and staff
// member, a lock on Gun's apartment door (her way in: entrance, apartment door), both enrolled,
// and helpers to store records. Times are fixed instants in January 2026 (never "now").
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { insertRows } from '../platform/bulk-insert.repository';
import { withTransaction } from '../platform/transaction';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';
import { copyEventRows, type DeviceEventRow } from './event-log.repository';

export interface EventWorld extends RegistryWorld {
  lockId: string;
  lockNumber: number;
  /** The lock's enrolment: the device id of its records. */
  lockDeviceId: string;
  keyId: string;
  /** The key's enrolment id (the key id itself). */
  keyDeviceId: string;
  pseudonym: string;
}

export const jwk = { kty: 'EC' as const, crv: 'P-256' as const, x: 'A'.repeat(43), y: 'B'.repeat(43) };

let counter = 0;

export async function createEventWorld(pool: pg.Pool): Promise<EventWorld> {
  const world = await createRegistryWorld(pool);
  counter += 1;
  const lockId = randomUUID();
  const lockNumber = 40 + counter;
  await insertRows(pool, 'lock_device', [
    {
      id: lockId,
      municipality_id: world.municipalityId,
      lock_type: 'cylinder_ring',
      serial: `EV-L${counter}-${lockId.slice(0, 8)}`,
      status: 'installed',
      door_id: world.apartmentDoorId,
      lock_number: lockNumber,
      battery_level: 90,
    },
  ]);
  const keyId = randomUUID();
  await insertRows(pool, 'digital_key', [
    {
      id: keyId,
      municipality_id: world.municipalityId,
      provider_id: world.northId,
      kind: 'hardware_key',
      serial: `EV-K${counter}-${keyId.slice(0, 8)}`,
    },
  ]);
  const lockDeviceId = randomUUID();
  await insertRows(pool, 'device_enrolment', [
    {
      id: lockDeviceId,
      municipality_id: world.municipalityId,
      kind: 'lock',
      lock_device_id: lockId,
      digital_key_id: null,
      public_jwk: JSON.stringify(jwk),
      enrolled_by: 'test',
    },
    {
      id: keyId,
      municipality_id: world.municipalityId,
      kind: 'key',
      lock_device_id: null,
      digital_key_id: keyId,
      public_jwk: JSON.stringify(jwk),
      enrolled_by: 'test',
    },
  ]);
  await pool.query('UPDATE customer SET apartment_door_id = $2 WHERE id = $1', [
    world.gunId,
    world.apartmentDoorId,
  ]);
  for (const [position, doorId] of [world.entranceId, world.apartmentDoorId].entries())
    await pool.query('INSERT INTO access_path_step (customer_id, position, door_id) VALUES ($1, $2, $3)', [
      world.gunId,
      position,
      doorId,
    ]);
  const { rows } = await pool.query<{ pseudonym: string }>(
    'SELECT pseudonym FROM staff_member WHERE id = $1',
    [world.staffId],
  );
  return {
    ...world,
    lockId,
    lockNumber,
    lockDeviceId,
    keyId,
    keyDeviceId: keyId,
    pseudonym: rows[0]!.pseudonym,
  };
}

/** An open attempt at the world's lock by its staff member with its key (verified unless said). */
export function lockRecord(
  world: EventWorld,
  sequence: number,
  at: string,
  options: { isRefused?: boolean; verified?: boolean | null } = {},
): DeviceEventRow {
  const time = new Date(at);
  return {
    municipalityId: world.municipalityId,
    deviceId: world.lockDeviceId,
    sequence,
    occurredAt: time,
    deviceTime: time,
    receivedAt: time,
    kind: 1,
    result: options.isRefused ? 1 : 0,
    reason: options.isRefused ? 4 : 0,
    battery: 80,
    keyId: world.keyId,
    staffPseudonym: world.pseudonym,
    lockNumber: world.lockNumber,
    lockDeviceId: world.lockId,
    doorId: world.apartmentDoorId,
    source: 'sync_station',
    record: new Uint8Array([sequence % 256, 1, 2, 3]),
    verified: options.verified === undefined ? true : options.verified,
  };
}

/** Stores rows as ingest does (COPY in a transaction). */
export async function storeEvents(pool: pg.Pool, rows: DeviceEventRow[]): Promise<void> {
  await withTransaction(pool, (client) => copyEventRows(client, rows));
}
