// Key cabinets' SQL on real PostgreSQL: counts in the registry view, scope by provider, the take
// projection from the cabinet's records (a take closes the authorised take, a return the key out,
// a record with no take comes back unmatched, nor does one for a take whose key left the slot), and
// one open take per slot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, type EventWorld } from '../events/events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertBackupKeyForTest } from './backup-key.testing';
import { findKeyCabinet, insertKeyCabinet, listKeyCabinets } from './key-cabinet.repository';
import {
  findOpenTake,
  insertTake,
  projectCabinetRecords,
  type CabinetRecord,
} from './key-cabinet-take.repository';

let testDb: TestDatabase;
let world: EventWorld;
let cabinetId: string;
let pseudonym: string;
const at = new Date('2027-02-01T08:00:00Z');
const minutes = (n: number) => new Date(at.getTime() + n * 60_000);

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  cabinetId = await insertKeyCabinet(
    testDb.pool,
    {
      municipalityId: world.municipalityId,
      providerId: world.northId,
      name: 'Skåp Nord',
      location: null,
      slotCount: 6,
    },
    at,
  );
  for (const slot of [1, 2])
    await insertBackupKeyForTest(testDb.pool, {
      municipalityId: world.municipalityId,
      customerId: world.gunId,
      providerId: world.northId,
      doorId: world.apartmentDoorId,
      keyCabinetId: cabinetId,
      slot,
    });
  const { rows } = await testDb.pool.query<{ pseudonym: string }>(
    'SELECT pseudonym FROM staff_member WHERE id = $1',
    [world.staffId],
  );
  pseudonym = rows[0]!.pseudonym;
});
afterAll(async () => testDb.drop());

const record = (
  sequence: number,
  kind: CabinetRecord['kind'],
  slot: number,
  minute: number,
): CabinetRecord => ({
  keyCabinetId: cabinetId,
  sequence,
  kind,
  slot,
  atMs: minutes(minute).getTime(),
  staffPseudonym: pseudonym,
});

describe('key cabinet takes', () => {
  it('closes the authorised take from the take and return records; unmatched records come back', async () => {
    const { rows } = await testDb.pool.query<{ id: string }>('SELECT id FROM backup_key WHERE slot = 1');
    const takeId = await insertTake(
      testDb.pool,
      {
        municipalityId: world.municipalityId,
        keyCabinetId: cabinetId,
        slot: 1,
        backupKeyId: rows[0]!.id,
        staffMemberId: world.staffId,
        reason: 'planned',
        reasonText: null,
        supportCaseId: null,
      },
      at,
    );
    const taken = await projectCabinetRecords(testDb.pool, world.municipalityId, [
      record(1, 'key-taken', 1, 1),
      record(2, 'key-taken', 2, 2),
    ]);
    expect(taken.unmatched.map((r) => r.sequence)).toEqual([2]);
    expect(taken.otherStaff).toEqual([]);
    // Slot 2's key is out all the same, on a take no one authorised (migration 0060).
    expect(taken.unauthorised.map((r) => r.sequence)).toEqual([2]);
    expect(await findOpenTake(testDb.pool, world.municipalityId, cabinetId, 2)).toMatchObject({
      takenAt: minutes(2),
    });
    expect(await findOpenTake(testDb.pool, world.municipalityId, cabinetId, 1)).toMatchObject({
      id: takeId,
      takenAt: minutes(1),
    });

    const view = () =>
      listKeyCabinets(testDb.pool, {
        municipalityId: world.municipalityId,
        now: minutes(300),
        keyOutLimitMinutes: 240,
      });
    expect(await view()).toEqual([
      expect.objectContaining({ keysHeld: 2, keysOut: 2, overdue: 2, isEnrolled: false }),
    ]);

    const returned = await projectCabinetRecords(testDb.pool, world.municipalityId, [
      record(3, 'key-returned', 1, 30),
      record(4, 'key-returned', 1, 31),
      record(6, 'key-returned', 2, 32),
    ]);
    expect(returned.unmatched.map((r) => r.sequence)).toEqual([4]);
    expect(await findOpenTake(testDb.pool, world.municipalityId, cabinetId, 2)).toBeUndefined();
    expect(await findOpenTake(testDb.pool, world.municipalityId, cabinetId, 1)).toBeUndefined();
    const { rows: closed } = await testDb.pool.query(
      'SELECT take_sequence, return_sequence, returned_at FROM key_cabinet_take WHERE id = $1',
      [takeId],
    );
    expect(closed[0]).toEqual({ take_sequence: 1, return_sequence: 3, returned_at: minutes(30) });
    expect(await view()).toEqual([expect.objectContaining({ keysOut: 0, overdue: 0 })]);
  });

  it('keeps one open take per slot, and a provider sees only its cabinets', async () => {
    const { rows } = await testDb.pool.query<{ id: string }>('SELECT id FROM backup_key WHERE slot = 2');
    const take = {
      municipalityId: world.municipalityId,
      keyCabinetId: cabinetId,
      slot: 2,
      backupKeyId: rows[0]!.id,
      staffMemberId: world.staffId,
      reason: 'other',
      reasonText: 'Städning',
      supportCaseId: null,
    };
    await insertTake(testDb.pool, take, at);
    await expect(insertTake(testDb.pool, take, at)).rejects.toThrow(/key_cabinet_take_one_out/);
    const filter = { municipalityId: world.municipalityId, id: cabinetId, now: at, keyOutLimitMinutes: 240 };
    expect(await findKeyCabinet(testDb.pool, { ...filter, providerId: world.southId })).toBeUndefined();
    expect(await findKeyCabinet(testDb.pool, { ...filter, providerId: world.northId })).toMatchObject({
      providerName: 'Hemtjänst Nord',
    });
  });

  it('closes by a take record only a take of the key still held in the slot, never of one that left it', async () => {
    const gone = await insertBackupKeyForTest(testDb.pool, {
      municipalityId: world.municipalityId,
      customerId: world.gunId,
      providerId: world.northId,
      doorId: world.apartmentDoorId,
      keyCabinetId: cabinetId,
      slot: 3,
      label: 'Lämnad tillbaka',
    });
    const takeId = await insertTake(
      testDb.pool,
      {
        municipalityId: world.municipalityId,
        keyCabinetId: cabinetId,
        slot: 3,
        backupKeyId: gone,
        staffMemberId: world.staffId,
        reason: 'planned',
        reasonText: null,
        supportCaseId: null,
      },
      at,
    );
    await testDb.pool.query(
      `UPDATE backup_key SET status = 'returned', returned_on = '2027-02-01' WHERE id = $1`,
      [gone],
    );
    await insertBackupKeyForTest(testDb.pool, {
      municipalityId: world.municipalityId,
      customerId: world.gunId,
      providerId: world.northId,
      doorId: world.apartmentDoorId,
      keyCabinetId: cabinetId,
      slot: 3,
      label: 'Nästa nyckel',
    });
    const taken = await projectCabinetRecords(testDb.pool, world.municipalityId, [
      record(5, 'key-taken', 3, 2),
    ]);
    expect(taken.unmatched.map((r) => r.sequence)).toEqual([5]);
    const { rows } = await testDb.pool.query('SELECT taken_at FROM key_cabinet_take WHERE id = $1', [takeId]);
    expect(rows[0]).toEqual({ taken_at: null });
  });
});
