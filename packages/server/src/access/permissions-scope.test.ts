// Scope of the permission answers (issue #9 item 8): `explain` about a lock outside the caller's
// scope must not tell it apart from a lock that does not exist — its reasons would name another
// provider's customers and doors — neither by status, code, message nor timing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';

let server: TestServer;
let admin: ApiClient;
let workLeadA: ApiClient;
let world: World;

beforeAll(async () => {
  const started = await startTestWorld();
  ({ server, admin, world } = started);
  workLeadA = await started.login('work_lead', { providerId: world.provider.a });
});
afterAll(async () => server?.close());

const explainPath = (staffId: string, lockId: string) =>
  `/api/v1/permissions/explain?staffMemberId=${staffId}&lockId=${lockId}`;

/** The SQL texts the server sends through its pool while `request` runs. */
async function statementsOf(request: () => Promise<unknown>): Promise<string[]> {
  const pool = server.db.pool;
  const original = pool.query.bind(pool);
  const seen: string[] = [];
  pool.query = ((text: unknown, ...rest: unknown[]) => {
    seen.push(typeof text === 'string' ? text : String((text as { text?: string }).text));
    return (original as (...args: unknown[]) => unknown)(text, ...rest);
  }) as typeof pool.query;
  try {
    await request();
  } finally {
    pool.query = original;
  }
  return seen;
}

describe('explain keeps to the caller’s scope', () => {
  it('answers a work lead’s question about another provider’s customer’s lock exactly like an unknown lock', async () => {
    // The attack: provider A's work lead asks about the entrance lock on the way in to provider
    // B's customer, and compares with a lock id that exists nowhere.
    const hidden = await workLeadA.get(explainPath(world.staffMember.a, world.lockDevice.b));
    const unknown = await workLeadA.get(explainPath(world.staffMember.a, randomUUID()));
    expect(unknown.status).toBe(404);
    expect(hidden.status).toBe(unknown.status);
    expect(hidden.body).toEqual(unknown.body);
    expect(hidden.body).toMatchObject({ code: 'not_found', message: 'No such lock.' });
    expect(JSON.stringify(hidden.body)).not.toContain('Greta');

    // Timing: the same statements run either way, so nothing but noise can tell them apart.
    // (Compared by the SQL the server sends, not by a wall-clock limit, which would fail by load.)
    const hiddenSql = await statementsOf(() =>
      workLeadA.get(explainPath(world.staffMember.a, world.lockDevice.b)),
    );
    const unknownSql = await statementsOf(() =>
      workLeadA.get(explainPath(world.staffMember.a, randomUUID())),
    );
    expect(hiddenSql.length).toBeGreaterThan(0);
    expect(hiddenSql).toEqual(unknownSql);
  });

  it('still explains the locks in the work lead’s scope, and any lock to a municipality-wide role', async () => {
    // The entrance and apartment door on the way in to provider A's own customer.
    for (const lockId of [world.lockDevice.a, world.lockDevice.apartmentA]) {
      const own = await workLeadA.get(explainPath(world.staffMember.a, lockId));
      expect(own.status, JSON.stringify(own.body)).toBe(200);
      expect(own.body.isAllowed).toBe(true);
    }
    const asAdmin = await admin.get(explainPath(world.staffMember.a, world.lockDevice.b));
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.isAllowed).toBe(false);
    expect((await admin.get(explainPath(world.staffMember.a, randomUUID()))).status).toBe(404);
  });

  it('answers a work lead’s question about another provider’s staff member like an unknown one', async () => {
    const hidden = await workLeadA.get(explainPath(world.staffMember.b, world.lockDevice.a));
    const unknown = await workLeadA.get(explainPath(randomUUID(), world.lockDevice.a));
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(unknown.body);
  });
});
