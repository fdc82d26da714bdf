// A lock row carries the street address of its door's property (`streetAddress`), so a property
// owner tells the "Port A"s of their buildings apart (docs/api.md "Property owners"). The owner's
// answer stays within their own shared doors: no apartment lock, no other owner's address, nothing
// about who lives there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';

const now = new Date('2027-02-08T09:00:00Z');
const addressA = 'Ägargatan 3';
const addressB = 'Grannvägen 9';
let server: TestServer;
let admin: ApiClient;
let owner: ApiClient;
let world: World;

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, admin, world } = started);
  owner = await started.login('property_owner', { propertyOwnerId: world.propertyOwner.a });
  for (const [id, streetAddress] of [
    [world.property.a, addressA],
    [world.property.b, addressB],
  ] as const)
    expect((await admin.patch(`/api/v1/properties/${id}`, { streetAddress })).status).toBe(200);
}, 120_000);
afterAll(async () => server?.close());

type LockItem = { id: string; streetAddress: string | null };

describe('a lock’s property address', () => {
  it('names an owner’s own property on each of their locks, in the list and on the row', async () => {
    const list = await owner.get('/api/v1/locks?limit=500');
    expect(list.status).toBe(200);
    const items = list.body.items as LockItem[];
    expect(items.find((item) => item.id === world.lockDevice.a)?.streetAddress).toBe(addressA);
    expect(new Set(items.map((item) => item.streetAddress))).toEqual(new Set([addressA]));
    const one = await owner.get(`/api/v1/locks/${world.lockDevice.a}`);
    expect(one.body.streetAddress).toBe(addressA);
  });

  it('tells an owner nothing of apartment locks, other owners’ properties or who lives there', async () => {
    const list = await owner.get('/api/v1/locks?limit=500');
    const ids = (list.body.items as LockItem[]).map((item) => item.id);
    expect(ids).not.toContain(world.lockDevice.apartmentA);
    expect(ids).not.toContain(world.lockDevice.b);
    const body = JSON.stringify(list.body);
    expect(body).not.toContain(addressB);
    expect(body).not.toMatch(/residence|customer|givenName|familyName/i);
    expect((await owner.get(`/api/v1/locks/${world.lockDevice.apartmentA}`)).status).toBe(404);
    expect((await owner.get(`/api/v1/locks/${world.lockDevice.b}`)).status).toBe(404);
  });

  it('gives the roles that read every lock each lock’s address, null for one on no door', async () => {
    const list = await admin.get('/api/v1/locks?limit=500');
    const byId = new Map((list.body.items as LockItem[]).map((item) => [item.id, item.streetAddress]));
    expect(byId.get(world.lockDevice.a)).toBe(addressA);
    expect(byId.get(world.lockDevice.apartmentA)).toBe(addressA);
    expect(byId.get(world.lockDevice.b)).toBe(addressB);
    expect(byId.get(world.lockDevice.inStock)).toBeNull();
  });
});
