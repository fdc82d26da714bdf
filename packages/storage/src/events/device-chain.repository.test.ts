import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import {
  findDeviceEnrolments,
  insertChainHeads,
  listStoredRecords,
  lockDeviceChains,
  recordBlockListReports,
  replaceDeviceGaps,
  updateDeviceChains,
  updateLockBatteries,
} from './device-chain.repository';
import { createEventWorld, lockRecord, storeEvents, type EventWorld } from './events.testing';

let testDb: TestDatabase;
let world: EventWorld;
const genesis = new Uint8Array(32);
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
});
afterAll(async () => testDb.drop());

describe('device chains for ingest', () => {
  it('finds enrolments with the lock’s door and number, only in their municipality', async () => {
    const [lock] = await findDeviceEnrolments(testDb.pool, world.municipalityId, [
      world.lockDeviceId,
      randomUUID(),
    ]);
    expect(lock).toMatchObject({
      id: world.lockDeviceId,
      kind: 'lock',
      lockDeviceId: world.lockId,
      doorId: world.apartmentDoorId,
      lockNumber: world.lockNumber,
    });
    expect(await findDeviceEnrolments(testDb.pool, world.otherMunicipalityId, [world.lockDeviceId])).toEqual(
      [],
    );
  });

  it('creates a chain row at genesis, then reads back what an accepted batch wrote', async () => {
    const devices = [{ id: world.lockDeviceId, kind: 'lock' }];
    const [fresh] = await lockDeviceChains(testDb.pool, world.municipalityId, devices, genesis);
    expect(fresh).toMatchObject({ lastSequence: 0, storedRecords: 0, lastHead: null, samples: [], gaps: [] });
    expect(fresh!.lastHash).toEqual(genesis);

    const hash = new Uint8Array(32).fill(7);
    const head = new Uint8Array([1, 2, 3]);
    await updateDeviceChains(
      testDb.pool,
      world.municipalityId,
      [
        {
          deviceId: world.lockDeviceId,
          lastSequence: 9,
          lastHash: hash,
          lastHead: head,
          storedRecords: 6,
          samples: [4, -2],
          clockOffsetSeconds: -2,
          isClockOffsetDirect: false,
        },
      ],
      new Date('2026-01-10T08:00:00Z'),
    );
    await replaceDeviceGaps(
      testDb.pool,
      world.municipalityId,
      [world.lockDeviceId],
      [{ deviceId: world.lockDeviceId, first: 3, last: 5 }],
    );
    const [chain] = await lockDeviceChains(testDb.pool, world.municipalityId, devices, genesis);
    expect(chain).toMatchObject({ lastSequence: 9, storedRecords: 6, samples: [4, -2], gaps: [[3, 5]] });
    expect(chain!.lastHash).toEqual(hash);
    expect(chain!.lastHead).toEqual(head);

    await replaceDeviceGaps(testDb.pool, world.municipalityId, [world.lockDeviceId], []);
    const [closed] = await lockDeviceChains(testDb.pool, world.municipalityId, devices, genesis);
    expect(closed!.gaps).toEqual([]);
  });

  it('stores accepted heads on the head ledger', async () => {
    await insertChainHeads(
      testDb.pool,
      world.municipalityId,
      [
        {
          deviceId: world.lockDeviceId,
          first: 1,
          sequence: 9,
          hash: new Uint8Array(32),
          time: 1767950000,
          head: new Uint8Array([9]),
        },
      ],
      { at: new Date('2026-01-10T08:00:00Z'), sourceKind: 'sync_station', sourceDeviceId: randomUUID() },
    );
    const { rows } = await testDb.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM device_chain_head WHERE device_id = $1 AND ledger_seq IS NOT NULL',
      [world.lockDeviceId],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('reads stored records of the ranges asked for only', async () => {
    await storeEvents(
      testDb.pool,
      [1, 2, 3, 4].map((n) => lockRecord(world, n, `2026-01-05T0${n}:00:00Z`)),
    );
    const records = await listStoredRecords(testDb.pool, world.municipalityId, [
      { deviceId: world.lockDeviceId, first: 2, last: 3 },
    ]);
    expect(records.map((r) => r.sequence).sort()).toEqual([2, 3]);
    expect(await listStoredRecords(testDb.pool, world.municipalityId, [])).toEqual([]);
  });

  it('sets the battery level and keeps the highest block-list version a lock reported', async () => {
    await updateLockBatteries(testDb.pool, world.municipalityId, [
      { lockDeviceId: world.lockId, battery: 42 },
    ]);
    const at = Date.parse('2026-01-10T08:00:00Z');
    await recordBlockListReports(testDb.pool, world.municipalityId, [
      { lockDeviceId: world.lockId, version: 5, atMs: at },
    ]);
    await recordBlockListReports(testDb.pool, world.municipalityId, [
      { lockDeviceId: world.lockId, version: 4, atMs: at + 60_000 },
    ]);
    const { rows } = await testDb.pool.query<{ battery: number; version: number }>(
      `SELECT l.battery_level AS battery, r.version FROM lock_device l
       JOIN lock_block_list_report r ON r.lock_device_id = l.id WHERE l.id = $1`,
      [world.lockId],
    );
    expect(rows[0]).toEqual({ battery: 42, version: 5 });
  });
});
