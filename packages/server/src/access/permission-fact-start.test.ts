// Grants and team memberships cannot be backdated (docs/permissions.md "Changing permissions"):
// "why could X open at T?" must keep its answer once T has passed. A new or moved start in the
// past is 422 starts_in_the_past naming validFrom, a membership wholly outside the staff member's
// employment 422 outside_employment, and nothing is stored; what the console sends (a start of
// "now") passes. Once a grant or membership has begun, its start stays (422 already_started), it is
// ended rather than deleted (409 already_started), and once it has ended its end stays (422
// already_ended). Real HTTP on real PostgreSQL with the server's clock fixed (moved forward by the
// tests of what has begun and put back).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../platform/testing';
import {
  createRecord,
  createStaffMember,
  startTestWorld,
  unique,
  type TestWorld,
} from '../platform/world.testing';

// 12:00 in Stockholm on Sunday 6 December 2026.
const now = new Date('2026-12-06T11:00:00Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
const hour = 3600_000;

let tw: TestWorld;
let lead: ApiClient;
/** The server's clock: `now`, moved forward only inside a test that puts it back. */
let clock = now;

beforeAll(async () => {
  tw = await startTestWorld({ now: () => clock });
  lead = await tw.login('work_lead', { providerId: tw.world.provider.a });
}, 180_000);
afterAll(async () => tw?.server.close());

const newStaff = (employmentStartsOn?: string) =>
  createStaffMember(tw.admin, tw.world.provider.a, employmentStartsOn);

function expectRefused(response: { status: number; body: any }, code: string, field: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(422);
  expect(response.body.code).toBe(code);
  expect(response.body.details).toEqual([expect.objectContaining({ field, code })]);
}

async function countOf(path: string, staffMemberId: string): Promise<number> {
  const listed = await tw.admin.get(`/api/v1/${path}?staffMemberId=${staffMemberId}`);
  expect(listed.status).toBe(200);
  return listed.body.items.length;
}

describe('an individual grant’s start', () => {
  it('cannot be placed in the past, so an earlier explanation keeps its answer', async () => {
    const staffMemberId = await newStaff();
    const explainThen = () =>
      lead.get(
        `/api/v1/permissions/explain?staffMemberId=${staffMemberId}&lockId=${tw.world.lockDevice.apartmentA}&at=2026-12-01T11:00:00Z`,
      );
    expect((await explainThen()).body).toMatchObject({ isAllowed: false, reasons: [{ rule: 'no_rule' }] });

    const backdated = await lead.post('/api/v1/access-grants', {
      staffMemberId,
      customerId: tw.world.customer.a,
      validFrom: '2026-12-01T08:00:00Z',
      validUntil: '2026-12-01T16:00:00Z',
      reason: 'Vikarie',
    });
    expectRefused(backdated, 'starts_in_the_past', 'validFrom');
    expect(await countOf('access-grants', staffMemberId)).toBe(0);
    expect((await explainThen()).body).toMatchObject({ isAllowed: false, reasons: [{ rule: 'no_rule' }] });
  });

  it('may be now, as the console sends it (no start), or a few seconds behind the server’s clock', async () => {
    const staffMemberId = await newStaff();
    const body = {
      staffMemberId,
      customerId: tw.world.customer.a,
      validUntil: at(4 * hour),
      reason: 'Vikarie',
    };
    const fromNow = await lead.post('/api/v1/access-grants', body);
    expect(fromNow.status, JSON.stringify(fromNow.body)).toBe(201);
    // Each for a staff member of their own: grants of one person to one customer may not overlap.
    const slightlyBehind = await lead.post('/api/v1/access-grants', {
      ...body,
      staffMemberId: await newStaff(),
      validFrom: at(-30_000),
    });
    expect(slightlyBehind.status, JSON.stringify(slightlyBehind.body)).toBe(201);
    const later = await lead.post('/api/v1/access-grants', {
      ...body,
      staffMemberId: await newStaff(),
      validFrom: at(2 * hour),
    });
    expect(later.status, JSON.stringify(later.body)).toBe(201);

    // Moving a start back is backdating too; shortening a grant that has begun is not.
    expectRefused(
      await lead.patch(`/api/v1/access-grants/${later.body.id}`, { validFrom: at(-2 * hour) }),
      'starts_in_the_past',
      'validFrom',
    );
    const shortened = await lead.patch(`/api/v1/access-grants/${fromNow.body.id}`, { validUntil: at(hour) });
    expect(shortened.status, JSON.stringify(shortened.body)).toBe(200);
  });
});

describe('a team membership’s start', () => {
  it('cannot be on a day before today, and may be earlier today or now', async () => {
    const staffMemberId = await newStaff();
    const body = { teamId: tw.world.team.a, staffMemberId };
    // 23:59 yesterday in Stockholm.
    expectRefused(
      await lead.post('/api/v1/team-memberships', { ...body, validFrom: '2026-12-05T22:59:00Z' }),
      'starts_in_the_past',
      'validFrom',
    );
    expect(await countOf('team-memberships', staffMemberId)).toBe(0);
    // 00:30 today in Stockholm.
    const today = await lead.post('/api/v1/team-memberships', {
      ...body,
      validFrom: '2026-12-05T23:30:00Z',
      validUntil: at(hour),
    });
    expect(today.status, JSON.stringify(today.body)).toBe(201);
    // Ending one that began earlier today still works.
    const ended = await lead.patch(`/api/v1/team-memberships/${today.body.id}`, { validUntil: at(0) });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    // As the console adds a member: from now, until a time it names.
    const fromNow = await lead.post('/api/v1/team-memberships', {
      ...body,
      staffMemberId: await newStaff(),
      validUntil: at(8 * hour),
    });
    expect(fromNow.status, JSON.stringify(fromNow.body)).toBe(201);
  });

  it('must share a day with the staff member’s employment', async () => {
    const staffMemberId = await newStaff('2025-06-30');
    const outside = await lead.post('/api/v1/team-memberships', {
      teamId: tw.world.team.a,
      staffMemberId,
      validFrom: '2019-01-01T00:00:00Z',
      validUntil: '2019-02-01T00:00:00Z',
    });
    expectRefused(outside, 'outside_employment', 'validUntil');
    expect(await countOf('team-memberships', staffMemberId)).toBe(0);

    const former = await createRecord(tw.admin, 'staff', {
      providerId: tw.world.provider.a,
      givenName: 'Olle',
      familyName: unique('Slutat'),
      employmentStartsOn: '2020-01-01',
      employmentEndsOn: '2026-11-30',
    });
    expectRefused(
      await lead.post('/api/v1/team-memberships', { teamId: tw.world.team.a, staffMemberId: former }),
      'outside_employment',
      'validFrom',
    );
    expect(await countOf('team-memberships', former)).toBe(0);

    // A new hire may be added before the first day.
    const hire = await newStaff('2027-01-04');
    const inAdvance = await lead.post('/api/v1/team-memberships', {
      teamId: tw.world.team.a,
      staffMemberId: hire,
    });
    expect(inAdvance.status, JSON.stringify(inAdvance.body)).toBe(201);
  });
});

/** A grant of customer A to the staff member, from now (the server stamps it) until `until`. */
const grantUntil = (staffMemberId: string, until: string, extra: Record<string, unknown> = {}) =>
  lead.post('/api/v1/access-grants', {
    staffMemberId,
    customerId: tw.world.customer.a,
    validUntil: until,
    reason: 'Vikarie',
    ...extra,
  });

describe('a grant or membership that has begun', () => {
  const explainOpen = (staffMemberId: string, atTime: string) =>
    lead
      .get(
        `/api/v1/permissions/explain?staffMemberId=${staffMemberId}&lockId=${tw.world.lockDevice.apartmentA}&at=${atTime}`,
      )
      .then((response) => response.body.isAllowed as boolean);

  it('keeps its start: moved later it would erase the time it already applied', async () => {
    const staffMemberId = await newStaff();
    const grant = await grantUntil(staffMemberId, at(8 * hour));
    expect(grant.status, JSON.stringify(grant.body)).toBe(201);
    try {
      clock = new Date(now.getTime() + 2 * hour);
      expect(await explainOpen(staffMemberId, at(hour))).toBe(true);
      const movedLater = await lead.patch(`/api/v1/access-grants/${grant.body.id}`, {
        validFrom: at(3 * hour),
      });
      expect(movedLater.status, JSON.stringify(movedLater.body)).toBe(422);
      expect(movedLater.body.code).toBe('already_started');
      expect(movedLater.body.details).toEqual([
        expect.objectContaining({ field: 'validFrom', code: 'already_started' }),
      ]);
      expect(await explainOpen(staffMemberId, at(hour))).toBe(true);
      // Ending it, or shortening it, still works.
      const ended = await lead.patch(`/api/v1/access-grants/${grant.body.id}`, { validUntil: at(2 * hour) });
      expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    } finally {
      clock = now;
    }
  });

  it('is ended, not deleted, so who could open stays on record; one not yet begun is withdrawn', async () => {
    const staffMemberId = await newStaff();
    const grant = await grantUntil(staffMemberId, at(8 * hour));
    const membership = await lead.post('/api/v1/team-memberships', {
      teamId: tw.world.team.a,
      staffMemberId,
    });
    const upcoming = await grantUntil(staffMemberId, at(30 * hour), { validFrom: at(24 * hour) });
    expect([grant.status, membership.status, upcoming.status]).toEqual([201, 201, 201]);
    for (const path of [`access-grants/${grant.body.id}`, `team-memberships/${membership.body.id}`]) {
      const deleted = await lead.delete(`/api/v1/${path}`);
      expect(deleted.status, JSON.stringify(deleted.body)).toBe(409);
      expect(deleted.body.code).toBe('already_started');
      expect((await lead.get(`/api/v1/${path}`)).status).toBe(200);
    }
    expect(await countOf('access-grants', staffMemberId)).toBe(2);
    expect((await lead.delete(`/api/v1/access-grants/${upcoming.body.id}`)).status).toBe(204);
    expect(await countOf('access-grants', staffMemberId)).toBe(1);
  });

  it('keeps a membership’s start once its day has begun', async () => {
    const staffMemberId = await newStaff();
    const membership = await lead.post('/api/v1/team-memberships', {
      teamId: tw.world.team.a,
      staffMemberId,
      validFrom: '2026-12-05T23:30:00Z',
    });
    expect(membership.status, JSON.stringify(membership.body)).toBe(201);
    const movedLater = await lead.patch(`/api/v1/team-memberships/${membership.body.id}`, {
      validFrom: '2026-12-07T06:00:00Z',
    });
    expectRefused(movedLater, 'already_started', 'validFrom');
    const stored = await lead.get(`/api/v1/team-memberships/${membership.body.id}`);
    expect(stored.body.validFrom).toBe('2026-12-05T23:30:00.000Z');
  });

  it('keeps its end once it has ended: reopened it would grant a time already past', async () => {
    const staffMemberId = await newStaff();
    const grant = await grantUntil(staffMemberId, at(hour));
    expect(grant.status, JSON.stringify(grant.body)).toBe(201);
    try {
      clock = new Date(now.getTime() + 3 * hour);
      expect(await explainOpen(staffMemberId, at(2 * hour))).toBe(false);
      expectRefused(
        await lead.patch(`/api/v1/access-grants/${grant.body.id}`, { validUntil: at(5 * hour) }),
        'already_ended',
        'validUntil',
      );
      expect(await explainOpen(staffMemberId, at(2 * hour))).toBe(false);
    } finally {
      clock = now;
    }
  });
});
