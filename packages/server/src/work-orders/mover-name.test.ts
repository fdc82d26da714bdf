// The name of whoever moved a work order (each history step's actorName beside the username in
// actor) over real HTTP on real PostgreSQL with a fixed clock (docs/work-orders.md "History"):
// answered to every reader of the order while the mover is the municipality's staff (its own
// installers too) or belongs to
// the locksmith company the order is assigned to, never the name of someone who now belongs to
// another company; another company's installer does not read the order at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { signInNamedUser, startTestWorld, unique, type TestWorld } from '../platform/world.testing';

const now = new Date('2027-03-10T09:00:00Z');
let tw: TestWorld;
let server: TestServer;

beforeAll(async () => {
  tw = await startTestWorld({ now: () => now });
  server = tw.server;
}, 180_000);
afterAll(async () => server?.close());

async function named(displayName: string, role: 'lock_manager' | 'installer', locksmithCompanyId?: string) {
  const username = unique(role).toLowerCase();
  const user = { username, displayName, role, ...(locksmithCompanyId ? { locksmithCompanyId } : {}) };
  return { ...(await signInNamedUser(tw, user)), username };
}

/** Each history step as `client` reads it: the state it went to, who, and who by name. */
async function historyAsReadBy(client: ApiClient, id: string) {
  const order = await client.get(`/api/v1/work-orders/${id}`);
  expect(order.status, JSON.stringify(order.body)).toBe(200);
  return (order.body.transitions as Array<{ toState: string; actor: string; actorName: string | null }>).map(
    (step) => [step.toState, step.actor, step.actorName],
  );
}

describe('the mover’s name in a work order’s history', () => {
  it('is answered to every reader while the mover is municipal staff or of the assigned company, and not after they left it', async () => {
    const manager = await named('Maja Låsansvarig', 'lock_manager');
    const installer = await named('Lina Låssmed', 'installer', tw.world.locksmithCompany.a);
    const colleague = await named('Kalle Kollega', 'installer', tw.world.locksmithCompany.a);
    const otherCompany = await named('Olle Annanfirma', 'installer', tw.world.locksmithCompany.b);

    const created = await manager.client.post('/api/v1/work-orders', {
      kind: 'repair',
      doorId: tw.world.door.a,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const assigned = await manager.client.patch(`/api/v1/work-orders/${id}`, {
      version: created.body.version,
      assignedCompanyId: tw.world.locksmithCompany.a,
      bookedFrom: '2027-03-10T08:00:00Z',
      bookedUntil: '2027-03-10T09:00:00Z',
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const planned = await manager.client.post(`/api/v1/work-orders/${id}/transitions`, { to: 'planned' });
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
    const started = await installer.client.post(`/api/v1/work-orders/${id}/transitions`, {
      to: 'in_progress',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);

    const expected = [
      ['requested', manager.username, 'Maja Låsansvarig'],
      ['planned', manager.username, 'Maja Låsansvarig'],
      ['in_progress', installer.username, 'Lina Låssmed'],
    ];
    expect(await historyAsReadBy(colleague.client, id)).toEqual(expected);
    expect(await historyAsReadBy(await tw.login('support'), id)).toEqual(expected);
    // Another company's installer does not read the order, so learns no name from it either.
    expect((await otherCompany.client.get(`/api/v1/work-orders/${id}`)).status).toBe(404);
    const listed = await otherCompany.client.get('/api/v1/work-orders?limit=200');
    expect(JSON.stringify(listed.body)).not.toContain('Lina Låssmed');

    // The installer moves to company B: the order stays company A's, whose installer still reads
    // it, but must not learn the name of company B's installer; the username stays on record.
    const moved = await tw.admin.patch(`/api/v1/users/${installer.id}`, {
      locksmithCompanyId: tw.world.locksmithCompany.b,
    });
    expect(moved.status).toBe(200);
    const afterMove = [...expected.slice(0, 2), ['in_progress', installer.username, null]];
    expect(await historyAsReadBy(colleague.client, id)).toEqual(afterMove);
    expect(await historyAsReadBy(tw.admin, id)).toEqual(afterMove);
  });

  it('names the municipality’s own installer (in no company), as the order names whom it is assigned to', async () => {
    const manager = await named('Maja Låsansvarig', 'lock_manager');
    const ownInstaller = await named('Mats Hedlund', 'installer');
    const created = await manager.client.post('/api/v1/work-orders', {
      kind: 'repair',
      doorId: tw.world.door.b,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    await manager.client.patch(`/api/v1/work-orders/${id}`, {
      version: created.body.version,
      assignedUserId: ownInstaller.id,
      bookedFrom: '2027-03-10T08:00:00Z',
      bookedUntil: '2027-03-10T09:00:00Z',
    });
    await manager.client.post(`/api/v1/work-orders/${id}/transitions`, { to: 'planned' });
    const started = await ownInstaller.client.post(`/api/v1/work-orders/${id}/transitions`, {
      to: 'in_progress',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const step = ['in_progress', ownInstaller.username, 'Mats Hedlund'];
    expect((await historyAsReadBy(ownInstaller.client, id)).at(-1)).toEqual(step);
    expect((await historyAsReadBy(tw.admin, id)).at(-1)).toEqual(step);
  });
});
