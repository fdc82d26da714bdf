import { workOrderReferencePattern } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, type EventWorld } from '../events/events.testing';
import { loadMigrations } from '../platform/migrate';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertWorkOrders, transitionWorkOrder } from './work-order.repository';

let testDb: TestDatabase;
let world: EventWorld;
const at = new Date('2027-02-01T08:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
});
afterAll(async () => testDb.drop());

describe('work orders', () => {
  it('makes one open order of a kind per door however often a trigger fires', async () => {
    const order = { kind: 'install' as const, doorId: world.entranceId, origin: 'service_granted' as const };
    const first = await insertWorkOrders(testDb.pool, world.municipalityId, [order], 'system', at);
    const again = await insertWorkOrders(testDb.pool, world.municipalityId, [order], 'system', at);
    expect(first).toHaveLength(1);
    expect(first[0]!.reference).toMatch(workOrderReferencePattern);
    expect(first[0]!.reference).toMatch(/^AO-2027-/);
    expect(again).toEqual([]);
    const { rows } = await testDb.pool.query(
      `SELECT from_state, to_state, reason, reason_kind, reason_params, actor
       FROM work_order_transition WHERE work_order_id = $1`,
      [first[0]!.id],
    );
    expect(rows).toEqual([
      {
        from_state: null,
        to_state: 'requested',
        reason: null,
        reason_kind: 'origin',
        reason_params: { origin: 'service_granted' },
        actor: 'system',
      },
    ]);
  });

  it('moves an order only from the state and version the caller saw', async () => {
    const [order] = await insertWorkOrders(
      testDb.pool,
      world.municipalityId,
      [{ kind: 'repair', doorId: world.apartmentDoorId, origin: 'manual' }],
      'Lisa Låsansvarig',
      at,
    );
    const change = {
      municipalityId: world.municipalityId,
      workOrderId: order!.id,
      from: 'requested' as const,
      to: 'planned' as const,
      reason: null,
    };
    const later = new Date(at.getTime() + 60_000);
    expect(
      await transitionWorkOrder(testDb.pool, { ...change, expectedVersion: 1, actor: 'Lisa', at: later }),
    ).toBe(true);
    expect(
      await transitionWorkOrder(testDb.pool, { ...change, expectedVersion: 1, actor: 'Lisa', at: later }),
    ).toBe(false);
    const { rows } = await testDb.pool.query('SELECT state, version FROM work_order WHERE id = $1', [
      order!.id,
    ]);
    expect(rows[0]).toEqual({ state: 'planned', version: 2 });
  });
});

describe("what the server wrote into an order's history before migration 0051", () => {
  const installed = 'A lock was installed on the door outside this order.';
  const refused = 'The customer refused a lock on 2027-03-08 (R6.2).';
  const withdrew = 'The customer withdrew their consent to a lock on 2027-03-09 (R6.2).';
  const history = async (id: string) =>
    (
      await testDb.superuser.query(
        `SELECT to_state AS "to", reason, reason_kind AS "kind", reason_params AS "params"
         FROM work_order_transition WHERE work_order_id = $1 ORDER BY id`,
        [id],
      )
    ).rows;
  const stateReason = async (id: string) =>
    (await testDb.superuser.query('SELECT state_reason FROM work_order WHERE id = $1', [id])).rows[0]
      .state_reason;

  it("converts the server's origin codes and sentences and leaves a person's text alone", async () => {
    const made = await insertWorkOrders(
      testDb.pool,
      world.municipalityId,
      [
        { kind: 'battery', doorId: world.entranceId, origin: 'battery_round' },
        { kind: 'dismount', doorId: world.entranceId, origin: 'customer_moved' },
        { kind: 'cylinder_change', doorId: world.entranceId, origin: 'service_ended' },
        { kind: 'battery', doorId: world.apartmentDoorId, origin: 'manual' },
        { kind: 'cylinder_change', doorId: world.apartmentDoorId, origin: 'battery_round' },
        { kind: 'dismount', doorId: world.apartmentDoorId, origin: 'manual' },
      ],
      'system',
      at,
    );
    const [battery, moved, dismount, manual, cancelledByHand, lookAlike] = made.map((order) => order.id) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    // As the server wrote them before: the origin's code as the first reason, English sentences
    // on the orders it cancelled (also in state_reason).
    await testDb.superuser.query(
      `UPDATE work_order_transition t SET reason_kind = 'text', reason_params = NULL,
         reason = CASE WHEN w.id = $2 THEN 'battery_round' WHEN w.origin = 'manual' THEN NULL ELSE w.origin END
       FROM work_order w WHERE w.id = t.work_order_id AND w.id = ANY($1)`,
      [made.map((order) => order.id), manual],
    );
    const cancel = (id: string, reason: string) =>
      transitionWorkOrder(testDb.pool, {
        municipalityId: world.municipalityId,
        workOrderId: id,
        from: 'requested',
        to: 'cancelled',
        expectedVersion: 1,
        reason,
        actor: 'system',
        at,
      });
    await cancel(battery, installed);
    await cancel(moved, refused);
    await cancel(dismount, withdrew);
    await cancel(cancelledByHand, 'Dörren byggs om');
    await cancel(lookAlike, `${refused} Ringer igen i maj.`);

    const migration = (await loadMigrations()).find((file) => file.version === '0051')!;
    await testDb.superuser.query(migration.sql);
    await testDb.superuser.query(migration.sql);

    expect(await history(battery)).toEqual([
      { to: 'requested', reason: null, kind: 'origin', params: { origin: 'battery_round' } },
      { to: 'cancelled', reason: null, kind: 'lock_installed_outside_order', params: null },
    ]);
    expect(await history(moved)).toEqual([
      { to: 'requested', reason: null, kind: 'origin', params: { origin: 'customer_moved' } },
      { to: 'cancelled', reason: null, kind: 'customer_refused_lock', params: { decidedOn: '2027-03-08' } },
    ]);
    expect(await history(dismount)).toEqual([
      { to: 'requested', reason: null, kind: 'origin', params: { origin: 'service_ended' } },
      {
        to: 'cancelled',
        reason: null,
        kind: 'customer_withdrew_consent',
        params: { decidedOn: '2027-03-09' },
      },
    ]);
    expect([await stateReason(battery), await stateReason(moved), await stateReason(dismount)]).toEqual([
      null,
      null,
      null,
    ]);
    // A manual order's first reason is a person's, even when it reads like an origin code.
    expect(await history(manual)).toEqual([
      { to: 'requested', reason: 'battery_round', kind: 'text', params: null },
    ]);
    expect((await history(cancelledByHand))[1]).toEqual({
      to: 'cancelled',
      reason: 'Dörren byggs om',
      kind: 'text',
      params: null,
    });
    expect((await history(lookAlike))[1]).toEqual({
      to: 'cancelled',
      reason: `${refused} Ringer igen i maj.`,
      kind: 'text',
      params: null,
    });
    expect(await stateReason(lookAlike)).toBe(`${refused} Ringer igen i maj.`);
  });

  it('refuses a reason kind it does not know', async () => {
    const [order] = await insertWorkOrders(
      testDb.pool,
      world.municipalityId,
      [{ kind: 'repair', doorId: world.entranceId, origin: 'manual' }],
      'system',
      at,
    );
    await expect(
      testDb.superuser.query(
        `INSERT INTO work_order_transition (municipality_id, work_order_id, from_state, to_state, reason_kind, actor, at)
         VALUES ($1, $2, 'requested', 'cancelled', 'bogus', 'system', $3)`,
        [world.municipalityId, order!.id, at],
      ),
    ).rejects.toThrow(/work_order_transition_reason_kind_check/);
  });
});

describe('whether a lock is in use (R8.4)', () => {
  const usage = async (day: string) => {
    const { rows } = await testDb.pool.query(
      'SELECT is_in_use, customers_served, providers_missing FROM lock_usage_on($1, $2) WHERE lock_device_id = $3',
      [world.municipalityId, day, world.lockId],
    );
    return rows[0];
  };

  it('is mounted but not in use until the serving provider is introduced', async () => {
    await testDb.pool.query('UPDATE customer SET apartment_door_id = $1 WHERE id = $2', [
      world.apartmentDoorId,
      world.gunId,
    ]);
    expect(await usage('2027-02-01')).toMatchObject({ is_in_use: false, providers_missing: 1 });
    await testDb.pool.query(
      `INSERT INTO provider_introduction (municipality_id, customer_id, provider_id, introduced_on, recorded_by)
       VALUES ($1, $2, $3, '2027-02-03', 'test')`,
      [world.municipalityId, world.gunId, world.northId],
    );
    expect(await usage('2027-02-02')).toMatchObject({ is_in_use: false });
    expect(await usage('2027-02-03')).toMatchObject({
      is_in_use: true,
      customers_served: 1,
      providers_missing: 0,
    });
  });
});
