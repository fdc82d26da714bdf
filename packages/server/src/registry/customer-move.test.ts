// A customer who moves home (R3.4, R6.5; docs/api.md "Access path"): the way in follows the move
// in the same change, so staff stop opening the former home (perhaps a new tenant's) and its
// building, and open the new home once it has a lock; within one building the entrances stay.
// Over real HTTP on real PostgreSQL with a fixed clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { createRecord, startTestWorld, unique, type World } from '../platform/world.testing';

let server: TestServer;
let world: World;
let admin: ApiClient;

beforeAll(async () => {
  const started = await startTestWorld({ now: () => new Date('2027-03-10T09:00:00Z') });
  ({ server, world, admin } = started);
}, 120_000);
afterAll(async () => server?.close());

const door = (propertyId: string, kind: string) =>
  createRecord(admin, 'doors', { propertyId, kind, label: unique(kind === 'entrance' ? 'Port' : 'Lgh') });
const pathOf = async (customerId: string) =>
  (
    (await admin.get(`/api/v1/customers/${customerId}/access-path`)).body.doors as Array<{ doorId: string }>
  ).map((step) => step.doorId);

/** A customer at home behind `apartmentDoorId` on `propertyId`, the way in through `entranceId`. */
async function customerAt(propertyId: string, entranceId: string, apartmentDoorId: string) {
  const id = await createRecord(admin, 'customers', {
    districtId: world.district.a,
    givenName: 'Inger',
    familyName: unique('Andersson'),
    residencePropertyId: propertyId,
    apartmentDoorId,
  });
  const path = await admin.put(`/api/v1/customers/${id}/access-path`, {
    doorIds: [entranceId, apartmentDoorId],
  });
  expect(path.status, JSON.stringify(path.body)).toBe(200);
  return id;
}

describe('a customer who moves home', () => {
  it('to another building: the old way in is gone and the new home’s door is the way in', async () => {
    const entrance = await door(world.property.a, 'entrance');
    const oldHome = await door(world.property.a, 'apartment_door');
    const newHome = await door(world.property.b, 'apartment_door');
    const id = await customerAt(world.property.a, entrance, oldHome);
    const moved = await admin.patch(`/api/v1/customers/${id}`, {
      residencePropertyId: world.property.b,
      apartmentDoorId: newHome,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // The answer says where the customer now lives, as a read of the customer would.
    const read = await admin.get(`/api/v1/customers/${id}`);
    expect(read.body.residenceAddress).toBeTruthy();
    expect(moved.body.residenceAddress).toBe(read.body.residenceAddress);
    expect(await pathOf(id)).toEqual([newHome]);
    // The change of the way in is on record with the move, as a path replaced by hand is.
    const audit = await server.db.pool.query(
      `SELECT before, after FROM audit_entry WHERE entity = 'access_path' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.rows.at(-1)).toEqual({ before: [entrance, oldHome], after: [newHome] });
  });

  it('within the building: the entrances stay and the new flat’s door ends the way in', async () => {
    const entrance = await door(world.property.a, 'entrance');
    const oldHome = await door(world.property.a, 'apartment_door');
    const newHome = await door(world.property.a, 'apartment_door');
    const id = await customerAt(world.property.a, entrance, oldHome);
    expect((await admin.patch(`/api/v1/customers/${id}`, { apartmentDoorId: newHome })).status).toBe(200);
    expect(await pathOf(id)).toEqual([entrance, newHome]);
  });

  it('to a home without a door of its own yet: no way in until one is set', async () => {
    const entrance = await door(world.property.a, 'entrance');
    const oldHome = await door(world.property.a, 'apartment_door');
    const id = await customerAt(world.property.a, entrance, oldHome);
    const moved = await admin.patch(`/api/v1/customers/${id}`, {
      residencePropertyId: world.property.b,
      apartmentDoorId: null,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await pathOf(id)).toEqual([]);
  });

  it('leaves the way in alone when the home does not change', async () => {
    const entrance = await door(world.property.a, 'entrance');
    const home = await door(world.property.a, 'apartment_door');
    const id = await customerAt(world.property.a, entrance, home);
    expect((await admin.patch(`/api/v1/customers/${id}`, { givenName: 'Ingegerd' })).status).toBe(200);
    expect(await pathOf(id)).toEqual([entrance, home]);
  });
});

describe('a customer’s district and home', () => {
  const districtOf = async (id: string) => (await admin.get(`/api/v1/customers/${id}`)).body.districtId;

  it('follows the home on a move to another district’s building, so the right area’s patrol serves', async () => {
    const entrance = await door(world.property.a, 'entrance');
    const id = await customerAt(world.property.a, entrance, await door(world.property.a, 'apartment_door'));
    const newHome = await door(world.property.b, 'apartment_door');
    const moved = await admin.patch(`/api/v1/customers/${id}`, {
      residencePropertyId: world.property.b,
      apartmentDoorId: newHome,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await districtOf(id)).toBe(world.district.b);
  });

  it('may not contradict the home, on a move or by itself, and a refused change changes nothing', async () => {
    const entrance = await door(world.property.a, 'entrance');
    const id = await customerAt(world.property.a, entrance, await door(world.property.a, 'apartment_door'));
    const newHome = await door(world.property.b, 'apartment_door');
    const contradicting = await admin.patch(`/api/v1/customers/${id}`, {
      residencePropertyId: world.property.b,
      apartmentDoorId: newHome,
      districtId: world.district.a,
    });
    expect(contradicting.status).toBe(422);
    expect(contradicting.body).toMatchObject({
      code: 'district_not_of_home',
      details: [expect.objectContaining({ field: 'districtId' })],
    });
    const byItself = await admin.patch(`/api/v1/customers/${id}`, { districtId: world.district.b });
    expect(byItself.body.code).toBe('district_not_of_home');
    expect(await districtOf(id)).toBe(world.district.a);
    expect(await pathOf(id)).toEqual([entrance, expect.any(String)]);
  });

  it('is named with its door: a door without a residence is refused, as a door in another building is', async () => {
    const doorOfB = await door(world.property.b, 'apartment_door');
    const withoutHome = await admin.post('/api/v1/customers', {
      districtId: world.district.a,
      givenName: 'Inger',
      familyName: unique('Hemlös'),
      apartmentDoorId: doorOfB,
    });
    expect(withoutHome.status).toBe(422);
    expect(withoutHome.body.code).toBe('residence_required');
    const stored = await server.db.pool.query('SELECT 1 FROM customer WHERE apartment_door_id = $1', [
      doorOfB,
    ]);
    expect(stored.rows).toEqual([]);
    const contradicting = await admin.post('/api/v1/customers', {
      districtId: world.district.a,
      givenName: 'Inger',
      familyName: unique('Fel'),
      residencePropertyId: world.property.b,
      apartmentDoorId: doorOfB,
    });
    expect(contradicting.body.code).toBe('district_not_of_home');
  });

  it('follows the building when the building is moved to another district, on record for each resident', async () => {
    const property = await createRecord(admin, 'properties', {
      districtId: world.district.a,
      ownerId: world.propertyOwner.a,
      designation: unique('Omdistrikt'),
      streetAddress: 'Nygatan 4',
    });
    const entrance = await door(property, 'entrance');
    const id = await customerAt(property, entrance, await door(property, 'apartment_door'));
    const moved = await admin.patch(`/api/v1/properties/${property}`, { districtId: world.district.b });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await districtOf(id)).toBe(world.district.b);
    const audit = await server.db.pool.query(
      `SELECT before->>'districtId' AS "from", after->>'districtId' AS "to" FROM audit_entry
       WHERE entity = 'customer' AND entity_id = $1 AND action = 'update'`,
      [id],
    );
    expect(audit.rows).toEqual([{ from: world.district.a, to: world.district.b }]);
    // The customer's own changes still go through: nothing contradicts.
    expect((await admin.patch(`/api/v1/customers/${id}`, { givenName: 'Irma' })).status).toBe(200);
  });
});
