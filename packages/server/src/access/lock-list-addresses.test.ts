// A work lead reads a staff member's "Kan öppna" list (GET /api/v1/staff/{id}/lock-list) and tells
// the many "Port A" apart by the street address each lock carries: a work lead may not read
// properties, so the address comes only with the list. The list keeps to the work lead's scope:
// another provider's staff member's list, and with it the addresses of that provider's customers'
// buildings, is answered exactly like a staff member who does not exist.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import type { World } from '../platform/world.testing';
import { addressB, startTwoAddressWorld } from '../platform/two-addresses.testing';

let server: TestServer;
let admin: ApiClient;
let workLeadA: ApiClient;
let workLeadB: ApiClient;
let world: World;

beforeAll(async () => {
  const started = await startTwoAddressWorld();
  ({ server, admin, world, workLeadA } = started);
  workLeadB = await started.login('work_lead', { providerId: world.provider.b });
});
afterAll(async () => server?.close());

interface ListedLock {
  lockId: string;
  doorId: string;
  doorLabel: string;
  address: string | null;
}

describe('the lock list names each door’s address, within the reader’s scope', () => {
  it('gives a work lead, who may not read properties, the street address of every door of their staff member', async () => {
    expect((await workLeadA.get(`/api/v1/properties/${world.property.a}`)).status).toBe(403);
    const list = await workLeadA.get(`/api/v1/staff/${world.staffMember.a}/lock-list`);
    expect(list.status).toBe(200);
    const locks = list.body.locks as ListedLock[];
    expect(locks.map((lock) => lock.lockId)).toEqual(
      expect.arrayContaining([world.lockDevice.a, world.lockDevice.apartmentA]),
    );
    for (const lock of locks) expect(lock.address, lock.doorLabel).toBe('Storgatan 1');
    const apartment = locks.find((lock) => lock.lockId === world.lockDevice.apartmentA);
    expect(apartment).toMatchObject({ doorId: world.door.apartmentA, doorLabel: 'Lgh 1001' });
  });

  it('never names provider B’s customers’ buildings to provider A’s work lead', async () => {
    const own = await workLeadA.get(`/api/v1/staff/${world.staffMember.a}/lock-list`);
    expect(JSON.stringify(own.body)).not.toContain(addressB);
    expect(own.body.locks.map((lock: ListedLock) => lock.lockId)).not.toContain(world.lockDevice.b);

    const hidden = await workLeadA.get(`/api/v1/staff/${world.staffMember.b}/lock-list`);
    const unknown = await workLeadA.get(`/api/v1/staff/${randomUUID()}/lock-list`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(unknown.body);
    expect(hidden.body).toMatchObject({ code: 'not_found' });
    expect(JSON.stringify(hidden.body)).not.toContain(addressB);
  });

  it('gives provider B’s work lead and a municipality admin B’s addresses', async () => {
    for (const reader of [workLeadB, admin]) {
      const list = await reader.get(`/api/v1/staff/${world.staffMember.b}/lock-list`);
      expect(list.status).toBe(200);
      const entrance = (list.body.locks as ListedLock[]).find((lock) => lock.lockId === world.lockDevice.b);
      expect(entrance?.address).toBe(addressB);
    }
  });
});
