// A team membership wholly outside the staff member's employment is 422 outside_employment naming
// the field, and nothing is stored; a new hire may be added before the first day
// (docs/permissions.md "Changing permissions"). Real HTTP on real PostgreSQL with the server's
// clock fixed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../platform/testing';
import { createRecord, startTestWorld, unique, type TestWorld } from '../platform/world.testing';

// 12:00 in Stockholm on Sunday 6 December 2026.
const now = new Date('2026-12-06T11:00:00Z');

let tw: TestWorld;
let lead: ApiClient;

beforeAll(async () => {
  tw = await startTestWorld({ now: () => now });
  lead = await tw.login('work_lead', { providerId: tw.world.provider.a });
}, 180_000);
afterAll(async () => tw?.server.close());

async function newStaff(employmentStartsOn = '2026-01-01'): Promise<string> {
  return createRecord(tw.admin, 'staff', {
    providerId: tw.world.provider.a,
    givenName: 'Vera',
    familyName: unique('Vikarie'),
    employmentStartsOn,
  });
}

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

describe('a team membership', () => {
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
