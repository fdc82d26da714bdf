// Two individual grants of one staff member to one customer (or one door) for overlapping times
// add nothing to what the staff member may open and make the list hard to read: the second is
// refused with `already_assigned`, as a team membership given twice is, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { createStaffMember, startTestWorld, type World } from '../platform/world.testing';

let server: TestServer;
let admin: ApiClient;
let world: World;
// A staff member of provider a with no grant yet; the world's own grants stay out of the way.
let staffMemberId: string;
const day = 24 * 60 * 60 * 1000;
// One instant for the whole file, the next whole minute: a grant may not start in the past.
const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
const at = (days: number) => new Date(start.getTime() + days * day).toISOString();

beforeAll(async () => {
  ({ server, admin, world } = await startTestWorld());
  staffMemberId = await createStaffMember(admin, world.provider.a);
});
afterAll(async () => server?.close());

const grantCount = async () =>
  (await server.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM access_grant')).rows[0]!.n;

function grant(target: { customerId?: string; doorId?: string }, from: number, until: number) {
  return admin.post('/api/v1/access-grants', {
    staffMemberId,
    ...target,
    validFrom: at(from),
    validUntil: at(until),
    reason: 'Vikariat',
  });
}

describe('overlapping individual grants', () => {
  it('a second grant to the same customer for an overlapping time is refused and changes nothing', async () => {
    const target = { customerId: world.customer.a };
    const first = await grant(target, 0, 10);
    expect(first.status).toBe(201);
    const before = await grantCount();
    for (const [from, until] of [
      [0, 10],
      [5, 20],
      [1, 2],
    ] as const) {
      const twice = await grant(target, from, until);
      expect(twice.status).toBe(422);
      expect(twice.body.code).toBe('already_assigned');
      expect(twice.body.details).toEqual([
        expect.objectContaining({ field: 'customerId', code: 'already_assigned' }),
      ]);
    }
    expect(await grantCount()).toBe(before);
    // One that begins when the first ends does not overlap it.
    const next = await grant(target, 10, 20);
    expect(next.status).toBe(201);
    // Nor may the first be stretched over the next.
    const stretched = await admin.patch(`/api/v1/access-grants/${first.body.id}`, { validUntil: at(15) });
    expect(stretched.status).toBe(422);
    expect(stretched.body.code).toBe('already_assigned');
    expect(Date.parse((await admin.get(`/api/v1/access-grants/${first.body.id}`)).body.validUntil)).toBe(
      Date.parse(at(10)),
    );
  });

  it('a grant to a door and one to a customer, or to another staff member, are different grants', async () => {
    const doorId = world.door.laundryA;
    expect((await grant({ doorId }, 30, 40)).status).toBe(201);
    const twice = await grant({ doorId }, 35, 45);
    expect(twice.status).toBe(422);
    expect(twice.body.details).toEqual([expect.objectContaining({ field: 'doorId' })]);
    expect((await grant({ customerId: world.customer.a }, 30, 40)).status).toBe(201);
    const other = await admin.post('/api/v1/access-grants', {
      staffMemberId: world.staffMember.a,
      doorId,
      validFrom: at(30),
      validUntil: at(40),
      reason: 'Vikariat',
    });
    expect(other.status).toBe(201);
  });
});
