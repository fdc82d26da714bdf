import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, type EventWorld } from '../events/events.testing';
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
    expect(first[0]!.reference).toMatch(/^AO-2027-\d{6}$/);
    expect(again).toEqual([]);
    const { rows } = await testDb.pool.query(
      'SELECT from_state, to_state, reason, actor FROM work_order_transition WHERE work_order_id = $1',
      [first[0]!.id],
    );
    expect(rows).toEqual([
      { from_state: null, to_state: 'requested', reason: 'service_granted', actor: 'system' },
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
