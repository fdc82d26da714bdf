// Reading work orders inside a scope, changing one at the version read, and the consent facts
// planning depends on, on real PostgreSQL.
import type { Scope } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../accounts/accounts.repository';
import { createEventWorld, type EventWorld } from '../events/events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import {
  findInstalledLockOnDoor,
  findLockBySerial,
  insertWorkOrders,
  updateWorkOrder,
} from './work-order.repository';
import {
  findWorkOrder,
  listWorkOrderTransitions,
  listWorkOrders,
  readWorkOrderConsentFacts,
} from './work-order-query.repository';

let testDb: TestDatabase;
let world: EventWorld;
let installerA: string;
let installerB: string;
let companyId: string;
let ownOrder: string;
let companyOrder: string;
let otherOrder: string;
const at = new Date('2027-03-01T07:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  const { rows } = await testDb.pool.query<{ id: string }>(
    `INSERT INTO locksmith_company (municipality_id, name) VALUES ($1, 'Låsmästarna AB') RETURNING id`,
    [world.municipalityId],
  );
  companyId = rows[0]!.id;
  const installer = (username: string) =>
    insertUser(testDb.pool, {
      municipalityId: world.municipalityId,
      username,
      displayName: username,
      passwordHash: 'x',
      role: 'installer',
    });
  installerA = await installer('montor-a');
  installerB = await installer('montor-b');
  const made = await insertWorkOrders(
    testDb.pool,
    world.municipalityId,
    [
      {
        kind: 'repair',
        doorId: world.entranceId,
        origin: 'manual',
        assignedUserId: installerA,
        bookedFrom: new Date('2027-03-02T08:00:00Z'),
        bookedUntil: new Date('2027-03-02T09:00:00Z'),
      },
      { kind: 'battery', doorId: world.apartmentDoorId, origin: 'manual', assignedCompanyId: companyId },
      {
        kind: 'install',
        doorId: world.entranceId,
        origin: 'manual',
        assignedUserId: installerB,
        awaits: 'owner_consent',
      },
    ],
    'Lisa',
    at,
  );
  [ownOrder, companyOrder, otherOrder] = made.map((order) => order.id) as [string, string, string];
});
afterAll(async () => testDb.drop());

const assignee = (userId: string, locksmithCompanyId: string | null): Scope => ({
  kind: 'assignee',
  municipalityId: world.municipalityId,
  userId,
  locksmithCompanyId,
});
const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

describe('work orders inside a scope', () => {
  it('shows an installer only what is assigned to them or their company', async () => {
    const list = (scope: Scope) => listWorkOrders(testDb.pool, scope, { sort: 'bookedFrom', limit: 50 });
    expect(ids(await list(assignee(installerA, null)))).toEqual([ownOrder]);
    expect(ids(await list(assignee(installerA, companyId)))).toEqual([ownOrder, companyOrder].sort());
    expect(await findWorkOrder(testDb.pool, assignee(installerA, null), otherOrder)).toBeUndefined();
    const all = await list({ kind: 'municipality', municipalityId: world.municipalityId });
    expect(ids(all)).toEqual([ownOrder, companyOrder, otherOrder].sort());
    // Booked orders first; unbooked last.
    expect(all[0]!.id).toBe(ownOrder);
    expect(await list({ kind: 'municipality', municipalityId: world.otherMunicipalityId })).toEqual([]);
  });

  it('pages by the sealed position without skipping or repeating', async () => {
    const scope: Scope = { kind: 'municipality', municipalityId: world.municipalityId };
    const first = await listWorkOrders(testDb.pool, scope, { sort: 'reference', limit: 2 });
    const last = first.at(-1)!;
    const rest = await listWorkOrders(testDb.pool, scope, {
      sort: 'reference',
      limit: 10,
      after: { sortKey: last.position, id: last.id },
    });
    expect([...ids(first), ...ids(rest)].sort()).toEqual([ownOrder, companyOrder, otherOrder].sort());
  });

  it('filters by kind, district, assignee and booked day', async () => {
    const scope: Scope = { kind: 'municipality', municipalityId: world.municipalityId };
    const base = { sort: 'createdAt' as const, limit: 50 };
    expect(ids(await listWorkOrders(testDb.pool, scope, { ...base, kind: 'battery' }))).toEqual([
      companyOrder,
    ]);
    expect(
      ids(await listWorkOrders(testDb.pool, scope, { ...base, assignee: { userId: null, companyId } })),
    ).toEqual([companyOrder]);
    expect(
      ids(
        await listWorkOrders(testDb.pool, scope, {
          ...base,
          booked: { from: new Date('2027-03-02T00:00:00Z'), to: new Date('2027-03-03T00:00:00Z') },
        }),
      ),
    ).toEqual([ownOrder]);
    expect(await listWorkOrders(testDb.pool, scope, { ...base, districtId: world.districtId })).toHaveLength(
      3,
    );
  });

  it('reads one order with its door and history, the customer only when allowed', async () => {
    await testDb.pool.query('UPDATE work_order SET customer_id = $1 WHERE id = $2', [
      world.gunId,
      companyOrder,
    ]);
    const scope: Scope = { kind: 'municipality', municipalityId: world.municipalityId };
    const hidden = await findWorkOrder(testDb.pool, scope, companyOrder);
    expect(hidden).toMatchObject({ doorId: world.apartmentDoorId, customerName: null });
    const shown = await findWorkOrder(testDb.pool, scope, companyOrder, {
      customerVisibility: { kind: 'all' },
    });
    expect(shown!.customerName).toEqual(expect.any(String));
    expect(await listWorkOrderTransitions(testDb.pool, world.municipalityId, companyOrder)).toEqual([
      {
        fromState: null,
        toState: 'requested',
        reason: null,
        reasonKind: 'text',
        reasonParams: null,
        actor: 'Lisa',
        // No account has the username 'Lisa' (usernames are lower case): no name to tell.
        actorName: null,
        at: at.toISOString(),
      },
    ]);
  });

  // Last: it adds two orders (orders are never deleted) that the counts above do not expect.
  it('lists unbooked orders after the booked ones, the longest waiting first, across pages', async () => {
    const scope: Scope = { kind: 'municipality', municipalityId: world.municipalityId };
    const made = await insertWorkOrders(
      testDb.pool,
      world.municipalityId,
      [
        { kind: 'cylinder_change', doorId: world.entranceId, origin: 'manual' },
        { kind: 'cylinder_change', doorId: world.apartmentDoorId, origin: 'manual' },
      ],
      'Lisa',
      at,
    );
    // The larger id waited longer, so a tie-break by id alone would list it last.
    const [olderId, newerId] = made
      .map((order) => order.id)
      .sort()
      .reverse() as [string, string];
    for (const [id, createdAt] of [
      [olderId, '2027-02-01T07:00:00Z'],
      [newerId, '2027-02-20T07:00:00Z'],
    ])
      await testDb.pool.query('UPDATE work_order SET created_at = $1 WHERE id = $2', [createdAt, id]);
    const listed: string[] = [];
    let after: { sortKey: string; id: string } | undefined;
    for (;;) {
      const page = await listWorkOrders(testDb.pool, scope, { sort: 'bookedFrom', limit: 2, after });
      listed.push(...page.map((row) => row.id));
      if (page.length < 2) break;
      after = { sortKey: page.at(-1)!.position, id: page.at(-1)!.id };
    }
    expect(listed[0]).toBe(ownOrder);
    expect(listed.filter((id) => id === olderId || id === newerId)).toEqual([olderId, newerId]);
    expect(listed.indexOf(olderId)).toBeLessThan(listed.indexOf(companyOrder));
    expect(new Set(listed).size).toBe(5);
  });
});

describe('changing an order', () => {
  it('changes only at the version read', async () => {
    const change = {
      municipalityId: world.municipalityId,
      workOrderId: ownOrder,
      expectedVersion: 1,
      fields: { plannedMinutes: 45, notes: 'Ring på' },
      at,
    };
    expect(await updateWorkOrder(testDb.pool, change)).toBe(true);
    expect(await updateWorkOrder(testDb.pool, change)).toBe(false);
    const { rows } = await testDb.pool.query(
      'SELECT planned_minutes, notes, version, assigned_user_id FROM work_order WHERE id = $1',
      [ownOrder],
    );
    expect(rows[0]).toEqual({
      planned_minutes: 45,
      notes: 'Ring på',
      version: 2,
      assigned_user_id: installerA,
    });
  });
});

describe('consent facts', () => {
  it('reads the newest customer decision and the entrance status', async () => {
    const facts = () =>
      readWorkOrderConsentFacts(testDb.pool, {
        municipalityId: world.municipalityId,
        doorId: world.entranceId,
        customerId: world.gunId,
      });
    expect(await facts()).toEqual({ customerDecision: null, entranceStatus: null });
    const decide = (decision: string) =>
      testDb.pool.query(
        `INSERT INTO customer_lock_consent (municipality_id, customer_id, decision, decided_on, given_how, recorded_by)
         VALUES ($1, $2, $3, '2027-02-01', 'in_person', 'test')`,
        [world.municipalityId, world.gunId, decision],
      );
    await decide('consented');
    await decide('withdrawn');
    await testDb.pool.query(
      `INSERT INTO entrance_consent (door_id, municipality_id, status) VALUES ($1, $2, 'consented')`,
      [world.entranceId, world.municipalityId],
    );
    expect(await facts()).toEqual({ customerDecision: 'withdrawn', entranceStatus: 'consented' });
  });
});

describe('locks by serial', () => {
  it('finds the lock, whether it is enrolled, and the door’s installed lock', async () => {
    const { rows } = await testDb.pool.query<{ serial: string }>(
      'SELECT serial FROM lock_device WHERE id = $1',
      [world.lockId],
    );
    expect(await findLockBySerial(testDb.pool, rows[0]!.serial, ownOrder)).toMatchObject({
      id: world.lockId,
      status: 'installed',
      isEnrolled: true,
      otherOpenOrderId: null,
    });
    expect(await findLockBySerial(testDb.pool, 'NO-SUCH-SERIAL', ownOrder)).toBeUndefined();
    expect(await findInstalledLockOnDoor(testDb.pool, world.municipalityId, world.apartmentDoorId)).toBe(
      world.lockId,
    );
    expect(
      await findInstalledLockOnDoor(testDb.pool, world.municipalityId, world.entranceId),
    ).toBeUndefined();
  });
});
