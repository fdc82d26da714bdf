// A case that names a customer and a door or lock is about that customer's way in, and one that
// names a door and a lock is about that door's lock (docs/support.md "Links"): another customer's
// door or lock, or a lock on another door, is refused with 422 naming the field,
// nothing stored, and only after the reach check, so an id the raiser cannot reach still answers
// the same 404 as an unknown one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, ApiResponse, TestServer } from '../platform/testing';
import { createRecord, startTestWorld, unique, type World } from '../platform/world.testing';

/** Wednesday 10 March 2027, 10:00 in Stockholm: support is open. */
const day = new Date('2027-03-10T09:00:00Z');

let server: TestServer;
let world: World;
let support: ApiClient;
let workLead: ApiClient;
/** A neighbour of the world's customer A, served by the same provider: her apartment door. */
let neighbourDoorId: string;

const count = async (table: string) =>
  Number((await server.db.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

async function expectNothingStored(call: () => Promise<ApiResponse>, status: number, code: string) {
  const before = [await count('support_case'), await count('support_case_note'), await count('audit_entry')];
  const response = await call();
  expect(response.body.code, JSON.stringify(response.body)).toBe(code);
  expect(response.status).toBe(status);
  expect([await count('support_case'), await count('support_case_note'), await count('audit_entry')]).toEqual(
    before,
  );
  return response;
}

const raise = (client: ApiClient, body: Record<string, unknown>) =>
  client.post('/api/v1/support-cases', { category: 'cannot_get_in', title: unique('Dörren'), ...body });

beforeAll(async () => {
  const started = await startTestWorld({ now: () => day });
  ({ server, world } = started);
  support = await started.login('support');
  workLead = await started.login('work_lead', { providerId: world.provider.a });
  const admin = started.admin;
  neighbourDoorId = await createRecord(admin, 'doors', {
    propertyId: world.property.a,
    kind: 'apartment_door',
    label: 'Lgh 1002',
  });
  const neighbour = await createRecord(admin, 'customers', {
    districtId: world.district.a,
    givenName: 'Stina',
    familyName: unique('Ek'),
    residencePropertyId: world.property.a,
    apartmentDoorId: neighbourDoorId,
  });
  await createRecord(admin, 'customer-services', {
    customerId: neighbour,
    service: 'home_care',
    providerId: world.provider.a,
    startsOn: '2026-01-01',
  });
  const path = await admin.put(`/api/v1/customers/${neighbour}/access-path`, {
    doorIds: [world.door.a, neighbourDoorId],
  });
  expect(path.status, JSON.stringify(path.body)).toBe(200);
}, 180_000);
afterAll(async () => server?.close());

describe('a case’s door and lock belong to the customer it names', () => {
  it('accepts the doors and locks on the customer’s way in', async () => {
    for (const links of [
      { doorId: world.door.a, lockDeviceId: world.lockDevice.a },
      { doorId: world.door.apartmentA, lockDeviceId: world.lockDevice.apartmentA },
    ]) {
      const response = await raise(support, { customerId: world.customer.a, ...links });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    }
    // A door or lock without a customer is not judged against one.
    for (const links of [
      { doorId: world.door.b },
      { lockDeviceId: world.lockDevice.inStock },
      { doorId: world.door.b, lockDeviceId: world.lockDevice.b },
    ])
      expect((await raise(support, links)).status).toBe(201);
  });

  it('refuses a lock that is not on the door the case names, with or without a customer, nothing stored', async () => {
    for (const body of [
      { doorId: world.door.b, lockDeviceId: world.lockDevice.inStock },
      { doorId: world.door.b, lockDeviceId: world.lockDevice.a },
      { customerId: world.customer.a, doorId: world.door.apartmentA, lockDeviceId: world.lockDevice.a },
    ]) {
      const refused = await expectNothingStored(() => raise(support, body), 422, 'lock_not_on_door');
      expect(refused.body.details).toEqual({ field: 'lockDeviceId' });
    }
  });

  it('refuses another customer’s door or lock, naming the field, nothing stored', async () => {
    const door = await expectNothingStored(
      () => raise(support, { customerId: world.customer.a, doorId: world.door.b }),
      422,
      'door_not_of_customer',
    );
    expect(door.body.details).toEqual({ field: 'doorId' });
    for (const lockDeviceId of [world.lockDevice.b, world.lockDevice.inStock]) {
      const lock = await expectNothingStored(
        () => raise(support, { customerId: world.customer.a, lockDeviceId }),
        422,
        'lock_not_of_customer',
      );
      expect(lock.body.details).toEqual({ field: 'lockDeviceId' });
    }
  });

  it('refuses a work lead’s neighbouring customer’s door, both within the provider’s reach', async () => {
    const refused = await expectNothingStored(
      () => raise(workLead, { customerId: world.customer.a, doorId: neighbourDoorId }),
      422,
      'door_not_of_customer',
    );
    expect(refused.body.details).toEqual({ field: 'doorId' });
  });

  it('answers a door out of the raiser’s reach with the same 404 as before, customer named or not', async () => {
    for (const body of [{ doorId: world.door.b }, { customerId: world.customer.a, doorId: world.door.b }]) {
      const refused = await expectNothingStored(() => raise(workLead, body), 404, 'not_found');
      expect(refused.body.details).toEqual({ field: 'doorId' });
    }
  });
});
