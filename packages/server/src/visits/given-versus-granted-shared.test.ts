// Time given against granted for a customer two providers serve (docs/visits.md "Time given
// against granted"), over real HTTP on real PostgreSQL with a fixed clock: each granted service
// is in one provider's run only, the provider that delivers it, so nothing is counted twice and no
// provider is shown a shortfall in what another delivers; and neither provider learns anything
// of the other's part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';

let server: TestServer;
let world: World;
let admin: ApiClient;
let leadA: ApiClient;
let leadB: ApiClient;
let shared: string;
const runs: Record<'a' | 'b', string> = { a: '', b: '' };

beforeAll(async () => {
  const started = await startTestWorld({ now: () => new Date('2026-12-10T10:00:00Z') });
  ({ server, world, admin } = started);
  leadA = await started.login('work_lead', { providerId: world.provider.a });
  leadB = await started.login('work_lead', { providerId: world.provider.b });
  const created = async (path: string, body: unknown) => {
    const response = await admin.post(path, body);
    if (response.status !== 201) throw new Error(`${path}: ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };
  shared = (
    await created('/api/v1/customers', {
      districtId: world.district.a,
      givenName: 'Delad',
      familyName: 'Kundsson',
    })
  ).id;
  // Provider A has served the customer since January, provider B since February.
  await created('/api/v1/customer-services', {
    customerId: shared,
    service: 'home_care',
    providerId: world.provider.a,
    startsOn: '2026-01-01',
  });
  await created('/api/v1/customer-services', {
    customerId: shared,
    service: 'home_care',
    providerId: world.provider.b,
    startsOn: '2026-02-01',
  });
  const granted = await admin.put('/api/v1/granted-time', [
    { customerId: shared, service: 'personal_care', month: '2026-11', minutes: 100 },
    { customerId: shared, service: 'cleaning', month: '2026-11', minutes: 60 },
    { customerId: shared, service: 'shower', month: '2026-11', minutes: 30 },
    { customerId: shared, service: 'laundry', month: '2026-11', minutes: 45 },
  ]);
  expect(granted.status).toBe(200);
  // The care system planned the laundry with provider B, which has not done it yet.
  const planned = await admin.put('/api/v1/planned-visits', [
    {
      externalId: 'TVATT-1',
      customerId: shared,
      providerId: world.provider.b,
      services: ['laundry'],
      plannedMinutes: 45,
      windowStart: '2026-11-05T09:00:00Z',
      windowEnd: '2026-11-05T11:00:00Z',
    },
  ]);
  expect(planned.status).toBe(200);
  // November in Stockholm is UTC+1. A gives personal care, 80 minutes on Tuesday 3 November; B
  // cleans for 60 minutes on Wednesday the 4th. Nobody showers the customer.
  for (const [staffMemberId, arrival, departure, service] of [
    [world.staffMember.a, '2026-11-03T08:00:00Z', '2026-11-03T09:20:00Z', 'personal_care'],
    [world.staffMember.b, '2026-11-04T09:00:00Z', '2026-11-04T10:00:00Z', 'cleaning'],
  ] as const) {
    await created('/api/v1/visits', {
      customerId: shared,
      staffMemberIds: [staffMemberId],
      arrival,
      departure,
      services: [service],
    });
  }
  const run = await admin.post('/api/v1/compensation-runs', { month: '2026-11' });
  expect(run.status).toBe(201);
  for (const side of ['a', 'b'] as const)
    runs[side] = run.body.items.find((r: { providerId: string }) => r.providerId === world.provider[side]).id;
}, 120_000);
afterAll(async () => server?.close());

const row = (r: Record<string, unknown>) => [r.providerId, r.service, r.grantedMinutes, r.givenMinutes];
const sharedRows = (items: Array<Record<string, unknown>>) =>
  items.filter((r) => r.customerId === shared).map(row);

describe('a customer two providers serve', () => {
  it('puts each granted service in the run of the provider that delivers it, once', async () => {
    const report = await admin.get('/api/v1/given-versus-granted?month=2026-11');
    expect(report.status).toBe(200);
    // Cleaning is B's (given) and so is the laundry (planned), personal care A's; the shower
    // nobody planned or gave goes to the customer's longest-standing provider, A, and is a
    // shortfall there only.
    expect(sharedRows(report.body.items)).toEqual([
      [world.provider.b, 'laundry', 45, 0],
      [world.provider.a, 'shower', 30, 0],
      [world.provider.a, 'personal_care', 100, 80],
      [world.provider.b, 'cleaning', 60, 60],
    ]);
  });

  it('shows provider A nothing of B’s cleaning, and B nothing of A’s services', async () => {
    const mine = await leadA.get('/api/v1/given-versus-granted?month=2026-11');
    expect(sharedRows(mine.body.items)).toEqual([
      [world.provider.a, 'shower', 30, 0],
      [world.provider.a, 'personal_care', 100, 80],
    ]);
    const runA = await leadA.get(`/api/v1/compensation-runs/${runs.a}`);
    expect(
      runA.body.givenVersusGranted
        .filter((g: { customerId: string }) => g.customerId === shared)
        .map((g: { service: string }) => g.service)
        .sort(),
    ).toEqual(['personal_care', 'shower']);
    expect(JSON.stringify([mine.body, runA.body])).not.toMatch(/cleaning|laundry/);

    const theirs = await leadB.get('/api/v1/given-versus-granted?month=2026-11');
    expect(sharedRows(theirs.body.items)).toEqual([
      [world.provider.b, 'laundry', 45, 0],
      [world.provider.b, 'cleaning', 60, 60],
    ]);
    const runB = await leadB.get(`/api/v1/compensation-runs/${runs.b}`);
    const bServices = JSON.stringify([theirs.body, runB.body]);
    expect(bServices).not.toContain('personal_care');
    expect(bServices).not.toContain('shower');
    expect(bServices).not.toContain(world.provider.a);
  });
});
