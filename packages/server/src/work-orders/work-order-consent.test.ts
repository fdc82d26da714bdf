// Work orders that must follow what is on the door and who consented (docs/work-orders.md
// "Consent", "Orders by hand"), over real HTTP on real PostgreSQL with a fixed clock and a real
// SMTP receiver for the owner's links: an owner's withdrawn consent takes a planned install back
// to requested and stops an install under way at the door (R7.1), a customer's withdrawal stops
// one at their own door (R6.2) — a customer's move under way whose consent is withdrawn is handed
// back to requested, the step the door's refusal names — a key safe's install waits for the consent of the customer whose
// way in it is on, a battery order names the door's lock and records its change, and an order
// that could never be carried out is refused when made — each refusal changing nothing.
import { exportPublicJwk, generateSigningKeyPair } from '@portvakt/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConsentLink, startMailReceiver, type MailReceiver } from '../platform/mail.testing';
import { ApiClient, type TestServer } from '../platform/testing';
import { startTestWorld, unique, type World } from '../platform/world.testing';
import { createRefusalCheck } from './work-orders.testing';

const now = new Date('2027-03-10T09:00:00Z');
let server: TestServer;
let mail: MailReceiver;
let world: World;
let admin: ApiClient;
let lockManager: ApiClient;
let installer: ApiClient;
let installerId: string;
let otherInstallerId: string;
let contactId: string;
let mailCount = 0;

/** The order, its history and the locks: all a refused call could have changed. */
async function snapshot(orderId: string) {
  const { rows } = await server.db.pool.query(
    `SELECT (SELECT row_to_json(o) FROM work_order o WHERE o.id = $1) AS "order",
       (SELECT count(*) FROM work_order_transition WHERE work_order_id = $1) AS transitions,
       (SELECT string_agg(id || status || coalesce(door_id::text, '-'), ',' ORDER BY id) FROM lock_device) AS locks,
       (SELECT count(*) FROM battery_change) AS "batteryChanges"`,
    [orderId],
  );
  return rows[0];
}

const expectRefused = createRefusalCheck(snapshot);

const door = async (kind: string) =>
  (await admin.post('/api/v1/doors', { propertyId: world.property.a, kind, label: unique('Dörr') })).body
    .id as string;

/** A new customer living behind `apartmentDoorId` on property a, with no way in set yet. */
async function customerBehind(apartmentDoorId: string): Promise<string> {
  const made = await admin.post('/api/v1/customers', {
    districtId: world.district.a,
    givenName: 'Sara',
    familyName: unique('Holm'),
    residencePropertyId: world.property.a,
    apartmentDoorId,
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body.id as string;
}

async function createOrder(body: Record<string, unknown>) {
  const response = await lockManager.post('/api/v1/work-orders', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; version: number; awaits: string; lockDeviceId: string | null };
}

const readOrder = async (id: string) => (await lockManager.get(`/api/v1/work-orders/${id}`)).body;

async function plan(id: string) {
  const order = await readOrder(id);
  const patched = await lockManager.patch(`/api/v1/work-orders/${id}`, {
    version: order.version,
    assignedUserId: installerId,
    bookedFrom: '2027-03-10T08:00:00Z',
    bookedUntil: '2027-03-10T09:00:00Z',
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  const planned = await lockManager.post(`/api/v1/work-orders/${id}/transitions`, { to: 'planned' });
  expect(planned.status, JSON.stringify(planned.body)).toBe(200);
}

/** Asks the owner about `doorId` and answers the mailed link with `answer`. */
async function answerOwner(doorId: string, answer: 'consented' | 'declined') {
  const request = await lockManager.post('/api/v1/consent-requests', {
    propertyId: world.property.a,
    contactId,
    doorIds: [doorId],
  });
  expect(request.status, JSON.stringify(request.body)).toBe(201);
  mailCount += 1;
  const link = readConsentLink(await mail.waitForMessage(mailCount));
  const answered = await new ApiClient(server.url).post(`/api/v1/consent-links/${link.token}`, {
    name: 'Eva Ek',
    title: 'Förvaltare',
    answers: [{ doorId, answer }],
  });
  expect(answered.status, JSON.stringify(answered.body)).toBe(200);
  return request.body.id as string;
}

const enrolBody = async () => ({
  serial: unique('PV-NY'),
  lockType: 'cylinder_ring',
  publicKey: await exportPublicJwk((await generateSigningKeyPair()).publicKey),
});

beforeAll(async () => {
  mail = await startMailReceiver();
  const started = await startTestWorld({ now: () => now, mailer: mail.mailer });
  ({ server, world, admin } = started);
  lockManager = await started.login('lock_manager');
  installer = await started.login('installer');
  installerId = (await installer.get('/api/v1/auth/me')).body.id;
  otherInstallerId = (await (await started.login('installer')).get('/api/v1/auth/me')).body.id;
  const contact = await lockManager.post(`/api/v1/property-owners/${world.propertyOwner.a}/contacts`, {
    name: 'Eva Ek',
    title: 'Förvaltare',
    email: 'eva.ek@fastighet.example',
    isPrimary: true,
  });
  contactId = contact.body.id;
}, 180_000);
afterAll(async () => {
  await server?.close();
  await mail?.close();
});

describe('an owner who withdraws consent (R7.1)', () => {
  it('takes a planned install back to requested, saying why, when the withdrawal is recorded', async () => {
    const entrance = await door('entrance');
    const requestId = await answerOwner(entrance, 'consented');
    const order = await createOrder({ kind: 'install', doorId: entrance });
    expect(order.awaits).toBe('owner_consent');
    await plan(order.id);
    const withdrawn = await lockManager.post(`/api/v1/consent-requests/${requestId}/withdrawals`, {
      kind: 'letter',
      doorIds: [entrance],
      name: 'Olle Förvaltare',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(201);
    const after = await readOrder(order.id);
    expect(after.state).toBe('requested');
    expect(after.transitions.at(-1)).toMatchObject({
      fromState: 'planned',
      toState: 'requested',
      reason: null,
      reasonKind: 'owner_withdrew_consent',
      reasonParams: { decidedOn: '2027-03-10' },
    });
    const audit = await server.db.pool.query(
      `SELECT after FROM audit_entry WHERE entity = 'work_order' AND entity_id = $1 AND action = 'update'
         AND after ? 'reasonKind'`,
      [order.id],
    );
    expect(audit.rows.map((row) => row.after)).toEqual([
      { state: 'requested', reasonKind: 'owner_withdrew_consent', reasonParams: { decidedOn: '2027-03-10' } },
    ]);
    // It waits for consent again: planning is refused until the owner says yes anew.
    await expectRefused(
      order.id,
      () => lockManager.post(`/api/v1/work-orders/${order.id}/transitions`, { to: 'planned' }),
      409,
      'consent_missing',
    );
  });

  it('refuses to install at the door once the owner said no through a new link, the order under way', async () => {
    const entrance = await door('entrance');
    await answerOwner(entrance, 'consented');
    const order = await createOrder({ kind: 'install', doorId: entrance });
    await plan(order.id);
    const enrolled = await installer.post(`/api/v1/work-orders/${order.id}/enrol-lock`, await enrolBody());
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
    // A "no" after a "yes" is a withdrawal; the installer is at the door, so the order stays theirs.
    await answerOwner(entrance, 'declined');
    expect((await readOrder(order.id)).state).toBe('in_progress');
    await expectRefused(
      order.id,
      () => installer.post(`/api/v1/work-orders/${order.id}/install`, {}),
      409,
      'consent_no_longer_given',
    );
  });
});

describe('a customer who withdraws consent to a lock on their own door (R6.2)', () => {
  it('refuses to install an order already under way', async () => {
    const apartment = await door('apartment_door');
    const customerId = await customerBehind(apartment);
    const decide = (decision: string) =>
      lockManager.post(`/api/v1/customers/${customerId}/lock-consents`, {
        decision,
        decidedOn: '2027-03-10',
        givenHow: 'signed_form',
      });
    expect((await decide('consented')).status).toBe(201);
    const order = await createOrder({ kind: 'install', doorId: apartment, customerId });
    await plan(order.id);
    expect(
      (await installer.post(`/api/v1/work-orders/${order.id}/enrol-lock`, await enrolBody())).status,
    ).toBe(200);
    const withdrawn = await decide('withdrawn');
    expect([withdrawn.status, withdrawn.body.cancelledOrders]).toEqual([201, []]);
    await expectRefused(
      order.id,
      () =>
        installer.post(`/api/v1/work-orders/${order.id}/install`, {
          originalLockStorage: 'Hylla 3, låda 12',
        }),
      409,
      'consent_no_longer_given',
    );
    expect((await decide('consented')).status).toBe(201);
  });
});

describe('an install at a key safe made by hand', () => {
  it('waits for the consent of the customer whose way in the key safe is on', async () => {
    const keySafe = await door('key_safe');
    const apartment = await door('apartment_door');
    const customerId = await customerBehind(apartment);
    const order = await createOrder({ kind: 'install', doorId: keySafe });
    expect(order.awaits).toBe('customer_consent');
    const path = await admin.put(`/api/v1/customers/${customerId}/access-path`, {
      doorIds: [keySafe, apartment],
    });
    expect(path.status, JSON.stringify(path.body)).toBe(200);
    const toPlanned = () =>
      lockManager.post(`/api/v1/work-orders/${order.id}/transitions`, { to: 'planned' });
    await expectRefused(order.id, toPlanned, 409, 'consent_missing');
    const consented = await lockManager.post(`/api/v1/customers/${customerId}/lock-consents`, {
      decision: 'consented',
      decidedOn: '2027-03-09',
      givenHow: 'in_person',
    });
    expect(consented.status).toBe(201);
    expect((await toPlanned()).status).toBe(200);
  });
});

describe('a move order', () => {
  it('waits for the consent its target door needs, and the lock does not go on once it is withdrawn', async () => {
    const target = await door('entrance');
    const order = await createOrder({ kind: 'move', doorId: world.door.a, targetDoorId: target });
    expect(order.awaits).toBe('owner_consent');
    await expectRefused(
      order.id,
      () => lockManager.post(`/api/v1/work-orders/${order.id}/transitions`, { to: 'planned' }),
      409,
      'consent_missing',
    );
    const requestId = await answerOwner(target, 'consented');
    await plan(order.id);
    // The owner withdraws: the planned move waits for consent again, as an install would.
    const withdrawn = await lockManager.post(`/api/v1/consent-requests/${requestId}/withdrawals`, {
      kind: 'letter',
      doorIds: [target],
      name: 'Olle Förvaltare',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(201);
    expect((await readOrder(order.id)).transitions.at(-1)).toMatchObject({
      toState: 'requested',
      reasonKind: 'owner_withdrew_consent',
    });
    // Consented anew and planned; the installer starts, and the owner says no while they are on
    // the way: the order stays theirs, and the lock stays where it is.
    await answerOwner(target, 'consented');
    await plan(order.id);
    const started = await installer.post(`/api/v1/work-orders/${order.id}/transitions`, {
      to: 'in_progress',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    await answerOwner(target, 'declined');
    expect((await readOrder(order.id)).state).toBe('in_progress');
    await expectRefused(
      order.id,
      () => installer.post(`/api/v1/work-orders/${order.id}/move`, { force: true, reason: 'Porten byts' }),
      409,
      'consent_no_longer_given',
    );
    const failed = await installer.post(`/api/v1/work-orders/${order.id}/transitions`, {
      to: 'failed',
      reason: 'Ägaren sa nej',
    });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
  });

  it('to a customer’s own door waits for that customer', async () => {
    const apartment = await door('apartment_door');
    const customerId = await customerBehind(apartment);
    const order = await createOrder({ kind: 'move', doorId: world.door.a, targetDoorId: apartment });
    expect(order.awaits).toBe('customer_consent');
    const toPlanned = () =>
      lockManager.post(`/api/v1/work-orders/${order.id}/transitions`, { to: 'planned' });
    await expectRefused(order.id, toPlanned, 409, 'consent_missing');
    const consented = await lockManager.post(`/api/v1/customers/${customerId}/lock-consents`, {
      decision: 'consented',
      decidedOn: '2027-03-09',
      givenHow: 'in_person',
    });
    expect(consented.status).toBe(201);
    expect((await toPlanned()).status).toBe(200);
  });
});

describe('a customer’s move whose consent is withdrawn while it is under way (R6.2)', () => {
  /** A served customer with a lock on their apartment door moves to a new one: a move order. */
  async function moveCustomer() {
    const oldApartment = await door('apartment_door');
    const newApartment = await door('apartment_door');
    const customerId = await customerBehind(oldApartment);
    const lock = await admin.post('/api/v1/locks', {
      lockType: 'cylinder_ring',
      serial: unique('PV-FL'),
      status: 'installed',
      doorId: oldApartment,
    });
    expect(lock.status, JSON.stringify(lock.body)).toBe(201);
    const service = await admin.post('/api/v1/customer-services', {
      customerId,
      service: 'home_care',
      providerId: world.provider.a,
      startsOn: '2027-03-01',
      endsOn: null,
    });
    expect(service.status, JSON.stringify(service.body)).toBe(201);
    const moved = await admin.patch(`/api/v1/customers/${customerId}`, { apartmentDoorId: newApartment });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const orders = await lockManager.get(`/api/v1/work-orders?kind=move&limit=500`);
    const order = orders.body.items.find(
      (item: { targetDoorId: string }) => item.targetDoorId === newApartment,
    );
    expect(order, JSON.stringify(orders.body)).toMatchObject({
      awaits: 'customer_consent',
      state: 'requested',
    });
    return { customerId, orderId: order.id as string };
  }

  it('is handed back to requested by the installer the door refused, and then waits for consent again', async () => {
    const { customerId, orderId } = await moveCustomer();
    const decide = (decision: string) =>
      lockManager.post(`/api/v1/customers/${customerId}/lock-consents`, {
        decision,
        decidedOn: '2027-03-10',
        givenHow: 'phone',
      });
    expect((await decide('consented')).status).toBe(201);
    await plan(orderId);
    const started = await installer.post(`/api/v1/work-orders/${orderId}/transitions`, { to: 'in_progress' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const withdrawn = await decide('withdrawn');
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(201);
    // Under way, the order stays the installer's; the door refuses the lock, and says what to do.
    expect((await readOrder(orderId)).state).toBe('in_progress');
    const atDoor = await installer.post(`/api/v1/work-orders/${orderId}/move`, {});
    expect([atDoor.status, atDoor.body.code]).toEqual([409, 'consent_no_longer_given']);
    expect(atDoor.body.message).toContain('back to requested');
    // Without consent nobody plans it, also not back from under way.
    await expectRefused(
      orderId,
      () =>
        lockManager.post(`/api/v1/work-orders/${orderId}/transitions`, {
          to: 'planned',
          reason: 'Bokas om',
        }),
      409,
      'consent_missing',
    );
    // The step the door named works for the installer: back to requested, with their reason.
    const underWay = await readOrder(orderId);
    const handedBack = await installer.post(`/api/v1/work-orders/${orderId}/transitions`, {
      to: 'requested',
      version: underWay.version,
      reason: 'Kunden har återkallat sitt samtycke',
    });
    expect(handedBack.status, JSON.stringify(handedBack.body)).toBe(200);
    expect(handedBack.body).toMatchObject({
      state: 'requested',
      awaits: 'customer_consent',
      stateReason: 'Kunden har återkallat sitt samtycke',
    });
    expect(handedBack.body.transitions.at(-1)).toMatchObject({
      fromState: 'in_progress',
      toState: 'requested',
      reasonKind: 'text',
    });
    await expectRefused(
      orderId,
      () => lockManager.post(`/api/v1/work-orders/${orderId}/transitions`, { to: 'planned' }),
      409,
      'consent_missing',
    );
    // The lock manager decides: the customer does not want the lock, so the move is cancelled.
    const cancelled = await lockManager.post(`/api/v1/work-orders/${orderId}/transitions`, {
      to: 'cancelled',
      reason: 'Kunden vill inte ha låset',
    });
    expect([cancelled.status, cancelled.body.state]).toEqual([200, 'cancelled']);
  });
});

describe('a battery order', () => {
  it('names the lock on its door when made for the door alone, and finishing it records the change', async () => {
    const order = await createOrder({ kind: 'battery', doorId: world.door.a });
    expect(order.lockDeviceId).toBe(world.lockDevice.a);
    await plan(order.id);
    for (const to of ['in_progress', 'done'])
      expect((await installer.post(`/api/v1/work-orders/${order.id}/transitions`, { to })).status).toBe(200);
    const changes = await lockManager.get(`/api/v1/locks/${world.lockDevice.a}/battery-changes`);
    expect(changes.body.items).toEqual([
      expect.objectContaining({ workOrderId: order.id, doneBy: 'installer' }),
    ]);
  });
});

describe('orders that could never be carried out', () => {
  it('refuses a lock that is not on the order’s door, and a move to the door it is on', async () => {
    const elsewhere = await door('entrance');
    const count = async () =>
      Number((await server.db.pool.query('SELECT count(*) AS n FROM work_order')).rows[0].n);
    const before = await count();
    const wrongLock = await lockManager.post('/api/v1/work-orders', {
      kind: 'battery',
      doorId: elsewhere,
      lockDeviceId: world.lockDevice.a,
    });
    expect([wrongLock.status, wrongLock.body.code, wrongLock.body.details]).toEqual([
      422,
      'lock_not_on_door',
      { field: 'lockDeviceId' },
    ]);
    const sameDoor = await lockManager.post('/api/v1/work-orders', {
      kind: 'move',
      doorId: world.door.a,
      targetDoorId: world.door.a,
    });
    expect([sameDoor.status, sameDoor.body.code, sameDoor.body.details]).toEqual([
      422,
      'same_door',
      { field: 'targetDoorId' },
    ]);
    expect(await count()).toBe(before);
  });

  it('keeps a finished order’s installer, booking and minutes; only its notes may be added to', async () => {
    const order = await createOrder({ kind: 'repair', doorId: world.door.b });
    await plan(order.id);
    for (const to of ['in_progress', 'done'])
      expect((await installer.post(`/api/v1/work-orders/${order.id}/transitions`, { to })).status).toBe(200);
    const done = await readOrder(order.id);
    for (const change of [
      { assignedUserId: otherInstallerId },
      { plannedMinutes: 600 },
      { bookedFrom: '2027-03-11T08:00:00Z', bookedUntil: '2027-03-11T09:00:00Z' },
    ])
      await expectRefused(
        order.id,
        () => lockManager.patch(`/api/v1/work-orders/${order.id}`, { version: done.version, ...change }),
        409,
        'order_finished',
      );
    const noted = await lockManager.patch(`/api/v1/work-orders/${order.id}`, {
      version: done.version,
      notes: 'Kvitto inlämnat.',
    });
    expect([noted.status, noted.body.notes, noted.body.assignedUserId]).toEqual([
      200,
      'Kvitto inlämnat.',
      installerId,
    ]);
  });
});
