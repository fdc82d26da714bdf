// The lock triggers over real HTTP on real PostgreSQL with a fixed clock (docs/work-orders.md
// "Triggers, consent and introductions"): a service granted makes install orders, the last
// service ended proposes a dismount without stranding a partner (withdrawn while still requested
// when the end is removed or moved later, or a new service begins), a move makes a move order (and no
// install on its target door while it is open, nor a planned one left planned by a withdrawn
// consent), and a refusal cancels the customer's own install and keeps new ones from being made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, unique, type World } from '../platform/world.testing';

const now = new Date('2027-03-10T10:00:00Z');
let server: TestServer;
let world: World;
let admin: ApiClient;

interface Home {
  property: string;
  entrance: string;
  apartment: string;
}

interface OrderRow {
  kind: string;
  door_id: string;
  customer_id: string | null;
  target_door_id: string | null;
  lock_device_id: string | null;
  awaits: string;
  origin: string;
  state: string;
  state_reason: string | null;
  /** The newest history step's reason: a person's text, or the fact the server recorded. */
  last_reason: { reason: string | null; kind: string; params: Record<string, unknown> | null };
}

async function create(path: string, body: Record<string, unknown>): Promise<string> {
  const response = await admin.post(`/api/v1/${path}`, body);
  if (response.status !== 201)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

async function makeHome(): Promise<Home> {
  const property = await create('properties', {
    districtId: world.district.a,
    ownerId: world.propertyOwner.a,
    designation: unique('Lingonet'),
    streetAddress: 'Lingonvägen 3',
  });
  return {
    property,
    entrance: await create('doors', { propertyId: property, kind: 'entrance', label: unique('Port') }),
    apartment: await create('doors', { propertyId: property, kind: 'apartment_door', label: unique('Lgh') }),
  };
}

async function addApartment(home: Home): Promise<string> {
  return create('doors', { propertyId: home.property, kind: 'apartment_door', label: unique('Lgh') });
}

/** A customer living behind the home's entrance and `apartment`, with that access path. */
async function makeCustomer(home: Home, apartment = home.apartment): Promise<string> {
  const id = await create('customers', {
    districtId: world.district.a,
    givenName: 'Signe',
    familyName: unique('Ek'),
    residencePropertyId: home.property,
    apartmentDoorId: apartment,
  });
  const path = await admin.put(`/api/v1/customers/${id}/access-path`, {
    doorIds: [home.entrance, apartment],
  });
  expect(path.status).toBe(200);
  return id;
}

async function grant(
  customerId: string,
  providerId = world.provider.a,
  dates: { startsOn: string; endsOn: string | null } = { startsOn: '2027-03-01', endsOn: null },
) {
  return create('customer-services', { customerId, service: 'home_care', providerId, ...dates });
}

async function installLock(doorId: string): Promise<string> {
  return create('locks', { lockType: 'cylinder_ring', serial: unique('PV-T'), status: 'installed', doorId });
}

async function ordersOn(doorIds: string[]): Promise<OrderRow[]> {
  const { rows } = await server.db.pool.query<OrderRow>(
    `SELECT kind, door_id, customer_id, target_door_id, lock_device_id, awaits, origin, state, state_reason,
       (SELECT jsonb_build_object('reason', t.reason, 'kind', t.reason_kind, 'params', t.reason_params)
        FROM work_order_transition t WHERE t.work_order_id = work_order.id ORDER BY t.id DESC LIMIT 1) AS last_reason
     FROM work_order WHERE door_id = ANY($1::uuid[])
     -- In the order made: a reference is random (docs/work-orders.md "References"), its first step's id is not.
     ORDER BY created_at, (SELECT min(t.id) FROM work_order_transition t WHERE t.work_order_id = work_order.id)`,
    [doorIds],
  );
  return rows;
}

beforeAll(async () => {
  ({ server, admin, world } = await startTestWorld({ now: () => now }));
}, 120_000);
afterAll(async () => server?.close());

describe('a service granted', () => {
  it('makes one install order per door without a lock, each waiting for the right consent', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    expect(await ordersOn([home.entrance, home.apartment])).toEqual([]);
    await grant(customer);
    const orders = await ordersOn([home.entrance, home.apartment]);
    expect(
      orders.map((order) => [order.kind, order.door_id, order.awaits, order.origin, order.state]),
    ).toEqual([
      ['install', home.entrance, 'owner_consent', 'service_granted', 'requested'],
      ['install', home.apartment, 'customer_consent', 'service_granted', 'requested'],
    ]);
    expect(orders.every((order) => order.customer_id === customer)).toBe(true);
    // Each order is in the audit trail, with the request's clock on its history.
    const audit = await server.db.pool.query(
      "SELECT 1 FROM audit_entry WHERE entity = 'work_order' AND action = 'create' AND after->>'customerId' = $1",
      [customer],
    );
    expect(audit.rowCount).toBe(2);
    const history = await server.db.pool.query<{ at: Date }>(
      'SELECT t.at FROM work_order_transition t JOIN work_order o ON o.id = t.work_order_id WHERE o.customer_id = $1',
      [customer],
    );
    expect(history.rows.map((row) => row.at.toISOString())).toEqual([now.toISOString(), now.toISOString()]);
  });

  it('makes no second order when a second service is granted, nor for doors that have a lock', async () => {
    const home = await makeHome();
    await installLock(home.entrance);
    const customer = await makeCustomer(home);
    await grant(customer);
    await grant(customer, world.provider.b);
    const orders = await ordersOn([home.entrance, home.apartment]);
    expect(orders.map((order) => [order.kind, order.door_id])).toEqual([['install', home.apartment]]);
  });

  it('cancels the door’s unstarted install order when a lock is installed there outside it', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    await grant(customer);
    await installLock(home.apartment);
    const orders = await ordersOn([home.entrance, home.apartment]);
    // The reason is a fact the console words, no longer an English sentence (changed on purpose).
    expect(
      orders.map((order) => [order.door_id, order.state, order.state_reason, order.last_reason]),
    ).toEqual([
      [
        home.entrance,
        'requested',
        null,
        { reason: null, kind: 'origin', params: { origin: 'service_granted' } },
      ],
      [
        home.apartment,
        'cancelled',
        null,
        { reason: null, kind: 'lock_installed_outside_order', params: null },
      ],
    ]);
  });

  it('makes install orders when a served customer’s access path is set', async () => {
    const home = await makeHome();
    const customer = await create('customers', {
      districtId: world.district.a,
      givenName: 'Ove',
      familyName: unique('Al'),
      residencePropertyId: home.property,
      apartmentDoorId: home.apartment,
    });
    await grant(customer);
    expect((await ordersOn([home.entrance, home.apartment])).map((order) => order.door_id)).toEqual([
      home.apartment,
    ]);
    await admin.put(`/api/v1/customers/${customer}/access-path`, {
      doorIds: [home.entrance, home.apartment],
    });
    expect((await ordersOn([home.entrance, home.apartment])).map((order) => order.door_id)).toEqual([
      home.apartment,
      home.entrance,
    ]);
  });

  it('makes nothing for a service that has already ended', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    await grant(customer, world.provider.a, { startsOn: '2027-01-01', endsOn: '2027-02-28' });
    expect(await ordersOn([home.entrance, home.apartment])).toEqual([]);
  });
});

describe('the last service ended', () => {
  it('proposes dismounting the customer’s own lock, never the entrance', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    const service = await grant(customer);
    const entranceLock = await installLock(home.entrance);
    const apartmentLock = await installLock(home.apartment);
    expect((await admin.patch(`/api/v1/customer-services/${service}`, { endsOn: '2027-03-10' })).status).toBe(
      200,
    );
    const dismounts = (await ordersOn([home.entrance, home.apartment])).filter(
      (order) => order.kind === 'dismount',
    );
    expect(dismounts).toEqual([
      expect.objectContaining({
        door_id: home.apartment,
        lock_device_id: apartmentLock,
        customer_id: customer,
        origin: 'service_ended',
        state: 'requested',
        awaits: 'nothing',
      }),
    ]);
    expect(dismounts.some((order) => order.lock_device_id === entranceLock)).toBe(false);
  });

  it('proposes nothing while another service of the customer goes on', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    const service = await grant(customer);
    await grant(customer, world.provider.b);
    await installLock(home.apartment);
    await admin.patch(`/api/v1/customer-services/${service}`, { endsOn: '2027-03-10' });
    expect((await ordersOn([home.apartment])).filter((order) => order.kind === 'dismount')).toEqual([]);
  });

  it('proposes a dismount when the last service is deleted', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    // One starting today: a service whose first day has passed is ended, not deleted.
    const service = await grant(customer, world.provider.a, { startsOn: '2027-03-10', endsOn: null });
    await installLock(home.apartment);
    expect((await admin.delete(`/api/v1/customer-services/${service}`)).status).toBe(204);
    expect((await ordersOn([home.apartment])).filter((order) => order.kind === 'dismount')).toHaveLength(1);
  });

  it('withdraws a requested dismount when the end is moved later or removed: none is planned while served', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    const service = await grant(customer);
    await installLock(home.apartment);
    const endOn = (endsOn: string | null) => admin.patch(`/api/v1/customer-services/${service}`, { endsOn });
    const dismounts = async () =>
      (await ordersOn([home.apartment]))
        .filter((order) => order.kind === 'dismount')
        .map((order) => [order.origin, order.state, order.last_reason.kind]);
    expect((await endOn('2027-03-20')).status).toBe(200);
    expect(await dismounts()).toEqual([['service_ended', 'requested', 'origin']]);
    // Moved later: the order for the earlier end is withdrawn, one for the end as it stands made.
    expect((await endOn('2027-04-30')).status).toBe(200);
    expect(await dismounts()).toEqual([
      ['service_ended', 'cancelled', 'service_extended'],
      ['service_ended', 'requested', 'origin'],
    ]);
    // Removed: served on with no end, so no dismount stays open.
    expect((await endOn(null)).status).toBe(200);
    expect(await dismounts()).toEqual([
      ['service_ended', 'cancelled', 'service_extended'],
      ['service_ended', 'cancelled', 'service_extended'],
    ]);
    const audit = await server.db.pool.query(
      "SELECT 1 FROM audit_entry WHERE entity = 'work_order' AND action = 'update' AND after->>'reasonKind' = 'service_extended'",
    );
    expect(audit.rowCount).toBeGreaterThanOrEqual(2);
  });

  it('withdraws a requested dismount when a new service begins for the customer', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    const service = await grant(customer);
    await installLock(home.apartment);
    expect((await admin.patch(`/api/v1/customer-services/${service}`, { endsOn: '2027-03-20' })).status).toBe(
      200,
    );
    await grant(customer, world.provider.b, { startsOn: '2027-03-21', endsOn: null });
    const dismounts = (await ordersOn([home.apartment])).filter((order) => order.kind === 'dismount');
    expect(dismounts.map((order) => [order.state, order.last_reason.kind])).toEqual([
      ['cancelled', 'service_extended'],
    ]);
  });

  it('never strands a partner behind the same apartment door (a couple)', async () => {
    const home = await makeHome();
    const first = await makeCustomer(home);
    const second = await makeCustomer(home);
    const firstService = await grant(first);
    const secondService = await grant(second);
    await installLock(home.apartment);
    await admin.patch(`/api/v1/customer-services/${firstService}`, { endsOn: '2027-03-10' });
    expect((await ordersOn([home.apartment])).filter((order) => order.kind === 'dismount')).toEqual([]);
    await admin.patch(`/api/v1/customer-services/${secondService}`, { endsOn: '2027-03-31' });
    const dismounts = (await ordersOn([home.apartment])).filter((order) => order.kind === 'dismount');
    expect(dismounts.map((order) => [order.customer_id, order.state])).toEqual([[second, 'requested']]);
  });
});

describe('a move', () => {
  it('makes a move order from the old apartment door to the new one', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    await grant(customer);
    const lock = await installLock(home.apartment);
    const newApartment = await addApartment(home);
    expect(
      (await admin.patch(`/api/v1/customers/${customer}`, { apartmentDoorId: newApartment })).status,
    ).toBe(200);
    const moves = (await ordersOn([home.apartment, newApartment])).filter(
      (order) => order.origin === 'customer_moved',
    );
    expect(moves).toEqual([
      expect.objectContaining({
        kind: 'move',
        door_id: home.apartment,
        target_door_id: newApartment,
        lock_device_id: lock,
        customer_id: customer,
      }),
    ]);
  });

  it('makes an install order on the new door when the old door has no lock', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    await grant(customer);
    const newApartment = await addApartment(home);
    await admin.patch(`/api/v1/customers/${customer}`, { apartmentDoorId: newApartment });
    expect(
      (await ordersOn([newApartment])).map((order) => [
        order.kind,
        order.awaits,
        order.origin,
        order.customer_id,
      ]),
    ).toEqual([['install', 'customer_consent', 'customer_moved', customer]]);
  });

  it('leaves the old lock for a partner who stays, and installs on the new door', async () => {
    const home = await makeHome();
    const mover = await makeCustomer(home);
    const partner = await makeCustomer(home);
    await grant(mover);
    await grant(partner);
    await installLock(home.apartment);
    const newApartment = await addApartment(home);
    await admin.patch(`/api/v1/customers/${mover}`, { apartmentDoorId: newApartment });
    const orders = (await ordersOn([home.apartment, newApartment])).filter(
      (order) => order.origin === 'customer_moved',
    );
    expect(orders.map((order) => [order.kind, order.door_id])).toEqual([['install', newApartment]]);
  });

  it('makes no install order on the new door while an open move brings the lock there', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    await grant(customer);
    await installLock(home.apartment);
    const newApartment = await addApartment(home);
    await admin.patch(`/api/v1/customers/${customer}`, { apartmentDoorId: newApartment });
    const [move] = (await ordersOn([home.apartment])).filter((order) => order.kind === 'move');
    expect(move).toMatchObject({ target_door_id: newApartment, state: 'requested' });
    // Replacing the way in proposes installs on its doors without a lock: not on the move's target.
    expect((await admin.put(`/api/v1/customers/${customer}/access-path`, { doorIds: [] })).status).toBe(200);
    expect((await ordersOn([newApartment])).map((order) => order.kind)).toEqual([]);
    // Nor by hand: the refusal names the move.
    const byHand = await admin.post('/api/v1/work-orders', { kind: 'install', doorId: newApartment });
    expect([byHand.status, byHand.body.code, byHand.body.details]).toEqual([
      409,
      'already_exists',
      { field: 'doorId', openMove: { id: expect.any(String), reference: expect.stringMatching(/^AO-/) } },
    ]);
    // A move no longer open brings no lock: then the door gets its install.
    const { rows } = await server.db.pool.query(
      `SELECT id FROM work_order WHERE kind = 'move' AND door_id = $1`,
      [home.apartment],
    );
    const cancelled = await admin.post(`/api/v1/work-orders/${rows[0].id}/transitions`, {
      to: 'cancelled',
      reason: 'Låset blir kvar hos partnern',
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const replaced = await admin.put(`/api/v1/customers/${customer}/access-path`, {
      doorIds: [home.entrance, newApartment],
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect((await ordersOn([newApartment])).map((order) => [order.kind, order.origin])).toEqual([
      ['install', 'service_granted'],
    ]);
  });

  it('takes a planned move onto the customer’s door back to requested when they withdraw consent', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    await grant(customer);
    await installLock(home.apartment);
    const newApartment = await addApartment(home);
    const moved = await admin.patch(`/api/v1/customers/${customer}`, {
      residencePropertyId: home.property,
      apartmentDoorId: newApartment,
      apartment: '1102',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const { rows } = await server.db.pool.query<{ id: string; reference: string }>(
      `SELECT id, reference FROM work_order WHERE kind = 'move' AND target_door_id = $1`,
      [newApartment],
    );
    const move = rows[0]!;
    const consent = (decision: string) =>
      admin.post(`/api/v1/customers/${customer}/lock-consents`, {
        decision,
        decidedOn: '2027-03-10',
        givenHow: 'phone',
      });
    expect((await consent('consented')).status).toBe(201);
    const planned = await admin.post(`/api/v1/work-orders/${move.id}/transitions`, { to: 'planned' });
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
    await admin.put(`/api/v1/customers/${customer}/access-path`, { doorIds: [] });
    const withdrawn = await consent('withdrawn');
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(201);
    // The move is not cancelled (the lock on the old door still needs a decision): it waits again.
    expect(withdrawn.body.returnedOrders).toEqual([{ id: move.id, reference: move.reference }]);
    expect(withdrawn.body.cancelledOrders).not.toContainEqual(expect.objectContaining({ id: move.id }));
    const [order] = (await ordersOn([home.apartment])).filter((row) => row.kind === 'move');
    expect([order!.state, order!.state_reason, order!.last_reason]).toEqual([
      'requested',
      null,
      { reason: null, kind: 'customer_withdrew_consent', params: { decidedOn: '2027-03-10' } },
    ]);
    const audit = await server.db.pool.query(
      `SELECT after FROM audit_entry WHERE entity = 'work_order' AND entity_id = $1 AND action = 'update'
         AND after ? 'reasonKind'`,
      [move.id],
    );
    expect(audit.rows.map((row) => row.after)).toEqual([
      {
        state: 'requested',
        reasonKind: 'customer_withdrew_consent',
        reasonParams: { decidedOn: '2027-03-10' },
      },
    ]);
    const replanned = await admin.post(`/api/v1/work-orders/${move.id}/transitions`, { to: 'planned' });
    expect([replanned.status, replanned.body.code]).toEqual([409, 'consent_missing']);
  });
});

describe('the customer refuses a lock', () => {
  it('cancels the apartment install, keeps the entrance’s, and makes no new apartment order', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    await grant(customer);
    // The registry's rule: a refusing customer has no digital way in, so the path goes first.
    const withPath = await admin.post(`/api/v1/customers/${customer}/lock-consents`, {
      decision: 'refused',
      decidedOn: '2027-03-09',
      givenHow: 'phone',
    });
    expect([withPath.status, withPath.body.code]).toEqual([409, 'customer_has_access_path']);
    expect((await admin.get(`/api/v1/customers/${customer}/lock-consents`)).body.items).toEqual([]);
    expect((await ordersOn([home.apartment])).map((order) => order.state)).toEqual(['requested']);
    await admin.put(`/api/v1/customers/${customer}/access-path`, { doorIds: [] });

    const refused = await admin.post(`/api/v1/customers/${customer}/lock-consents`, {
      decision: 'refused',
      decidedOn: '2027-03-09',
      givenHow: 'phone',
      note: 'Vill behålla sin nyckel',
    });
    expect(refused.status).toBe(201);
    expect(refused.body.hasRefusedLock).toBe(true);
    expect(refused.body.cancelledOrders).toHaveLength(1);
    const [entrance] = await ordersOn([home.entrance]);
    const [apartment] = await ordersOn([home.apartment]);
    expect(entrance!.state).toBe('requested');
    // The refusal is recorded as a fact with its day, no longer an English sentence (changed on purpose).
    expect([apartment!.state, apartment!.state_reason]).toEqual(['cancelled', null]);
    const cancelled = await admin.get(`/api/v1/work-orders/${refused.body.cancelledOrders[0].id}`);
    expect(
      cancelled.body.transitions.map(
        ({ toState, reason, reasonKind, reasonParams }: Record<string, unknown>) => ({
          toState,
          reason,
          reasonKind,
          reasonParams,
        }),
      ),
    ).toEqual([
      {
        toState: 'requested',
        reason: null,
        reasonKind: 'origin',
        reasonParams: { origin: 'service_granted' },
      },
      {
        toState: 'cancelled',
        reason: null,
        reasonKind: 'customer_refused_lock',
        reasonParams: { decidedOn: '2027-03-09' },
      },
    ]);
    expect((await admin.get(`/api/v1/customers/${customer}`)).body.hasRefusedLock).toBe(true);

    await grant(customer, world.provider.b);
    expect((await ordersOn([home.apartment])).map((order) => order.state)).toEqual(['cancelled']);

    const consented = await admin.post(`/api/v1/customers/${customer}/lock-consents`, {
      decision: 'consented',
      decidedOn: '2027-03-10',
      givenHow: 'signed_form',
    });
    expect([consented.status, consented.body.hasRefusedLock]).toEqual([201, false]);
    const history = await admin.get(`/api/v1/customers/${customer}/lock-consents`);
    expect(history.body.items.map((item: { decision: string }) => item.decision)).toEqual([
      'consented',
      'refused',
    ]);
    expect((await admin.get(`/api/v1/customers/${customer}`)).body.hasRefusedLock).toBe(false);
  });

  it('records a withdrawn consent as the reason of the installs it cancels, with its day', async () => {
    const home = await makeHome();
    const customer = await makeCustomer(home);
    await grant(customer);
    await admin.put(`/api/v1/customers/${customer}/access-path`, { doorIds: [] });
    const withdrawn = await admin.post(`/api/v1/customers/${customer}/lock-consents`, {
      decision: 'withdrawn',
      decidedOn: '2027-03-10',
      givenHow: 'signed_form',
    });
    expect([withdrawn.status, withdrawn.body.cancelledOrders.length]).toEqual([201, 1]);
    const [apartment] = await ordersOn([home.apartment]);
    expect([apartment!.state, apartment!.state_reason, apartment!.last_reason]).toEqual([
      'cancelled',
      null,
      { reason: null, kind: 'customer_withdrew_consent', params: { decidedOn: '2027-03-10' } },
    ]);
    const audit = await server.db.pool.query(
      `SELECT after FROM audit_entry WHERE entity = 'work_order' AND entity_id = $1 AND action = 'update'`,
      [withdrawn.body.cancelledOrders[0].id],
    );
    expect(audit.rows.map((row) => row.after)).toEqual([
      {
        state: 'cancelled',
        reasonKind: 'customer_withdrew_consent',
        reasonParams: { decidedOn: '2027-03-10' },
      },
    ]);
  });
});
