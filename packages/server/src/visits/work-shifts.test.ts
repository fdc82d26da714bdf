// Work shifts and planned visits read back, over real HTTP on real PostgreSQL with a fixed clock
// (docs/visits.md "Work shifts"): registration by the work lead, bad input answered 4xx with a
// code and nothing changed, approval marking the day's shifts inside the approver's scope, and the
// role × scope matrix of the new routes.
import { roles, type Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, type TestWorld, type World } from '../platform/world.testing';

const now = new Date('2026-03-10T12:00:00Z');
let server: TestServer;
let world: World;
let municipalityId: string;
let admin: ApiClient;
let leadA: ApiClient;
let leadB: ApiClient;
let shiftA: string;

const shift = (overrides: Record<string, unknown> = {}) => ({
  staffMemberId: world.staffMember.a,
  startsAt: '2026-03-02T06:00:00Z',
  endsAt: '2026-03-02T14:00:00Z',
  ...overrides,
});
const countShifts = async () =>
  Number((await server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM work_shift')).rows[0]!.n);
let login: TestWorld['login'];

beforeAll(async () => {
  ({ server, municipalityId, admin, world, login } = await startTestWorld({ now: () => now }));
  leadA = await login('work_lead', { providerId: world.provider.a });
  leadB = await login('work_lead', { providerId: world.provider.b });
}, 120_000);
afterAll(async () => server?.close());

describe('registering work shifts', () => {
  it('registers a shift for the work lead’s own staff member, audited, seen only inside scope', async () => {
    const created = await leadA.post('/api/v1/work-shifts', shift());
    expect(created.status).toBe(201);
    shiftA = created.body.id;
    const mine = await leadA.get('/api/v1/work-shifts?day=2026-03-02');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({
      items: [
        {
          id: shiftA,
          staffMemberId: world.staffMember.a,
          staffName: expect.stringMatching(/^Anna Svensson/),
          providerId: world.provider.a,
          source: 'manual',
          startsAt: '2026-03-02T06:00:00.000Z',
          endsAt: '2026-03-02T14:00:00.000Z',
          approvedAt: null,
          approvedBy: null,
          approvedByName: null,
        },
      ],
      nextCursor: null,
    });
    expect((await leadB.get('/api/v1/work-shifts?day=2026-03-02')).body.items).toEqual([]);
    expect((await admin.get('/api/v1/work-shifts?day=2026-03-02')).body.items).toHaveLength(1);
    // Filters: by staff member and by period; a period is a window the shift overlaps.
    const byStaff = `from=2026-03-02T13:00:00Z&to=2026-03-03T00:00:00Z&staffMemberId=${world.staffMember.a}`;
    expect((await leadA.get(`/api/v1/work-shifts?${byStaff}`)).body.items).toHaveLength(1);
    const other = `from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&staffMemberId=${world.staffMember.b}`;
    expect((await admin.get(`/api/v1/work-shifts?${other}`)).body.items).toEqual([]);
    expect((await leadA.get('/api/v1/work-shifts?day=2026-03-03')).body.items).toEqual([]);
    const audit = await admin.get('/api/v1/audit?entity=work_shift');
    expect(audit.body.items).toEqual([
      expect.objectContaining({ action: 'create', entity: 'work_shift', entityId: shiftA }),
    ]);
  });

  it('refuses reversed, long, future, overlapping, foreign and locked shifts with a code, changing nothing', async () => {
    // A shift the key's activation opened (the devices' path is tested in tests/e2e): registered
    // shifts may not overlap it either.
    await server.db.pool.query(
      `INSERT INTO work_shift (municipality_id, provider_id, staff_member_id, source, digital_key_id, starts_at, ends_at)
       VALUES ($1, $2, $3, 'activation', $4, '2026-03-03T06:00:00Z', '2026-03-03T18:00:00Z')`,
      [municipalityId, world.provider.a, world.staffMember.a, world.digitalKey.a],
    );
    const before = await countShifts();
    const refused = async (
      client: ApiClient,
      body: Record<string, unknown>,
      status: number,
      code: string,
    ) => {
      const response = await client.post('/api/v1/work-shifts', shift(body));
      expect([response.status, response.body.code], JSON.stringify(body)).toEqual([status, code]);
      return response.body;
    };
    await refused(leadA, { endsAt: '2026-03-02T05:00:00Z' }, 422, 'reversed_times');
    await refused(leadA, { endsAt: '2026-03-02T06:00:00Z' }, 422, 'reversed_times');
    await refused(leadA, { endsAt: '2026-03-03T06:01:00Z' }, 422, 'shift_too_long');
    await refused(
      leadA,
      { startsAt: '2026-03-10T08:00:00Z', endsAt: '2026-03-10T16:00:00Z' },
      422,
      'shift_in_future',
    );
    const overlap = await refused(
      leadA,
      { startsAt: '2026-03-02T13:00:00Z', endsAt: '2026-03-02T20:00:00Z' },
      409,
      'overlapping_shift',
    );
    expect(overlap.details).toEqual({ workShiftId: shiftA });
    await refused(
      leadA,
      { startsAt: '2026-03-03T17:00:00Z', endsAt: '2026-03-03T19:00:00Z' },
      409,
      'overlapping_shift',
    );
    // Another provider's staff member and an unknown one: one answer, nothing learnt.
    const foreign = await refused(
      leadA,
      { staffMemberId: world.staffMember.b },
      422,
      'staff_not_of_provider',
    );
    const unknown = await refused(
      leadA,
      { staffMemberId: '00000000-0000-4000-8000-000000000000' },
      422,
      'staff_not_of_provider',
    );
    expect(foreign).toEqual(unknown);
    // February locked on 5 March: the work lead may not; the municipality still may.
    const february = { startsAt: '2026-02-20T06:00:00Z', endsAt: '2026-02-20T14:00:00Z' };
    await refused(leadA, february, 422, 'month_locked');
    const missing = await leadA.post('/api/v1/work-shifts', { staffMemberId: world.staffMember.a });
    expect([missing.status, missing.body.code]).toEqual([400, 'validation_failed']);
    expect(await countShifts()).toBe(before);
    expect((await admin.post('/api/v1/work-shifts', shift(february))).status).toBe(201);
  });

  it('refuses a list without a day or period, with both, too long, reversed, or a forged cursor', async () => {
    for (const query of [
      '',
      'from=2026-03-01T00:00:00Z',
      'day=2026-03-02&from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z',
      'from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z',
      'from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z',
    ]) {
      const response = await leadA.get(`/api/v1/work-shifts?${query}`);
      expect([response.status, response.body.code], query).toEqual([400, 'invalid_range']);
    }
    const forged = await leadA.get('/api/v1/work-shifts?day=2026-03-02&cursor=abc');
    expect([forged.status, forged.body.code]).toEqual([400, 'invalid_cursor']);
    const notADay = await leadA.get('/api/v1/work-shifts?day=2026-02-30');
    expect(notADay.status).toBe(400);
  });

  it('pages a long list with cursors bound to the caller’s scope', async () => {
    for (const day of ['2026-03-04', '2026-03-05', '2026-03-06'])
      expect(
        (
          await leadA.post(
            '/api/v1/work-shifts',
            shift({ startsAt: `${day}T06:00:00Z`, endsAt: `${day}T12:00:00Z` }),
          )
        ).status,
      ).toBe(201);
    const period = 'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z';
    const first = await leadA.get(`/api/v1/work-shifts?${period}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await leadA.get(`/api/v1/work-shifts?${period}&limit=2&cursor=${first.body.nextCursor}`);
    const third = await leadA.get(`/api/v1/work-shifts?${period}&limit=2&cursor=${second.body.nextCursor}`);
    const starts = [...first.body.items, ...second.body.items, ...third.body.items].map(
      (s: { startsAt: string }) => s.startsAt,
    );
    expect(starts).toEqual([...starts].sort());
    expect(starts).toHaveLength(5);
    expect(third.body.nextCursor).toBeNull();
    // Another provider's work lead cannot reuse the cursor.
    const replayed = await leadB.get(`/api/v1/work-shifts?${period}&limit=2&cursor=${first.body.nextCursor}`);
    expect([replayed.status, replayed.body.code]).toEqual([400, 'invalid_cursor']);
  });
});

describe('approving a staff member’s day', () => {
  it('marks the day’s shifts approved for its own work lead only, once', async () => {
    const body = { staffMemberId: world.staffMember.a, day: '2026-03-02' };
    const approvedAt = async () =>
      (
        (await admin.get('/api/v1/work-shifts?day=2026-03-02')).body.items as { approvedAt: string | null }[]
      )[0]!.approvedAt;
    // Another provider's work lead: refused (not their staff member), and the shift stays as it was.
    expect((await leadB.post('/api/v1/visits/approvals', body)).body.code).toBe('unknown_reference');
    expect(await approvedAt()).toBeNull();
    expect((await leadA.post('/api/v1/visits/approvals', body)).status).toBe(200);
    const [approved] = (await leadA.get('/api/v1/work-shifts?day=2026-03-02')).body.items;
    expect(approved).toMatchObject({ id: shiftA, approvedBy: expect.stringMatching(/^work-lead-/) });
    // The approver is named by their name to their provider and the municipality (they are the same provider's).
    expect(approved.approvedByName).toBe('Test work_lead');
    expect((await admin.get('/api/v1/work-shifts?day=2026-03-02')).body.items[0].approvedByName).toBe(
      'Test work_lead',
    );
    expect(approved.approvedAt).not.toBeNull();
    // The next day's shift is not part of it; approving again keeps the first approval.
    const next = (await leadA.get('/api/v1/work-shifts?day=2026-03-03')).body.items[0];
    expect(next.approvedAt).toBeNull();
    await leadA.post('/api/v1/visits/approvals', body);
    expect(await approvedAt()).toBe(approved.approvedAt);
  });
});

describe('work shift and planned visit routes in the role × scope matrix', () => {
  const day = '2026-03-09';
  beforeAll(async () => {
    for (const side of ['a', 'b'] as const) {
      const created = await admin.post(
        '/api/v1/work-shifts',
        shift({
          staffMemberId: world.staffMember[side],
          startsAt: `${day}T06:00:00Z`,
          endsAt: `${day}T14:00:00Z`,
        }),
      );
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    }
    const planned = await admin.put(
      '/api/v1/planned-visits',
      (['a', 'b'] as const).map((side) => ({
        externalId: `TES-${side}`,
        customerId: world.customer[side],
        providerId: world.provider[side],
        services: ['meals'],
        plannedMinutes: 30,
        windowStart: `${day}T07:00:00Z`,
        windowEnd: `${day}T08:00:00Z`,
      })),
    );
    if (planned.status !== 200) throw new Error(JSON.stringify(planned.body));
  });

  // Written out by hand, not derived from core's policy, so a wrong policy fails here. `register`
  // overlaps the day's shift: a role that may write gets past authorisation to the rules (409).
  const expected: Record<
    Role,
    { shifts: number; sees: number; register: number; planned: number; plans: number }
  > = {
    municipality_admin: { shifts: 200, sees: 2, register: 409, planned: 200, plans: 2 },
    lock_manager: { shifts: 403, sees: 0, register: 403, planned: 403, plans: 0 },
    installer: { shifts: 403, sees: 0, register: 403, planned: 403, plans: 0 },
    work_lead: { shifts: 200, sees: 1, register: 409, planned: 200, plans: 1 },
    staff: { shifts: 200, sees: 1, register: 403, planned: 403, plans: 0 },
    support: { shifts: 200, sees: 2, register: 403, planned: 200, plans: 2 },
    auditor: { shifts: 200, sees: 2, register: 403, planned: 200, plans: 2 },
    property_owner: { shifts: 403, sees: 0, register: 403, planned: 403, plans: 0 },
    relative: { shifts: 403, sees: 0, register: 403, planned: 403, plans: 0 },
  };
  it('covers every role', () => expect(Object.keys(expected).sort()).toEqual([...roles].sort()));
  for (const role of roles) {
    const cells = expected[role];
    it(`${role}: shifts ${cells.shifts}, register ${cells.register}, planned visits ${cells.planned}`, async () => {
      const links = {
        work_lead: { providerId: world.provider.a },
        staff: { providerId: world.provider.b, staffMemberId: world.staffMember.b },
        property_owner: { propertyOwnerId: world.propertyOwner.a },
      }[role as string];
      const client = await login(role, links ?? {});
      const shifts = await client.get(`/api/v1/work-shifts?day=${day}`);
      expect(shifts.status).toBe(cells.shifts);
      if (shifts.status === 200) {
        expect(shifts.body.items).toHaveLength(cells.sees);
        // A provider's roles see their own staff's shifts only.
        const own = { work_lead: world.staffMember.a, staff: world.staffMember.b }[role as string];
        if (own)
          expect(shifts.body.items.map((s: { staffMemberId: string }) => s.staffMemberId)).toEqual([own]);
      }
      const register = await client.post(
        '/api/v1/work-shifts',
        shift({ startsAt: `${day}T10:00:00Z`, endsAt: `${day}T11:00:00Z` }),
      );
      expect(register.status).toBe(cells.register);
      const planned = await client.get(`/api/v1/planned-visits?from=${day}T00:00:00Z&to=${day}T23:00:00Z`);
      expect(planned.status).toBe(cells.planned);
      if (planned.status === 200) expect(planned.body.items).toHaveLength(cells.plans);
    });
  }
});

describe('planned visits read back', () => {
  it('shows a work lead its provider’s planned visits, filtered by customer, and nothing of another’s', async () => {
    const period = 'from=2026-03-09T00:00:00Z&to=2026-03-10T00:00:00Z';
    const mine = await leadA.get(`/api/v1/planned-visits?${period}&customerId=${world.customer.a}`);
    expect(mine.body.items).toEqual([
      {
        id: expect.any(String),
        externalId: 'TES-a',
        customerId: world.customer.a,
        customerName: expect.stringMatching(/^Karl Berg/),
        providerId: world.provider.a,
        services: ['meals'],
        plannedMinutes: 30,
        staffCount: 1,
        windowStart: '2026-03-09T07:00:00.000Z',
        windowEnd: '2026-03-09T08:00:00.000Z',
      },
    ]);
    // Another provider's customer, by name or by filter: nothing, the same as an unknown one.
    const foreign = await leadA.get(`/api/v1/planned-visits?${period}&customerId=${world.customer.b}`);
    const unknown = await leadA.get(
      `/api/v1/planned-visits?${period}&customerId=00000000-0000-4000-8000-000000000000`,
    );
    expect(foreign.body).toEqual({ items: [], nextCursor: null });
    expect(foreign.body).toEqual(unknown.body);
    // A window is found by any overlap with the period.
    const edge = await admin.get('/api/v1/planned-visits?from=2026-03-09T07:59:00Z&to=2026-03-09T09:00:00Z');
    expect(edge.body.items).toHaveLength(2);
    const after = await admin.get('/api/v1/planned-visits?from=2026-03-09T08:00:00Z&to=2026-03-09T09:00:00Z');
    expect(after.body.items).toEqual([]);
    const reversed = await admin.get(
      '/api/v1/planned-visits?from=2026-03-10T00:00:00Z&to=2026-03-09T00:00:00Z',
    );
    expect([reversed.status, reversed.body.code]).toEqual([400, 'invalid_range']);
  });
});
