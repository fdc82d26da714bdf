// What an order's reference tells its reader (docs/work-orders.md "References"): a locksmith
// company's installer or a provider's work lead who sees two orders learns nothing from their
// references about how many orders others got in between (R2.7), and the counted reference of an
// order made before migration 0065 is answered to the municipality's readers only.
import { workOrderReferencePattern } from '@portvakt/core';
import { readReferenceCodeValue } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { signInNamedUser, startTestWorld, unique, type World } from '../platform/world.testing';

/** Wednesday 10 March 2027, 10:00 in Stockholm. */
const now = new Date('2027-03-10T09:00:00Z');

let server: TestServer;
let world: World;
let manager: ApiClient;
let companyInstaller: ApiClient;
let lead: ApiClient;

/** An order made by the lock manager, assigned to `companyId` when given. */
const order = async (kind: string, doorId: string, companyId?: string) => {
  const made = await manager.post('/api/v1/work-orders', { kind, doorId });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  if (companyId) {
    const patched = await manager.patch(`/api/v1/work-orders/${made.body.id}`, {
      version: made.body.version,
      assignedCompanyId: companyId,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  }
  return made.body as { id: string; reference: string };
};

const listed = async (client: ApiClient) =>
  ((await client.get('/api/v1/work-orders?limit=200')).body.items as { reference: string }[])
    .map((item) => item.reference)
    .sort();

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, world } = started);
  manager = await started.login('lock_manager');
  lead = await started.login('work_lead', { providerId: world.provider.a });
  companyInstaller = (
    await signInNamedUser(started, {
      username: unique('lasmed').toLowerCase(),
      displayName: 'Låsmed A',
      role: 'installer',
      locksmithCompanyId: world.locksmithCompany.a,
    })
  ).client;
}, 180_000);
afterAll(async () => server?.close());

describe('order references say nothing of other organisations’ orders', () => {
  it('gives a company’s and a work lead’s second order a reference that does not count the orders between', async () => {
    const company = world.locksmithCompany.a;
    const first = await order('repair', world.door.a, company);
    const between = [];
    // Orders of another company on doors on nobody's way in: neither sees them.
    const door = async () =>
      (
        await manager.post('/api/v1/doors', {
          propertyId: world.property.b,
          kind: 'electrical_room',
          label: unique('Elcentral'),
        })
      ).body.id as string;
    for (const [kind, doorId] of [
      ['repair', await door()],
      ['repair', await door()],
      ['repair', await door()],
      ['cylinder_change', await door()],
      ['cylinder_change', await door()],
    ] as const)
      between.push(await order(kind, doorId, world.locksmithCompany.b));
    const second = await order('cylinder_change', world.door.a, company);
    for (const made of [first, ...between, second]) expect(made.reference).toMatch(workOrderReferencePattern);
    // Each sees their two and none of the others'.
    const theirs = [first.reference, second.reference].sort();
    expect(await listed(companyInstaller)).toEqual(theirs);
    // The lead also sees the installs the world's services asked for on their customers' doors.
    const leads = await listed(lead);
    expect(leads).toEqual(expect.arrayContaining(theirs));
    for (const other of between) expect(leads).not.toContain(other.reference);
    // Not the next, nor the orders made between apart, nor in the order they were made.
    const gap = readReferenceCodeValue(second.reference) - readReferenceCodeValue(first.reference);
    expect([1, between.length + 1]).not.toContain(gap);
    const values = [first, ...between, second].map((made) => readReferenceCodeValue(made.reference));
    expect(values).not.toEqual([...values].sort((a, b) => a - b));
  });

  it('answers an order’s former counted reference to the municipality’s readers only', async () => {
    const made = await order('battery', world.door.a, world.locksmithCompany.a);
    await server.db.pool.query(`UPDATE work_order SET former_reference = 'AO-2026-000042' WHERE id = $1`, [
      made.id,
    ]);
    const seen = await manager.get(`/api/v1/work-orders/${made.id}`);
    expect(seen.body).toMatchObject({ reference: made.reference, formerReference: 'AO-2026-000042' });
    for (const client of [companyInstaller, lead]) {
      const own = await client.get(`/api/v1/work-orders/${made.id}`);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ reference: made.reference, formerReference: null });
    }
  });
});
