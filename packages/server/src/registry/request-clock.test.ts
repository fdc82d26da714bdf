// The server's clock is one clock: what the system stamps on a new record ("valid from now") and
// a report's default period end follow the request's clock reading, as every rule does. The live
// demo runs the server on a simulated clock days behind the machine's; a grant made in its console
// started at the machine's time, days after the simulation's "now", and did not open a door until
// the simulation caught up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import {
  createBody,
  createRecord,
  createStaffMember,
  startTestWorld,
  type World,
} from '../platform/world.testing';

// A fixed instant, seconds into a minute: validity is kept in whole minutes.
const now = new Date('2026-03-03T08:15:42Z');
const startOfMinute = '2026-03-03T08:15:00.000Z';

let server: TestServer;
let admin: ApiClient;
let world: World;

beforeAll(async () => {
  ({ server, admin, world } = await startTestWorld({ now: () => now }));
});
afterAll(async () => server?.close());

describe('the request clock', () => {
  it('starts a new access grant at the start of the server clock’s minute, not the machine’s', async () => {
    const grant = await admin.get(`/api/v1/access-grants/${world.accessGrant.a}`);
    expect(grant.status).toBe(200);
    expect(grant.body.validFrom).toBe(startOfMinute);
  });

  it('starts a new team membership and team assignment on the server clock too', async () => {
    const membership = await admin.get(`/api/v1/team-memberships/${world.teamMembership.a}`);
    expect(membership.body.validFrom).toBe(startOfMinute);
    const assignment = await admin.get(`/api/v1/team-customers/${world.teamCustomer.a}`);
    expect(assignment.body.validFrom).toBe(startOfMinute);
  });

  it('keeps a start the request gives', async () => {
    const created = await admin.post('/api/v1/access-grants', {
      // A staff member of their own: the world's grant to customer a covers these days.
      staffMemberId: await createStaffMember(admin, world.provider.a),
      customerId: world.customer.a,
      validFrom: '2026-03-04T06:00:00Z',
      validUntil: '2026-03-10T06:00:00Z',
      reason: 'Vikarie nästa vecka',
    });
    expect(created.status).toBe(201);
    expect(created.body.validFrom).toBe('2026-03-04T06:00:00.000Z');
  });

  it('answers "who may open" questions at the server clock’s now when no time is asked', async () => {
    // A staff member in no team, with one grant of a day from the server's now: at the machine's
    // time (months later) the grant has ended and the answer would be no.
    const staffMemberId = await createRecord(admin, 'staff', createBody(world, 'staff', 'a'));
    await createRecord(admin, 'access-grants', {
      staffMemberId,
      customerId: world.customer.a,
      validUntil: new Date(now.getTime() + 86_400_000).toISOString(),
      reason: 'Vikarie i dag',
    });

    const query = `staffMemberId=${staffMemberId}&lockId=${world.lockDevice.apartmentA}`;
    const explained = await admin.get(`/api/v1/permissions/explain?${query}`);
    expect(explained.status).toBe(200);
    expect(explained.body).toMatchObject({ isAllowed: true, at: now.toISOString() });

    const openers = await admin.get(`/api/v1/customers/${world.customer.a}/who-can-open`);
    expect(openers.body.at).toBe(now.toISOString());
    const apartment = (
      openers.body.doors as { lockId: string | null; staff: { staffMemberId: string }[] }[]
    ).find((door) => door.lockId === world.lockDevice.apartmentA);
    expect(apartment?.staff.map((opener) => opener.staffMemberId)).toContain(staffMemberId);

    const lockList = await admin.get(`/api/v1/staff/${staffMemberId}/lock-list`);
    expect(lockList.body.issuedAt).toBe(now.toISOString());
    expect((lockList.body.locks as { lockId: string }[]).map((lock) => lock.lockId)).toContain(
      world.lockDevice.apartmentA,
    );
  });

  it('counts the overview’s events per day up to the server clock’s local day', async () => {
    const summary = await admin.get('/api/v1/event-log/summary?days=14');
    expect(summary.status).toBe(200);
    // 3 March ends at midnight in Stockholm (CET, UTC+1); 14 days start on 18 February.
    expect(summary.body).toMatchObject({ from: '2026-02-17T23:00:00.000Z', to: '2026-03-03T23:00:00.000Z' });
    const days = summary.body.days as { day: string }[];
    expect([days[0]?.day, days.at(-1)?.day]).toEqual(['2026-02-18', '2026-03-03']);
  });

  it.each([
    ['anomalies', '/api/v1/event-reports/anomalies', 7],
    ['provider_audit', '/api/v1/event-reports/provider-audit?providerId=PROVIDER', 31],
  ])('ends the %s report’s default period at the server clock’s now', async (kind, path, days) => {
    const response = await admin.get(path.replace('PROVIDER', world.provider.a));
    expect(response.status).toBe(200);
    const { rows } = await server.db.pool.query<{ time_from: Date; time_to: Date }>(
      `SELECT time_from, time_to FROM event_read_log WHERE query_kind = $1 ORDER BY id DESC LIMIT 1`,
      [kind],
    );
    expect(rows[0]?.time_to.toISOString()).toBe(now.toISOString());
    expect(rows[0]?.time_from.toISOString()).toBe(new Date(now.getTime() - days * 86_400_000).toISOString());
  });
});
