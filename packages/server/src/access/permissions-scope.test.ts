// Scope of the permission answers (issue #9 item 8): `explain` about a lock outside the caller's
// scope must not tell it apart from a lock that does not exist — its reasons would name another
// provider's customers and doors — neither by status, code, message nor timing. And the grants a
// work lead writes name only doors within their provider's reach: a grant on another provider's
// customer's door once placed their staff there and made explain name who lives behind it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { daysFromNow, startTestWorld, unique, type World } from '../platform/world.testing';

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

/** The answer with the door id it names made alike, so two refusals about two ids compare. */
const withoutId = (body: { message?: string }, id: string) => ({
  ...body,
  message: body.message?.replace(id, '<id>'),
});

const countGrants = async () => {
  const { rows } = await server.db.pool.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM access_grant) + (SELECT count(*) FROM shared_door_grant) AS n',
  );
  return Number(rows[0]!.n);
};

describe('a work lead’s grants name only doors within their provider’s reach', () => {
  const grantBody = (doorId: string) => ({
    staffMemberId: world.staffMember.a,
    doorId,
    validUntil: daysFromNow(1, world.now()),
    reason: 'Vikarie',
  });

  it('refuses another provider’s customer’s apartment door exactly like a door that does not exist', async () => {
    // The attack: provider A's work lead grants their own staff member the apartment door of
    // provider B's customer, then asks explain about it (it was 201, and explain named her).
    const before = await countGrants();
    const unknownId = randomUUID();
    const hidden = await workLeadA.post('/api/v1/access-grants', grantBody(world.door.apartmentB));
    const unknown = await workLeadA.post('/api/v1/access-grants', grantBody(unknownId));
    expect([hidden.status, hidden.body.code]).toEqual([422, 'unknown_reference']);
    expect(withoutId(hidden.body, world.door.apartmentB)).toEqual(withoutId(unknown.body, unknownId));
    const hiddenSql = await statementsOf(() =>
      workLeadA.post('/api/v1/access-grants', grantBody(world.door.apartmentB)),
    );
    const unknownSql = await statementsOf(() =>
      workLeadA.post('/api/v1/access-grants', grantBody(unknownId)),
    );
    expect(hiddenSql).toEqual(unknownSql);
    expect(await countGrants()).toBe(before);
  });

  it('does not tell a hidden door’s kind by a shared-door grant’s refusal', async () => {
    // `not_a_shared_door` for a hidden apartment door, `unknown_reference` for a random id: the
    // difference told the work lead the door existed and was someone's home.
    const before = await countGrants();
    for (const doorId of [world.door.apartmentB, world.door.laundryB, world.door.b, randomUUID()]) {
      const refused = await workLeadA.post('/api/v1/shared-door-grants', { doorId, teamId: world.team.a });
      expect([refused.status, refused.body.code], doorId).toEqual([422, 'unknown_reference']);
    }
    expect(await countGrants()).toBe(before);
  });

  it('still grants the doors on the way in to their own customers and the shared rooms of their buildings', async () => {
    const entrance = await workLeadA.post('/api/v1/access-grants', grantBody(world.door.a));
    expect(entrance.status, JSON.stringify(entrance.body)).toBe(201);
    const laundry = await workLeadA.post('/api/v1/shared-door-grants', {
      doorId: world.door.laundryA,
      staffMemberId: world.staffMember.a,
    });
    expect(laundry.status, JSON.stringify(laundry.body)).toBe(201);
    // Their own customer's apartment door is within reach; it is just not a shared room.
    const apartment = await workLeadA.post('/api/v1/shared-door-grants', {
      doorId: world.door.apartmentA,
      teamId: world.team.a,
    });
    expect([apartment.status, apartment.body.code]).toEqual([422, 'not_a_shared_door']);
    const ended = await workLeadA.patch(`/api/v1/access-grants/${entrance.body.id}`, {
      validUntil: new Date().toISOString(),
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect((await workLeadA.request('DELETE', `/api/v1/shared-door-grants/${laundry.body.id}`)).status).toBe(
      204,
    );
  });

  it('does not explain another provider’s customer’s door to them even when their staff hold a grant for it', async () => {
    // A municipality admin may grant any door; the work lead still learns nothing of who lives
    // behind one of another provider's customers. A shared room on nobody's way in stays
    // explainable once their staff hold a grant for it: it names no one.
    const apartmentLock = await admin.post('/api/v1/locks', {
      lockType: 'cylinder_ring',
      serial: unique('PV-CR'),
      status: 'installed',
      doorId: world.door.apartmentB,
    });
    const laundryLock = await admin.post('/api/v1/locks', {
      lockType: 'cylinder_ring',
      serial: unique('PV-CR'),
      status: 'installed',
      doorId: world.door.laundryB,
    });
    expect([apartmentLock.status, laundryLock.status]).toEqual([201, 201]);
    const grant = await admin.post('/api/v1/access-grants', grantBody(world.door.apartmentB));
    const shared = await admin.post('/api/v1/shared-door-grants', {
      doorId: world.door.laundryB,
      teamId: world.team.a,
    });
    expect([grant.status, shared.status]).toEqual([201, 201]);
    try {
      const hidden = await workLeadA.get(explainPath(world.staffMember.a, apartmentLock.body.id));
      expect([hidden.status, hidden.body.message]).toEqual([404, 'No such lock.']);
      expect(JSON.stringify(hidden.body)).not.toContain('Greta');
      const room = await workLeadA.get(explainPath(world.staffMember.a, laundryLock.body.id));
      expect(room.status, JSON.stringify(room.body)).toBe(200);
      expect(JSON.stringify(room.body)).not.toContain('Greta');
    } finally {
      await admin.patch(`/api/v1/access-grants/${grant.body.id}`, { validUntil: new Date().toISOString() });
      await admin.request('DELETE', `/api/v1/shared-door-grants/${shared.body.id}`);
      await admin.request('DELETE', `/api/v1/locks/${apartmentLock.body.id}`);
      await admin.request('DELETE', `/api/v1/locks/${laundryLock.body.id}`);
    }
  });
});
