// An order's reference says nothing of the other orders (docs/work-orders.md "References"): random
// per order, unique per municipality, and the counted references of orders made before migration
// 0065 replaced by random ones in their own year, with the old number kept and its mentions moved,
// on real PostgreSQL.
import { workOrderReferencePattern } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, type EventWorld } from '../events/events.testing';
import { loadMigrations } from '../platform/migrate';
import { createRegistryWorld } from '../registry/registry.testing';
import { createTestDatabase, readReferenceCodeValue, type TestDatabase } from '../platform/testing';
import { insertWorkOrders, type NewWorkOrder } from './work-order.repository';

let testDb: TestDatabase;
let world: EventWorld;
const at = new Date('2027-02-01T08:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
}, 120_000);
afterAll(async () => testDb.drop());

/** One repair on `doorId`, closed at once so the next on the door may be made. */
const order = async (
  doorId: string,
  drawRandomBytes?: (size: number) => Uint8Array,
  municipalityId = world.municipalityId,
) => {
  const row: NewWorkOrder = { kind: 'repair', doorId, origin: 'manual' };
  const made = await insertWorkOrders(testDb.pool, municipalityId, [row], 'Lisa', at, drawRandomBytes);
  await testDb.pool.query(`UPDATE work_order SET state = 'cancelled' WHERE id = ANY($1)`, [
    made.map((each) => each.id),
  ]);
  return made[0]!;
};

describe('work order references', () => {
  it('tells whoever sees two orders nothing of the orders others got between them', async () => {
    // The entrance's orders are one property owner's, or one locksmith company's; the apartment
    // door's everybody else's.
    const first = await order(world.entranceId);
    const between = [];
    for (let index = 0; index < 7; index += 1) between.push(await order(world.apartmentDoorId));
    const second = await order(world.entranceId);
    const all = [first, ...between, second].map((made) => made.reference);
    for (const reference of all) {
      expect(reference).toMatch(workOrderReferencePattern);
      expect(reference).toMatch(/^AO-2027-/);
    }
    expect(new Set(all).size).toBe(all.length);
    // Not one after the other, nor the count between them apart, nor in the order they were made.
    const gap = readReferenceCodeValue(second.reference) - readReferenceCodeValue(first.reference);
    expect([1, between.length + 1]).not.toContain(gap);
    const values = all.map(readReferenceCodeValue);
    const ascending = [...values].sort((a, b) => a - b);
    expect(values).not.toEqual(ascending);
    expect(values).not.toEqual([...ascending].reverse());
  });

  it('draws another code when one is taken in the municipality, and may repeat one of another municipality', async () => {
    const same = () => new Uint8Array(6).fill(7);
    expect((await order(world.entranceId, same)).reference).toBe('AO-2027-777777');
    const draws = [same(), same(), new Uint8Array(6).fill(8)];
    expect((await order(world.entranceId, () => draws.shift()!)).reference).toBe('AO-2027-888888');
    expect(draws).toEqual([]);
    const other = await createRegistryWorld(testDb.pool);
    expect((await order(other.entranceId, same, other.municipalityId)).reference).toBe('AO-2027-777777');
  });

  it('skips an order its door already has open without drawing again', async () => {
    const open = {
      kind: 'battery' as const,
      doorId: world.apartmentDoorId,
      origin: 'battery_round' as const,
    };
    const draws = [new Uint8Array(6).fill(9), new Uint8Array(6).fill(10)];
    const draw = () => draws.shift()!;
    const [made] = await insertWorkOrders(testDb.pool, world.municipalityId, [open], 'system', at, draw);
    expect(made!.reference).toBe('AO-2027-999999');
    expect(await insertWorkOrders(testDb.pool, world.municipalityId, [open], 'system', at, draw)).toEqual([]);
    expect(draws).toHaveLength(0);
    await testDb.pool.query(`UPDATE work_order SET state = 'cancelled' WHERE id = $1`, [made!.id]);
  });
});

describe('migration 0065: counted references replaced', () => {
  it('gives every order made before a random reference in its year, keeps its number, and moves what names it', async () => {
    const insertCounted = async (reference: string, kind: string, doorId: string, lockId: string | null) =>
      (
        await testDb.pool.query<{ id: string }>(
          `INSERT INTO work_order (municipality_id, reference, kind, state, door_id, lock_device_id, origin, created_by)
           VALUES ($1, $2, $3, 'done', $4, $5, 'manual', 'Eva') RETURNING id`,
          [world.municipalityId, reference, kind, doorId, lockId],
        )
      ).rows[0]!.id;
    const install = await insertCounted('AO-2026-000007', 'install', world.entranceId, world.lockId);
    const battery = await insertCounted('AO-2027-000008', 'battery', world.apartmentDoorId, null);
    await testDb.pool.query(`UPDATE device_enrolment SET label = 'AO-2026-000007' WHERE id = $1`, [
      world.lockDeviceId,
    ]);
    const supportCase = (
      await testDb.pool.query<{ id: string }>(
        `INSERT INTO support_case (municipality_id, reference, category, title, raised_by, raised_by_role)
         VALUES ($1, 'SUP-2027-Q7Q7Q7', 'lock_fault', 'Nödöppning', 'Eva', 'support') RETURNING id`,
        [world.municipalityId],
      )
    ).rows[0]!.id;
    const note = async (kind: string, body: string, params: unknown) =>
      (
        await testDb.pool.query<{ id: string }>(
          `INSERT INTO support_case_note (municipality_id, support_case_id, kind, body, params, author)
           VALUES ($1, $2, $3, $4, $5, 'Sara') RETURNING id`,
          [world.municipalityId, supportCase, kind, body, params],
        )
      ).rows[0]!.id;
    const fact = await note('follow_up_opened', '', {
      followUp: 'work_order',
      reference: 'AO-2027-000008',
      workOrderKind: 'battery',
    });
    const existing = await note('follow_up_opened', '', {
      followUp: 'work_order',
      reference: null,
      workOrderKind: 'repair',
    });
    const sentence = await note('link', 'Uppföljning: arbetsorder AO-2027-000008 (battery)', null);
    const written = await note('note', 'Ring om AO-2027-000008', null);
    const read = async () => ({
      orders: (
        await testDb.pool.query(
          `SELECT id, reference, former_reference AS "formerReference" FROM work_order WHERE id = ANY($1) ORDER BY id`,
          [[install, battery, random.id]],
        )
      ).rows,
      notes: Object.fromEntries(
        (
          await testDb.pool.query(`SELECT id, body, params FROM support_case_note WHERE id = ANY($1)`, [
            [fact, existing, sentence, written],
          ])
        ).rows.map((row) => [row.id, [row.body, row.params]]),
      ),
      label: (
        await testDb.pool.query(`SELECT label FROM device_enrolment WHERE id = $1`, [world.lockDeviceId])
      ).rows[0]!.label as string,
      isCounting: (await testDb.pool.query(`SELECT to_regclass('work_order_number') IS NOT NULL AS "is"`))
        .rows[0]!.is as boolean,
    });
    const random = await order(world.entranceId);
    // A database as the migration finds it: the orders were numbered from one sequence.
    await testDb.superuser.query('CREATE SEQUENCE IF NOT EXISTS work_order_number');
    const migration = (await loadMigrations()).find((file) => file.version === '0065')!;
    await testDb.superuser.query(migration.sql);
    const once = await read();
    const byId = new Map(once.orders.map((row) => [row.id as string, row]));
    const installRef = byId.get(install)!.reference as string;
    const batteryRef = byId.get(battery)!.reference as string;
    expect(byId.get(install)).toMatchObject({ formerReference: 'AO-2026-000007' });
    expect(installRef).toMatch(workOrderReferencePattern);
    expect(installRef).toMatch(/^AO-2026-/);
    expect(byId.get(battery)).toMatchObject({ formerReference: 'AO-2027-000008' });
    expect(batteryRef).toMatch(/^AO-2027-/);
    expect(batteryRef).not.toBe('AO-2027-000008');
    expect(byId.get(random.id)).toMatchObject({ reference: random.reference, formerReference: null });
    expect(once.notes).toEqual({
      [fact]: ['', { followUp: 'work_order', reference: batteryRef, workOrderKind: 'battery' }],
      [existing]: ['', { followUp: 'work_order', reference: null, workOrderKind: 'repair' }],
      [sentence]: [`Uppföljning: arbetsorder ${batteryRef} (battery)`, null],
      // A person's words stay as written: the order keeps the number they name.
      [written]: ['Ring om AO-2027-000008', null],
    });
    expect(once.label).toBe(installRef);
    expect(once.isCounting).toBe(false);
    // Running it again changes nothing, not even an order whose random code is all digits.
    const digits = await order(world.entranceId, () => new Uint8Array(6).fill(1));
    expect(digits.reference).toBe('AO-2027-111111');
    await testDb.superuser.query(migration.sql);
    expect(await read()).toEqual(once);
    const again = await testDb.pool.query(
      `SELECT reference, former_reference FROM work_order WHERE id = $1`,
      [digits.id],
    );
    expect(again.rows[0]).toEqual({ reference: 'AO-2027-111111', former_reference: null });
  });
});
