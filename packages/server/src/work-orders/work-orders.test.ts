// Work orders over real HTTP on real PostgreSQL with a fixed clock (docs/work-orders.md): the
// role × scope matrix of the new routes, installers confined to their own orders, planning held
// back by missing consent, and the installer's work at the door (enrol, install, dismount, move)
// — each refusal answered 4xx with a code and nothing changed.
import {
  bytesToUuid,
  createKeyRing,
  exportPublicCoordinates,
  exportPublicJwk,
  generateSigningKeyPair,
  hexToBytes,
  importPublicJwk,
  verifyDeviceCertificate,
  type PublicJwk,
} from '@portvakt/protocol';
import type { Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, testPassword, type TestServer } from '../platform/testing';
import { addWorld, startTestWorld, unique, type World } from '../platform/world.testing';
import { createRefusalCheck } from './work-orders.testing';

const now = new Date('2027-03-10T09:00:00Z');
let server: TestServer;
let world: World;
let otherWorld: World;
let municipalityId: string;
const clients = {} as Record<Role | 'installerB' | 'companyInstaller' | 'leadB' | 'otherAdmin', ApiClient>;
let installerAId: string;
let installerBId: string;
/** Doors without a lock: an entrance and an apartment door on property a, an entrance on b. */
let freeEntrance: string;
let freeApartment: string;
let freeEntranceB: string;

/** Everything a refused change could have touched: the order, its history, the locks, the enrolments. */
async function snapshot(orderId: string) {
  const pool = server.db.pool;
  const order = await pool.query('SELECT * FROM work_order WHERE id = $1', [orderId]);
  const counts = await pool.query(
    `SELECT (SELECT count(*) FROM work_order_transition WHERE work_order_id = $1) AS transitions,
       (SELECT count(*) FROM lock_device) AS locks,
       (SELECT count(*) FROM device_enrolment) AS enrolments,
       (SELECT string_agg(id || status || coalesce(door_id::text, '-'), ',' ORDER BY id) FROM lock_device) AS lock_states`,
    [orderId],
  );
  return { order: order.rows[0], counts: counts.rows[0] };
}

const expectRefused = createRefusalCheck(snapshot);

async function createOrder(
  body: Record<string, unknown>,
): Promise<{ id: string; version: number; awaits: string; state: string }> {
  const response = await clients.lock_manager.post('/api/v1/work-orders', body);
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body;
}

async function plan(id: string, assignedUserId = installerAId) {
  const order = (await clients.lock_manager.get(`/api/v1/work-orders/${id}`)).body;
  const patched = await clients.lock_manager.patch(`/api/v1/work-orders/${id}`, {
    version: order.version,
    assignedUserId,
    bookedFrom: '2027-03-10T08:00:00Z',
    bookedUntil: '2027-03-10T09:00:00Z',
  });
  expect(patched.status).toBe(200);
  const planned = await clients.lock_manager.post(`/api/v1/work-orders/${id}/transitions`, { to: 'planned' });
  expect(planned.status, JSON.stringify(planned.body)).toBe(200);
  return planned.body;
}

/** The property owner's consent to a lock on `doorId`, as if answered on a link (a move there waits for it). */
async function consentAtEntrance(doorId: string) {
  await server.db.pool.query('DELETE FROM entrance_consent WHERE door_id = $1', [doorId]);
  await server.db.pool.query(
    `INSERT INTO entrance_consent (door_id, municipality_id, status) VALUES ($1, $2, 'consented')`,
    [doorId, municipalityId],
  );
}

const publicKey = async () => exportPublicJwk((await generateSigningKeyPair()).publicKey);

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, municipalityId, world } = started);
  const { login } = started;
  clients.municipality_admin = started.admin;
  const other = await addWorld(server);
  clients.otherAdmin = other.admin;
  otherWorld = other.world;
  const door = async (propertyId: string, kind: string) =>
    (
      await clients.municipality_admin.post('/api/v1/doors', {
        propertyId,
        kind,
        label: unique(kind === 'entrance' ? 'Port' : 'Lgh'),
      })
    ).body.id as string;
  freeEntrance = await door(world.property.a, 'entrance');
  freeApartment = await door(world.property.a, 'apartment_door');
  freeEntranceB = await door(world.property.b, 'entrance');
  for (const role of ['lock_manager', 'support', 'auditor'] as const) clients[role] = await login(role);
  clients.installer = await login('installer');
  clients.installerB = await login('installer');
  clients.work_lead = await login('work_lead', { providerId: world.provider.a });
  clients.leadB = await login('work_lead', { providerId: world.provider.b });
  clients.staff = await login('staff', { providerId: world.provider.a, staffMemberId: world.staffMember.a });
  clients.property_owner = await login('property_owner', { propertyOwnerId: world.propertyOwner.a });
  installerAId = (await clients.installer.get('/api/v1/auth/me')).body.id;
  installerBId = (await clients.installerB.get('/api/v1/auth/me')).body.id;
}, 180_000);
afterAll(async () => server?.close());

describe('installer accounts of a locksmith company', () => {
  it('carries the company on installer accounts only, and into the session', async () => {
    const admin = clients.municipality_admin;
    const username = unique('lasmed').toLowerCase();
    const created = await admin.post('/api/v1/users', {
      username,
      displayName: 'Låsmed',
      password: testPassword,
      role: 'installer',
      locksmithCompanyId: world.locksmithCompany.a,
    });
    expect(created.status).toBe(201);
    expect(created.body.locksmithCompanyId).toBe(world.locksmithCompany.a);
    clients.companyInstaller = await new ApiClient(server.url).login(username, testPassword);
    expect((await clients.companyInstaller.get('/api/v1/auth/me')).body.locksmithCompanyId).toBe(
      world.locksmithCompany.a,
    );
    const users = () => server.db.pool.query('SELECT count(*) FROM user_account');
    const before = (await users()).rows[0];
    const wrongRole = await admin.post('/api/v1/users', {
      username: unique('support').toLowerCase(),
      displayName: 'Support',
      password: testPassword,
      role: 'support',
      locksmithCompanyId: world.locksmithCompany.a,
    });
    expect(wrongRole.status).toBe(422);
    expect(wrongRole.body.code).toBe('company_needs_installer');
    const foreign = await admin.post('/api/v1/users', {
      username: unique('inst').toLowerCase(),
      displayName: 'Installatör',
      password: testPassword,
      role: 'installer',
      locksmithCompanyId: otherWorld.locksmithCompany.a,
    });
    expect(foreign.body.code).toBe('unknown_reference');
    expect((await users()).rows[0]).toEqual(before);
    const support = (await admin.get('/api/v1/auth/me')).body.id;
    const patched = await admin.patch(`/api/v1/users/${support}`, {
      locksmithCompanyId: world.locksmithCompany.a,
    });
    expect(patched.body.code).toBe('company_needs_installer');
  });
});

describe('role × scope', () => {
  let onA: string;
  let onB: string;
  let foreign: string;

  beforeAll(async () => {
    onA = (await createOrder({ kind: 'repair', doorId: world.door.a, notes: 'Låset kärvar' })).id;
    onB = (await createOrder({ kind: 'repair', doorId: world.door.b })).id;
    const other = await clients.otherAdmin.post('/api/v1/work-orders', {
      kind: 'repair',
      doorId: otherWorld.door.a,
    });
    foreign = other.body.id;
    const a = (await clients.lock_manager.get(`/api/v1/work-orders/${onA}`)).body;
    await clients.lock_manager.patch(`/api/v1/work-orders/${onA}`, {
      version: a.version,
      assignedUserId: installerAId,
    });
    const b = (await clients.lock_manager.get(`/api/v1/work-orders/${onB}`)).body;
    await clients.lock_manager.patch(`/api/v1/work-orders/${onB}`, {
      version: b.version,
      assignedCompanyId: world.locksmithCompany.a,
    });
  });

  // R: reads, C: creates, U: changes; after the colon what is inside the scope (ids of onA/onB).
  const matrix: Record<string, { ops: string; sees: Array<'a' | 'b'> }> = {
    municipality_admin: { ops: 'RCU', sees: ['a', 'b'] },
    lock_manager: { ops: 'RCU', sees: ['a', 'b'] },
    installer: { ops: 'RU', sees: ['a'] },
    installerB: { ops: 'RU', sees: [] },
    companyInstaller: { ops: 'RU', sees: ['b'] },
    work_lead: { ops: 'R', sees: ['a'] },
    leadB: { ops: 'R', sees: ['b'] },
    support: { ops: 'R', sees: ['a', 'b'] },
    auditor: { ops: 'R', sees: ['a', 'b'] },
    staff: { ops: '', sees: [] },
    property_owner: { ops: '', sees: [] },
  };

  it.each(Object.keys(matrix))('%s reads and changes only what is in scope', async (who) => {
    const client = clients[who as keyof typeof clients];
    const { ops, sees } = matrix[who]!;
    const orders = { a: onA, b: onB };
    const list = await client.get('/api/v1/work-orders?sort=reference');
    if (!ops.includes('R')) {
      expect(list.status).toBe(403);
      expect((await client.get(`/api/v1/work-orders/${onA}`)).status).toBe(403);
      expect(
        (await client.post('/api/v1/work-orders', { kind: 'repair', doorId: freeEntrance })).status,
      ).toBe(403);
      return;
    }
    expect(list.status).toBe(200);
    const listed = list.body.items.map((item: { id: string }) => item.id);
    for (const side of ['a', 'b'] as const) {
      expect(listed.includes(orders[side])).toBe(sees.includes(side));
      const read = await client.get(`/api/v1/work-orders/${orders[side]}`);
      expect(read.status).toBe(sees.includes(side) ? 200 : 404);
      if (read.status === 404) expect(Object.keys(read.body).sort()).toEqual(['code', 'message']);
    }
    expect(listed).not.toContain(foreign);
    expect((await client.get(`/api/v1/work-orders/${foreign}`)).status).toBe(404);
    // Changes: a harmless note, at the version read; out of scope exactly like unknown.
    for (const side of ['a', 'b'] as const) {
      const id = orders[side];
      const before = await snapshot(id);
      const patched = await client.patch(`/api/v1/work-orders/${id}`, {
        version: before.order.version,
        notes: who,
      });
      const expected = !ops.includes('U') ? 403 : sees.includes(side) ? 200 : 404;
      expect(patched.status).toBe(expected);
      if (expected !== 200) expect(await snapshot(id)).toEqual(before);
      const moved = await client.post(`/api/v1/work-orders/${id}/transitions`, { to: 'cancelled' });
      expect(moved.status).toBe(expected === 200 ? 422 : expected); // reason_required when allowed
    }
    const assignees = await client.get('/api/v1/work-order-assignees');
    expect(assignees.status).toBe(ops.includes('C') ? 200 : 403);
    if (assignees.status === 200)
      expect(assignees.body.installers.map((i: { id: string }) => i.id)).toEqual(
        expect.arrayContaining([installerAId, installerBId]),
      );
    const created = await client.post('/api/v1/work-orders', { kind: 'battery', doorId: freeEntranceB });
    expect(created.status).toBe(ops.includes('C') ? 201 : 403);
    if (created.status === 201)
      await client.post(`/api/v1/work-orders/${created.body.id}/transitions`, {
        to: 'cancelled',
        reason: 'Test',
      });
  });

  it('shows the customer only to roles that read customers', async () => {
    const id = (
      await createOrder({ kind: 'repair', doorId: world.door.apartmentA, customerId: world.customer.a })
    ).id;
    await clients.lock_manager.patch(`/api/v1/work-orders/${id}`, {
      version: 1,
      assignedUserId: installerAId,
    });
    expect((await clients.lock_manager.get(`/api/v1/work-orders/${id}`)).body.customer).toMatchObject({
      id: world.customer.a,
      name: 'Karl Berg',
    });
    expect((await clients.work_lead.get(`/api/v1/work-orders/${id}`)).body.customer?.id).toBe(
      world.customer.a,
    );
    expect((await clients.installer.get(`/api/v1/work-orders/${id}`)).body.customer).toBeNull();
  });

  it('pages the installer’s list with cursors bound to the installer', async () => {
    const first = await clients.municipality_admin.get('/api/v1/work-orders?limit=1&sort=createdAt');
    expect(first.body.items).toHaveLength(1);
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const second = await clients.municipality_admin.get(
      `/api/v1/work-orders?limit=1&sort=createdAt&cursor=${cursor}`,
    );
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    // A cursor from one list is no key to another's.
    const mine = await clients.companyInstaller.get('/api/v1/work-orders?limit=1&sort=createdAt');
    expect(mine.body.items).toHaveLength(1);
    expect(
      (await clients.installer.get(`/api/v1/work-orders?limit=1&sort=createdAt&cursor=${cursor}`)).body.code,
    ).toBe('invalid_cursor');
  });

  it('refuses a stale version, an invalid transition and a missing reason, changing nothing', async () => {
    await expectRefused(
      onA,
      () => clients.lock_manager.patch(`/api/v1/work-orders/${onA}`, { version: 1, notes: 'Gammal' }),
      409,
      'version_conflict',
    );
    await expectRefused(
      onA,
      () => clients.lock_manager.post(`/api/v1/work-orders/${onA}/transitions`, { to: 'done' }),
      409,
      'invalid_transition',
    );
    await expectRefused(
      onA,
      () => clients.lock_manager.post(`/api/v1/work-orders/${onA}/transitions`, { to: 'cancelled' }),
      422,
      'reason_required',
    );
    const current = (await clients.lock_manager.get(`/api/v1/work-orders/${onA}`)).body;
    await expectRefused(
      onA,
      () =>
        clients.lock_manager.patch(`/api/v1/work-orders/${onA}`, {
          version: current.version,
          bookedFrom: '2027-03-10T10:00:00Z',
          bookedUntil: '2027-03-10T09:00:00Z',
        }),
      422,
      'reversed_times',
    );
    await expectRefused(
      onA,
      () =>
        clients.installer.patch(`/api/v1/work-orders/${onA}`, {
          version: current.version,
          assignedUserId: installerBId,
        }),
      403,
      'forbidden',
    );
  });
});

describe('planning waits for consent', () => {
  it('keeps an install at a shared door requested until the owner consents', async () => {
    const order = await createOrder({ kind: 'install', doorId: freeEntranceB });
    expect(order).toMatchObject({ awaits: 'owner_consent', state: 'requested' });
    const toPlanned = () =>
      clients.lock_manager.post(`/api/v1/work-orders/${order.id}/transitions`, { to: 'planned' });
    await expectRefused(order.id, toPlanned, 409, 'consent_missing');
    const setStatus = (status: string) =>
      server.db.pool.query(
        `INSERT INTO entrance_consent (door_id, municipality_id, status) VALUES ($1, $2, $3)
         ON CONFLICT (municipality_id, door_id) DO UPDATE SET status = $3`,
        [freeEntranceB, municipalityId, status],
      );
    for (const status of ['asked', 'declined', 'withdrawn']) {
      await setStatus(status);
      await expectRefused(order.id, toPlanned, 409, 'consent_missing');
    }
    await setStatus('consented');
    expect((await toPlanned()).body.state).toBe('planned');
  });

  it('keeps an install at a customer’s door requested while the customer has not consented', async () => {
    const order = await createOrder({ kind: 'install', doorId: freeApartment, customerId: world.customer.a });
    expect(order.awaits).toBe('customer_consent');
    const toPlanned = () =>
      clients.lock_manager.post(`/api/v1/work-orders/${order.id}/transitions`, { to: 'planned' });
    const decide = (decision: string) =>
      server.db.pool.query(
        `INSERT INTO customer_lock_consent (municipality_id, customer_id, decision, decided_on, given_how, recorded_by)
         VALUES ($1, $2, $3, '2027-03-01', 'signed_form', 'test')`,
        [municipalityId, world.customer.a, decision],
      );
    await expectRefused(order.id, toPlanned, 409, 'consent_missing');
    await decide('consented');
    await decide('refused');
    await expectRefused(order.id, toPlanned, 409, 'consent_missing');
    await decide('consented');
    expect((await toPlanned()).status).toBe(200);
  });
});

describe('at the door', () => {
  let install: string;

  beforeAll(async () => {
    await server.db.pool.query(
      `INSERT INTO entrance_consent (door_id, municipality_id, status) VALUES ($1, $2, 'consented'), ($3, $2, 'consented')`,
      [freeEntrance, municipalityId, world.door.a],
    );
  });

  it('enrols a new lock for an install order and installs it, the order done with its minutes', async () => {
    install = (await createOrder({ kind: 'install', doorId: freeEntrance })).id;
    await plan(install);
    const serial = unique('PV-NY');
    const body = { serial, lockType: 'cylinder_ring', publicKey: await publicKey() };
    // Another installer's order: not there at all.
    await expectRefused(
      install,
      () => clients.installerB.post(`/api/v1/work-orders/${install}/enrol-lock`, body),
      404,
      'not_found',
    );
    // The serial of a lock installed elsewhere.
    const { rows } = await server.db.pool.query<{ serial: string }>(
      'SELECT serial FROM lock_device WHERE id = $1',
      [world.lockDevice.a],
    );
    await expectRefused(
      install,
      () =>
        clients.installer.post(`/api/v1/work-orders/${install}/enrol-lock`, {
          ...body,
          serial: rows[0]!.serial,
        }),
      409,
      'serial_enrolled',
    );
    await expectRefused(
      install,
      () =>
        clients.installer.post(`/api/v1/work-orders/${install}/enrol-lock`, {
          ...body,
          publicKey: { ...body.publicKey, x: 'A'.repeat(43) },
        }),
      400,
      'invalid_public_key',
    );
    const enrolled = await clients.installer.post(`/api/v1/work-orders/${install}/enrol-lock`, body);
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
    expect(enrolled.body.order).toMatchObject({
      state: 'in_progress',
      lockSerial: serial,
      lock: { status: 'in_stock' },
    });
    expect(enrolled.body.certificate).toEqual(expect.any(String));
    // The certificate is the issuer's signature over the lock's own public key and lock number.
    const published = await clients.municipality_admin.get('/api/v1/issuer-keys');
    const ring = createKeyRing(
      await Promise.all(
        (published.body.items as Array<{ kid: string; jwk: PublicJwk }>).map(
          async (key) => [hexToBytes(key.kid), await importPublicJwk(key.jwk)] as const,
        ),
      ),
    );
    const certificate = await verifyDeviceCertificate(
      Buffer.from(enrolled.body.certificate, 'base64url'),
      ring,
    );
    expect(certificate).toMatchObject({
      kind: 'lock',
      lock: enrolled.body.lockNumber,
      publicKey: await exportPublicCoordinates(await importPublicJwk(body.publicKey)),
    });
    expect(bytesToUuid(certificate.deviceId)).toBe(enrolled.body.order.lockDeviceId);
    const enrolment = await server.db.pool.query(
      'SELECT kind FROM device_enrolment WHERE lock_device_id = $1',
      [enrolled.body.order.lockDeviceId],
    );
    expect(enrolment.rows).toEqual([{ kind: 'lock' }]);
    // The same lock cannot go to a second order.
    const second = (await createOrder({ kind: 'install', doorId: world.door.laundryA })).id;
    await server.db.pool.query(
      `INSERT INTO entrance_consent (door_id, municipality_id, status) VALUES ($1, $2, 'consented')`,
      [world.door.laundryA, municipalityId],
    );
    await plan(second);
    await expectRefused(
      second,
      () =>
        clients.installer.post(`/api/v1/work-orders/${second}/enrol-lock`, {
          ...body,
          publicKey: body.publicKey,
        }),
      409,
      'serial_enrolled',
    );
    const installed = await clients.installer.post(`/api/v1/work-orders/${install}/install`, {});
    expect(installed.status, JSON.stringify(installed.body)).toBe(200);
    expect(installed.body).toMatchObject({ state: 'done', actualMinutes: 0, lock: { status: 'installed' } });
    expect(installed.body.transitions.map((t: { toState: string }) => t.toState)).toEqual([
      'requested',
      'planned',
      'in_progress',
      'done',
    ]);
    const lock = await server.db.pool.query('SELECT status, door_id FROM lock_device WHERE serial = $1', [
      serial,
    ]);
    expect(lock.rows[0]).toEqual({ status: 'installed', door_id: freeEntrance });
    const audit = await server.db.pool.query(
      `SELECT action, entity FROM audit_entry WHERE entity_id IN ($1, $2) ORDER BY id`,
      [install, enrolled.body.order.lockDeviceId],
    );
    expect(audit.rows.map((row) => `${row.entity}:${row.action}`)).toEqual(
      expect.arrayContaining([
        'lock_device:create',
        'work_order:update',
        'lock_device:install',
        'work_order:transition',
      ]),
    );
  });

  it('refuses a door that already has a lock, and an apartment door without the storage label', async () => {
    // The lock triggers may already have proposed the install when the world's access path was set.
    const open = await clients.lock_manager.get('/api/v1/work-orders?kind=install&state=requested&limit=500');
    const proposed = open.body.items.find((item: { doorId: string }) => item.doorId === world.door.a);
    const onLockedDoor = proposed?.id ?? (await createOrder({ kind: 'install', doorId: world.door.a })).id;
    await plan(onLockedDoor);
    await expectRefused(
      onLockedDoor,
      async () =>
        clients.installer.post(`/api/v1/work-orders/${onLockedDoor}/enrol-lock`, {
          serial: unique('PV-X'),
          lockType: 'cylinder_ring',
          publicKey: await publicKey(),
        }),
      409,
      'door_has_lock',
    );
    const apartment = (
      await clients.lock_manager.get('/api/v1/work-orders?kind=install&state=planned')
    ).body.items.find((item: { doorId: string }) => item.doorId === freeApartment);
    await clients.lock_manager.patch(`/api/v1/work-orders/${apartment.id}`, {
      version: apartment.version,
      assignedUserId: installerAId,
    });
    await expectRefused(
      apartment.id,
      () => clients.installer.post(`/api/v1/work-orders/${apartment.id}/install`, {}),
      409,
      'lock_not_enrolled',
    );
    const enrolled = await clients.installer.post(`/api/v1/work-orders/${apartment.id}/enrol-lock`, {
      serial: unique('PV-LGH'),
      lockType: 'cylinder_ring',
      publicKey: await publicKey(),
    });
    expect(enrolled.status).toBe(200);
    await expectRefused(
      apartment.id,
      () => clients.installer.post(`/api/v1/work-orders/${apartment.id}/install`, {}),
      422,
      'storage_label_required',
    );
    const done = await clients.installer.post(`/api/v1/work-orders/${apartment.id}/install`, {
      originalLockStorage: 'Hylla B3, låda 12',
    });
    expect(done.body).toMatchObject({ state: 'done', originalLockStorage: 'Hylla B3, låda 12' });
  });

  it('dismounts only with the dismount guard, and with the original lock restored', async () => {
    const order = (await createOrder({ kind: 'dismount', doorId: world.door.apartmentA })).id;
    await plan(order);
    await expectRefused(
      order,
      () => clients.installerB.post(`/api/v1/work-orders/${order}/dismount`, { originalLockRestored: true }),
      404,
      'not_found',
    );
    await expectRefused(
      order,
      () => clients.installer.post(`/api/v1/work-orders/${order}/dismount`, { originalLockRestored: false }),
      422,
      'restore_not_confirmed',
    );
    // Karl Berg still has this door on his way in: the registry's guard refuses.
    await expectRefused(
      order,
      () => clients.installer.post(`/api/v1/work-orders/${order}/dismount`, { originalLockRestored: true }),
      409,
      'lock_on_access_path',
    );
    await expectRefused(
      order,
      () =>
        clients.installer.post(`/api/v1/work-orders/${order}/dismount`, {
          originalLockRestored: true,
          force: true,
        }),
      422,
      'reason_required',
    );
    const done = await clients.installer.post(`/api/v1/work-orders/${order}/dismount`, {
      originalLockRestored: true,
      force: true,
      reason: 'Kunden flyttar i dag',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', originalLockRestoredAt: now.toISOString() });
    const lock = await server.db.pool.query('SELECT status, door_id FROM lock_device WHERE id = $1', [
      world.lockDevice.apartmentA,
    ]);
    expect(lock.rows[0]).toEqual({ status: 'removed', door_id: null });
    const audit = await server.db.pool.query(
      `SELECT after->>'dismountReason' AS reason FROM audit_entry WHERE action = 'dismount' AND entity_id = $1`,
      [world.lockDevice.apartmentA],
    );
    expect(audit.rows).toEqual([{ reason: 'Kunden flyttar i dag' }]);
  });

  it('moves a lock to the target door, never onto a door that has one', async () => {
    await consentAtEntrance(world.door.a);
    const blocked = (await createOrder({ kind: 'move', doorId: freeEntrance, targetDoorId: world.door.a }))
      .id;
    await plan(blocked);
    await expectRefused(
      blocked,
      () => clients.installer.post(`/api/v1/work-orders/${blocked}/move`, {}),
      409,
      'door_has_lock',
    );
    await clients.lock_manager.post(`/api/v1/work-orders/${blocked}/transitions`, {
      to: 'cancelled',
      reason: 'Fel dörr',
    });
    const target = (
      await clients.municipality_admin.post('/api/v1/doors', {
        propertyId: world.property.a,
        kind: 'entrance',
        label: unique('Port'),
      })
    ).body.id;
    await consentAtEntrance(target);
    const move = (await createOrder({ kind: 'move', doorId: freeEntrance, targetDoorId: target })).id;
    expect(
      (await clients.lock_manager.post('/api/v1/work-orders', { kind: 'move', doorId: freeEntrance })).body
        .code,
    ).toBe('target_door_required');
    await plan(move);
    const moved = await clients.installer.post(`/api/v1/work-orders/${move}/move`, {});
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.state).toBe('done');
    const lock = await server.db.pool.query('SELECT status, door_id FROM lock_device WHERE id = $1', [
      moved.body.lockDeviceId,
    ]);
    expect(lock.rows[0]).toEqual({ status: 'installed', door_id: target });
  });

  it('takes an in-stock lock by its serial instead of registering a new one', async () => {
    const door = (
      await clients.municipality_admin.post('/api/v1/doors', {
        propertyId: world.property.b,
        kind: 'key_safe',
        label: unique('Nyckelskåp'),
      })
    ).body.id;
    const order = (await createOrder({ kind: 'install', doorId: door, customerId: world.customer.b })).id;
    await server.db.pool.query(
      `INSERT INTO customer_lock_consent (municipality_id, customer_id, decision, decided_on, given_how, recorded_by)
       VALUES ($1, $2, 'consented', '2027-03-01', 'phone', 'test')`,
      [municipalityId, world.customer.b],
    );
    await plan(order, installerBId);
    const { rows } = await server.db.pool.query<{ serial: string }>(
      'SELECT serial FROM lock_device WHERE id = $1',
      [world.lockDevice.inStock],
    );
    const locks = async () => (await server.db.pool.query('SELECT count(*) FROM lock_device')).rows[0];
    const before = await locks();
    const enrolled = await clients.installerB.post(`/api/v1/work-orders/${order}/enrol-lock`, {
      serial: rows[0]!.serial,
      lockType: 'cylinder_ring',
      publicKey: await publicKey(),
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
    expect(enrolled.body.order.lockDeviceId).toBe(world.lockDevice.inStock);
    expect(await locks()).toEqual(before);
  });

  it('moves a lock off a door on a customer’s way in only when forced with a reason', async () => {
    const target = (
      await clients.municipality_admin.post('/api/v1/doors', {
        propertyId: world.property.a,
        kind: 'entrance',
        label: unique('Port'),
      })
    ).body.id;
    await consentAtEntrance(target);
    const order = (await createOrder({ kind: 'move', doorId: world.door.a, targetDoorId: target })).id;
    await plan(order);
    await expectRefused(
      order,
      () => clients.installer.post(`/api/v1/work-orders/${order}/move`, {}),
      409,
      'lock_on_access_path',
    );
    const moved = await clients.installer.post(`/api/v1/work-orders/${order}/move`, {
      force: true,
      reason: 'Porten byts ut',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const lock = await server.db.pool.query('SELECT status, door_id FROM lock_device WHERE id = $1', [
      world.lockDevice.a,
    ]);
    expect(lock.rows[0]).toEqual({ status: 'installed', door_id: target });
    const audit = await server.db.pool.query(
      `SELECT after->>'dismountReason' AS reason FROM audit_entry WHERE action = 'move' AND entity_id = $1`,
      [world.lockDevice.a],
    );
    expect(audit.rows).toEqual([{ reason: 'Porten byts ut' }]);
  });

  it('lists today’s booked orders of the installer', async () => {
    const today = await clients.installer.get('/api/v1/work-orders?assignee=me&bookedOn=2027-03-10');
    expect(today.status).toBe(200);
    expect(today.body.items.length).toBeGreaterThan(0);
    for (const item of today.body.items) expect(item.assignedUserId).toBe(installerAId);
    expect(
      (await clients.installer.get('/api/v1/work-orders?assignee=me&bookedOn=2027-03-11')).body.items,
    ).toEqual([]);
  });
});
