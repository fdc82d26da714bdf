// A couple sharing a home (docs/visits.md "A shared home"): one staff member's visits at both
// spouses may overlap, the exceptions queue does not hold them back, and the compensation run
// pays the overlap once, shared between them. A neighbour at another door is still refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { createRecord, startTestWorld, type World } from '../platform/world.testing';

let server: TestServer;
let world: World;
let admin: ApiClient;
let leadA: ApiClient;
let maja: string;
let olle: string;
const visits: Record<string, string> = {};

// Monday 30 March 2026, summer time (UTC+2): 08:00–08:40 local is 06:00–06:40Z.
const register = (customerId: string, arrival: string, departure: string) =>
  leadA.post('/api/v1/visits', {
    customerId,
    staffMemberIds: [world.staffMember.a],
    arrival: `2026-03-30T${arrival}:00Z`,
    departure: `2026-03-30T${departure}:00Z`,
    services: ['personal_care'],
  });

beforeAll(async () => {
  const started = await startTestWorld({ now: () => new Date('2026-04-02T10:00:00Z') });
  ({ server, world, admin } = started);
  leadA = await started.login('work_lead', { providerId: world.provider.a });
  const customer = async (givenName: string, apartmentDoorId: string | null) => {
    const id = await createRecord(admin, 'customers', {
      districtId: world.district.a,
      givenName,
      familyName: 'Berg',
      residencePropertyId: world.property.a,
      apartmentDoorId,
    });
    await createRecord(admin, 'customer-services', {
      customerId: id,
      service: 'home_care',
      providerId: world.provider.a,
      startsOn: '2026-01-01',
    });
    return id;
  };
  // Karl's wife behind his apartment door, and a neighbour in the same house without one of his.
  maja = await customer('Maja', world.door.apartmentA);
  olle = await customer('Olle', null);
}, 120_000);
afterAll(async () => server?.close());

describe('one staff member with both spouses at once', () => {
  it('registers both visits, and refuses the neighbour’s at the same time: 409 overlapping_visit', async () => {
    const karl = await register(world.customer.a, '06:00', '06:40');
    const wife = await register(maja, '06:00', '06:30');
    expect([karl.status, wife.status]).toEqual([201, 201]);
    visits.karl = karl.body.id;
    visits.maja = wife.body.id;
    const neighbour = await register(olle, '06:10', '06:20');
    expect([neighbour.status, neighbour.body.code, neighbour.body.details]).toEqual([
      409,
      'overlapping_visit',
      { visitId: expect.any(String) },
    ]);
  });

  it('lets a correction move a spouse’s visit over the other’s', async () => {
    const corrected = await leadA.post(`/api/v1/visits/${visits.maja}/corrections`, {
      version: 1,
      reason: 'Stannade till tio i',
      departure: '2026-03-30T06:50:00Z',
    });
    expect([corrected.status, corrected.body.version]).toEqual([200, 2]);
    const detail = await leadA.get(`/api/v1/visits/${visits.maja}`);
    expect(detail.body.visit.minutes).toBe(50);
  });

  it('raises no exception for the couple', async () => {
    const queue = await leadA.get(
      '/api/v1/visit-exceptions?from=2026-03-30T00:00:00Z&to=2026-03-31T00:00:00Z',
    );
    expect(queue.status).toBe(200);
    const codes = (queue.body.items as { code: string }[]).map((item) => item.code);
    expect(codes).not.toContain('two_customers_at_once');
    expect(codes).not.toContain('duplicate_visit');
  });

  it('pays the 50 minutes the staff member worked once, shared between the spouses', async () => {
    const run = await admin.post('/api/v1/compensation-runs', {
      month: '2026-03',
      providerId: world.provider.a,
    });
    expect(run.status).toBe(201);
    const detail = await leadA.get(`/api/v1/compensation-runs/${run.body.items[0].id}`);
    const lines = detail.body.lines as {
      customerId: string;
      customerMinutes: number;
      staffMinutes: number;
    }[];
    const minutesOf = (customerId: string) =>
      lines.filter((l) => l.customerId === customerId).reduce((sum, l) => sum + l.staffMinutes, 0);
    // 08:00–08:40 both (20 minutes each), 08:40–08:50 Maja alone.
    expect([minutesOf(world.customer.a), minutesOf(maja)].sort()).toEqual([20, 30]);
    expect(detail.body.run.heldBackVisitIds).toEqual([]);
    expect(detail.body.run.totalAmountOre).toBe(Math.round((50 * 450 * 100) / 60));
  });
});
