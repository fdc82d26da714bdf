// A billing officer's review of November over real HTTP on real PostgreSQL, the clock fixed
// (docs/visits.md "Exceptions", "Approval", "Corrections"): an exception is a fact about a visit,
// the same in a day's list, a month's and an approval's check; a registration after the lock
// date is late like a correction; a change after approval takes the day's approval back; each
// approved visit's audit history shows its approval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';

let now = new Date('2026-12-02T12:00:00Z');
let server: TestServer;
let world: World;
let admin: ApiClient;
let leadA: ApiClient;
let leadB: ApiClient;

/** Local Stockholm time in November 2026 (UTC+1). */
const nov = (day: number, clock: string) => `2026-11-${String(day).padStart(2, '0')}T${clock}:00+01:00`;
/** A local day of November as the instants [from, to) a list asks for. */
const novDay = (day: number) => ({ from: new Date(nov(day, '00:00')), to: new Date(nov(day + 1, '00:00')) });
const exceptionsOf = async (client: ApiClient, from: Date, to: Date) => {
  const response = await client.get(
    `/api/v1/visit-exceptions?from=${from.toISOString()}&to=${to.toISOString()}`,
  );
  expect(response.status).toBe(200);
  return response.body.items as { key: string; code: string; at: string; visitIds: string[] }[];
};
const registered = async (client: ApiClient, body: Record<string, unknown>) => {
  const response = await client.post('/api/v1/visits', { services: ['meals'], ...body });
  expect(response.status).toBe(201);
  return response.body.id as string;
};

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, admin, world } = started);
  leadA = await started.login('work_lead', { providerId: world.provider.a });
  leadB = await started.login('work_lead', { providerId: world.provider.b });
  // Karl (customer A) has planned visits in November: on the 10th, and late on the 13th.
  const plans = await admin.put(
    '/api/v1/planned-visits',
    [
      ['TES-N10', nov(10, '07:00'), nov(10, '08:00')],
      ['TES-N13', nov(13, '22:30'), nov(13, '23:30')],
    ].map(([externalId, windowStart, windowEnd]) => ({
      externalId,
      customerId: world.customer.a,
      providerId: world.provider.a,
      services: ['meals'],
      plannedMinutes: 30,
      windowStart,
      windowEnd,
    })),
  );
  expect(plans.status).toBe(200);
}, 120_000);
afterAll(async () => server?.close());

describe('exceptions do not depend on the period asked for', () => {
  let unplanned: string;
  let lateEvening: string;

  beforeAll(async () => {
    const visit = { customerId: world.customer.a, staffMemberIds: [world.staffMember.a] };
    // No plan near it on the 14th: unplanned. Just after midnight, the 13th's late plan is near.
    unplanned = await registered(leadA, { ...visit, arrival: nov(14, '10:00'), departure: nov(14, '10:30') });
    lateEvening = await registered(leadA, {
      ...visit,
      arrival: nov(14, '00:05'),
      departure: nov(14, '00:30'),
    });
  });

  it('lists a visit’s exceptions alike for its day and its month, the period’s edges included', async () => {
    const month = await exceptionsOf(leadA, new Date(nov(1, '00:00')), new Date('2026-12-01T00:00:00+01:00'));
    const day14 = await exceptionsOf(leadA, novDay(14).from, novDay(14).to);
    const day13 = await exceptionsOf(leadA, novDay(13).from, novDay(13).to);
    expect(day14.map((e) => e.key)).toEqual([`unplanned_visit:${unplanned}:1`]);
    // The 13th's plan was met just after midnight, so neither day shows it missed.
    expect(day13).toEqual([]);
    expect(month.map((e) => e.key)).toEqual([
      expect.stringMatching(/^missed_planned_visit:/), // the 10th's plan: nobody came
      `unplanned_visit:${unplanned}:1`,
    ]);
    expect(month.flatMap((e) => e.visitIds)).not.toContain(lateEvening);
  });

  it('calls a planned visit missed only once its window and the hour after it have passed', async () => {
    const missedOn10th = async (clock: string) => {
      now = new Date(nov(10, clock));
      try {
        return (await exceptionsOf(leadA, novDay(10).from, novDay(10).to)).map((e) => e.code);
      } finally {
        now = new Date('2026-12-02T12:00:00Z');
      }
    };
    // The plan is 07:00–08:00: the visit may still come until 09:00.
    expect(await missedOn10th('07:30')).toEqual([]);
    expect(await missedOn10th('08:59')).toEqual([]);
    expect(await missedOn10th('09:00')).toEqual(['missed_planned_visit']);
  });

  it('refuses to approve the day while its exception is unresolved, whichever period was listed', async () => {
    const refused = await leadA.post('/api/v1/visits/approvals', {
      staffMemberId: world.staffMember.a,
      day: '2026-11-14',
    });
    expect([refused.status, refused.body.code, refused.body.message, refused.body.details]).toEqual([
      409,
      'unresolved_exceptions',
      '1 exception in this period is not resolved.',
      { keys: [`unplanned_visit:${unplanned}:1`] },
    ]);
    const [visit] = (await leadA.get(`/api/v1/visits/${unplanned}`)).body.versions;
    expect(visit).toMatchObject({ version: 1, state: 'registered' });
  });
});

describe('a change after approval', () => {
  const day = '2026-11-17';
  let visitId: string;
  const shiftOf = async () => {
    const [shift] = (await leadB.get(`/api/v1/work-shifts?day=${day}`)).body.items;
    return shift as { approvedAt: string | null; approvedBy: string | null };
  };

  it('records each approved visit’s approval in its own audit history', async () => {
    const shift = await leadB.post('/api/v1/work-shifts', {
      staffMemberId: world.staffMember.b,
      startsAt: `${day}T07:00:00+01:00`,
      endsAt: `${day}T15:00:00+01:00`,
    });
    expect(shift.status).toBe(201);
    visitId = await registered(leadB, {
      customerId: world.customer.b,
      staffMemberIds: [world.staffMember.b],
      arrival: `${day}T08:00:00+01:00`,
      departure: `${day}T08:30:00+01:00`,
    });
    const approval = { staffMemberId: world.staffMember.b, day };
    expect((await leadB.post('/api/v1/visits/approvals', approval)).body).toEqual({ approved: 1 });
    expect((await shiftOf()).approvedAt).not.toBeNull();
    const history = (await admin.get(`/api/v1/audit?entity=visit&entityId=${visitId}`)).body.items;
    expect(history.map((entry: { action: string }) => entry.action)).toEqual(['approve', 'create']);
    expect(history[0].after).toMatchObject({ version: 2, state: 'approved', day });
  });

  it('takes the day’s approval back, so the corrected visit and the day are approved again', async () => {
    const corrected = await leadB.post(`/api/v1/visits/${visitId}/corrections`, {
      version: 2,
      reason: 'Fel insats',
      services: ['cleaning'],
    });
    expect(corrected.body).toEqual({ id: visitId, version: 3 });
    expect((await leadB.get(`/api/v1/visits/${visitId}`)).body.visit).toMatchObject({ state: 'corrected' });
    expect(await shiftOf()).toMatchObject({ approvedAt: null, approvedBy: null });
    const [correction] = (await admin.get(`/api/v1/audit?entity=visit&entityId=${visitId}`)).body.items;
    expect(correction.after.withdrawnShiftApprovals).toHaveLength(1);
    const approval = { staffMemberId: world.staffMember.b, day };
    expect((await leadB.post('/api/v1/visits/approvals', approval)).body).toEqual({ approved: 1 });
    expect((await shiftOf()).approvedAt).not.toBeNull();
  });
});

describe('a registration after the lock date', () => {
  it('is late like a late correction, and the next compensation run lists it', async () => {
    now = new Date('2026-12-06T12:00:00Z'); // November locked at midnight after 5 December
    try {
      const body = {
        customerId: world.customer.b,
        staffMemberIds: [world.staffMember.b],
        arrival: nov(18, '09:00'),
        departure: nov(18, '09:30'),
        services: ['meals'],
      };
      const byLead = await leadB.post('/api/v1/visits', body);
      expect([byLead.status, byLead.body.code]).toEqual([422, 'month_locked']);
      const id = await registered(admin, body);
      const { rows } = await server.db.pool.query('SELECT is_late FROM visit WHERE visit_id = $1', [id]);
      expect(rows).toEqual([{ is_late: true }]);
      const run = await admin.post('/api/v1/compensation-runs', {
        month: '2026-11',
        providerId: world.provider.b,
      });
      expect(run.status).toBe(201);
      const detail = await admin.get(`/api/v1/compensation-runs/${run.body.items[0].id}`);
      expect(detail.body.run.lateVisitIds).toEqual([id]);
    } finally {
      now = new Date('2026-12-02T12:00:00Z');
    }
  });
});
