// A couple sharing a home (docs/visits.md "A shared home"): one staff member's visits at both
// spouses may overlap, the exceptions queue does not hold them back, and the compensation run
// pays the overlap once, shared between them. A neighbour at another door is still refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { createRecord, startTestWorld, type World } from '../platform/world.testing';
import { createRelative } from '../relatives/relatives.testing';
import { createLockTurns, type LockTurns } from './lock-turns.testing';

let server: TestServer;
let world: World;
let admin: ApiClient;
let leadA: ApiClient;
let leadB: ApiClient;
let turns: LockTurns;
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
  leadB = await started.login('work_lead', { providerId: world.provider.b });
  turns = await createLockTurns(server, world, started.municipalityId);
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

describe('a lock visit at the couple’s door', () => {
  // Derivation gives a visit at a shared door to one spouse, always the same (docs/visits.md
  // "Derivation"); the work lead moves it to the one it was for.
  let lock: { id: string; version: number };
  let owner: string;
  let other: string;

  beforeAll(async () => {
    await turns.derive('2026-03-31T06:00:00Z', '2026-03-31T06:25:00Z');
    lock = await turns.findVisit('2026-03-31T06:00:00Z');
    owner = (await leadA.get(`/api/v1/visits/${lock.id}`)).body.visit.customerId;
    other = owner === maja ? world.customer.a : maja;
  });

  it('moves to the other spouse with a correction naming customerId, keeping its lock records', async () => {
    const moved = await leadA.post(`/api/v1/visits/${lock.id}/corrections`, {
      version: lock.version,
      reason: 'Besöket gällde makan',
      customerId: other,
    });
    expect([moved.status, moved.body.version]).toEqual([200, lock.version + 1]);
    const detail = await leadA.get(`/api/v1/visits/${lock.id}`);
    expect(detail.body.visit).toMatchObject({
      customerId: other,
      source: 'lock',
      state: 'corrected',
      minutes: 25,
    });
    // Its times are still the lock's, and so is the evidence: the door is the same.
    expect(detail.body.evidence.map((e: { role: string }) => e.role)).toEqual(['arrival', 'departure']);
    // Each version says whose visit it was.
    expect(detail.body.versions.map((v: { customerId: string }) => v.customerId).slice(-2)).toEqual([
      owner,
      other,
    ]);
    lock = { id: lock.id, version: moved.body.version };
  });

  it('follows the move in the relatives’ visit lists: the spouse it left no longer shows it', async () => {
    const relativeOf = async (customerId: string, username: string) =>
      (await createRelative(server.url, leadA, customerId, username)).client;
    const listed = async (client: ApiClient, customerId: string) =>
      (
        await client.get(`/api/v1/relative/customers/${customerId}/visits?from=2026-03-31&to=2026-03-31`)
      ).body.visits.map((visit: { arrival: string }) => visit.arrival);
    const ownersRelative = await relativeOf(owner, 'household-relative-owner');
    const othersRelative = await relativeOf(other, 'household-relative-other');
    expect(await listed(ownersRelative, owner)).toEqual([]);
    expect(await listed(othersRelative, other)).toEqual(['08:00']);
    // Neither relative reads the spouse's list through the shared home.
    expect((await ownersRelative.get(`/api/v1/relative/customers/${other}/visits`)).status).toBe(404);
  });

  it('refuses a move out of the home, and another provider’s work lead learns nothing', async () => {
    const before = (await leadA.get(`/api/v1/visits/${lock.id}`)).body.versions.length;
    const outside = await leadA.post(`/api/v1/visits/${lock.id}/corrections`, {
      version: lock.version,
      reason: 'Fel kund',
      customerId: olle,
    });
    expect([outside.status, outside.body.code]).toEqual([422, 'customer_not_in_home']);
    const foreign = await leadB.post(`/api/v1/visits/${lock.id}/corrections`, {
      version: lock.version,
      reason: 'Fel kund',
      customerId: owner,
    });
    expect(foreign.status).toBe(404);
    expect((await leadA.get(`/api/v1/visits/${lock.id}`)).body.versions).toHaveLength(before);
  });

  it('moves back to the first spouse', async () => {
    const back = await leadA.post(`/api/v1/visits/${lock.id}/corrections`, {
      version: lock.version,
      reason: 'Det var rätt från början',
      customerId: owner,
    });
    expect(back.status).toBe(200);
    expect((await leadA.get(`/api/v1/visits/${lock.id}`)).body.visit.customerId).toBe(owner);
  });
  it('names the spouse a reader may see, and no one another provider serves', async () => {
    const home = async (client: ApiClient) =>
      ((await client.get(`/api/v1/visits/${lock.id}`)).body.homeCustomers as { name: string }[]).map(
        (c) => c.name,
      );
    // A third resident behind the door, served only by provider B.
    const frida = await createRecord(admin, 'customers', {
      districtId: world.district.a,
      givenName: 'Frida',
      familyName: 'Berg',
      residencePropertyId: world.property.a,
      apartmentDoorId: world.door.apartmentA,
    });
    await createRecord(admin, 'customer-services', {
      customerId: frida,
      service: 'home_care',
      providerId: world.provider.b,
      startsOn: '2026-01-01',
    });
    const spouse = owner === maja ? 'Karl Berg' : 'Maja Berg';
    expect(await home(leadA)).toEqual([spouse]);
    expect(await home(admin)).toEqual(['Frida Berg', spouse].sort());
    // A move to her is answered as to a stranger or an unknown id: the answer does not tell who
    // lives behind the door.
    const moved = await leadA.post(`/api/v1/visits/${lock.id}/corrections`, {
      version: lock.version + 1,
      reason: 'Fel kund',
      customerId: frida,
    });
    const unknown = await leadA.post(`/api/v1/visits/${lock.id}/corrections`, {
      version: lock.version + 1,
      reason: 'Fel kund',
      customerId: '00000000-0000-4000-8000-000000000000',
    });
    expect([moved.status, moved.body.code, moved.body.message]).toEqual([
      422,
      'customer_not_in_home',
      unknown.body.message,
    ]);
    expect(unknown.body.code).toBe('customer_not_in_home');
  });
});
