// Visit lists for relatives and the asking provider (issue #9 item 4, issue #11 item 7), over real
// HTTP with the visits derived at ingest from records of simulated locks and keys: a work lead
// sees only its own provider's visits, and a customer only for the days its provider served them,
// by the same rule as GET /customers/{id}; nothing leaks through counts or error answers; staff
// are named by first name or role word; the list agrees with the compensation run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
} from '@portvakt/server/testing';
import { createEventWorld, type EventWorld } from './event-log.world';

let server: TestServer;
let w: EventWorld;
let leadA: ApiClient;
let leadB: ApiClient;
let admin: ApiClient;
let owner: ApiClient;
let staff: ApiClient;
let serviceB: string;
const day0 = Math.floor(Date.UTC(2026, 0, 12, 8, 0, 0) / 1000); // a Monday, 09:00 in Stockholm
const range = 'from=2026-01-12T00:00:00Z&to=2026-01-20T00:00:00Z';

beforeAll(async () => {
  server = await startTestServer();
  const pool = server.db.pool;
  w = await createEventWorld(pool, day0);
  // Karl is served by provider A and, since 2025, also by provider B: a shared customer.
  serviceB = (
    await pool.query<{ id: string }>(
      `INSERT INTO customer_service (municipality_id, customer_id, service, provider_id, starts_on)
       VALUES ($1, $2, 'home_care', $3, '2025-01-01') RETURNING id`,
      [w.municipalityId, w.customer, w.providerB],
    )
  ).rows[0]!.id;
  const login = async (role: 'work_lead' | 'municipality_admin', providerId?: string) =>
    new ApiClient(server.url).login(
      await createUser(pool, w.municipalityId, role, providerId ? { providerId } : {}),
      testPassword,
    );
  leadA = await login('work_lead', w.providerA);
  leadB = await login('work_lead', w.providerB);
  admin = await login('municipality_admin');
  const ownerId = (
    await pool.query<{ id: string }>(
      `INSERT INTO property_owner (municipality_id, name) VALUES ($1, 'Bostäder AB') RETURNING id`,
      [w.municipalityId],
    )
  ).rows[0]!.id;
  // The property owner owns Karl's building: still no visits.
  await pool.query('UPDATE property SET owner_id = $1 WHERE municipality_id = $2', [
    ownerId,
    w.municipalityId,
  ]);
  owner = await new ApiClient(server.url).login(
    await createUser(pool, w.municipalityId, 'property_owner', { propertyOwnerId: ownerId }),
    testPassword,
  );
  staff = await new ApiClient(server.url).login(
    await createUser(pool, w.municipalityId, 'staff', {
      providerId: w.providerA,
      staffMemberId: w.staffA.id,
    }),
    testPassword,
  );
  // Anna (provider A) visits on the 12th and 13th, Bertil (provider B) on the 14th.
  const visit = async (key: typeof w.keyA, pin: string, at: number, stay: number | null) => {
    w.world.advance(at - w.world.now());
    await w.box.activate(key, pin);
    await key.openLock(w.locks.entrance);
    await key.openLock(w.locks.apartment);
    if (stay !== null) {
      w.world.advance(stay);
      await key.openLock(w.locks.apartment);
    }
    await w.station.sync(key);
  };
  await visit(w.keyA, '1234', day0, 35 * 60);
  await visit(w.keyA, '1234', day0 + 86_400 + 3600, 20 * 60);
  await visit(w.keyB, '5678', day0 + 2 * 86_400, null);
}, 120_000);
afterAll(async () => server?.close());

/** A visit of the list: its staff are first names or what they work as, as facts. */
type Visit = { staff: { givenName: string | null; occupation: string | null }[] };
const anna = { givenName: 'Anna', occupation: null };
const bertil = { givenName: 'Bertil', occupation: null };
const visits = (client: ApiClient, customer: string, query = range) =>
  client.get(`/api/v1/customers/${customer}/visits?${query}`);

describe('a shared customer’s visit list', () => {
  it('shows everyone’s visits to the municipality', async () => {
    const all = await visits(admin, w.customer);
    expect(all.status).toBe(200);
    expect(all.body.visits.map((v: Visit) => v.staff)).toEqual([[anna], [anna], [bertil]]);
  });

  it('shows a work lead only its own staff’s visits, never another provider’s staff names', async () => {
    const b = await visits(leadB, w.customer);
    expect(b.status).toBe(200);
    expect(b.body.visits).toEqual([
      {
        date: '2026-01-14',
        arrival: '09:00',
        departure: null,
        minutes: null,
        staff: [bertil],
        provider: 'Omsorg Syd AB',
        state: 'incomplete',
      },
    ]);
    // No count gives the other provider's visits away.
    expect(b.body.totalMinutes).toBe(0);
    const a = await visits(leadA, w.customer);
    expect(a.body.visits.map((v: Visit) => v.staff)).toEqual([[anna], [anna]]);
    expect(a.body.totalMinutes).toBe(55);
    for (const format of ['csv', 'json']) {
      const other = await leadB.get(`/api/v1/customers/${w.customer}/visits?${range}&format=${format}`);
      const text = typeof other.body === 'string' ? other.body : JSON.stringify(other.body);
      expect(other.status).toBe(200);
      expect(text).toContain('Bertil');
      for (const leak of ['Anna', 'Andersson', 'Hemtjänst Norr', w.staffA.pseudonym])
        expect(text).not.toContain(leak);
    }
  });
});

describe('a former customer', () => {
  it('is visible to the provider for the days it served them, and 404 everywhere after', async () => {
    // Provider B's service ended on the 13th (long before today, whatever today is).
    await server.db.pool.query(`UPDATE customer_service SET ends_on = '2026-01-13' WHERE id = $1`, [
      serviceB,
    ]);
    try {
      // Registry: served from today on? No: 404, as for an unknown customer.
      expect((await leadB.get(`/api/v1/customers/${w.customer}`)).status).toBe(404);
      // A period after the service ended (and the default "last 31 days"): 404 as well.
      const after = await visits(leadB, w.customer, 'from=2026-01-14T00:00:00Z&to=2026-01-20T00:00:00Z');
      expect(after.status).toBe(404);
      expect(Object.keys(after.body).sort()).toEqual(['code', 'message']);
      expect((await leadB.get(`/api/v1/customers/${w.customer}/visits`)).status).toBe(404);
      // A period before the service started: 404.
      expect(
        (await visits(leadB, w.customer, 'from=2024-12-01T00:00:00Z&to=2024-12-31T00:00:00Z')).status,
      ).toBe(404);
      // A period that overlaps the days served: the provider's own staff's visits in that period.
      const during = await visits(leadB, w.customer, 'from=2026-01-13T00:00:00Z&to=2026-01-20T00:00:00Z');
      expect(during.status).toBe(200);
      expect(during.body.visits.map((v: Visit) => v.staff)).toEqual([[bertil]]);
      // Provider A, still serving, is unaffected.
      expect((await leadA.get(`/api/v1/customers/${w.customer}`)).status).toBe(200);
      expect((await visits(leadA, w.customer)).status).toBe(200);
    } finally {
      await server.db.pool.query(`UPDATE customer_service SET ends_on = NULL WHERE id = $1`, [serviceB]);
    }
  });

  it('a customer the provider never served answers like an unknown id', async () => {
    const never = await visits(leadA, w.otherCustomer);
    const unknown = await visits(leadA, '00000000-0000-4000-8000-000000000000');
    expect(never.status).toBe(404);
    expect({ status: never.status, body: never.body }).toEqual({
      status: unknown.status,
      body: unknown.body,
    });
    expect((await leadA.get(`/api/v1/customers/${w.otherCustomer}`)).status).toBe(404);
  });
});

describe('what no one outside the provider learns', () => {
  it('gives a property owner and staff nothing, not even for the building the owner owns', async () => {
    for (const client of [owner, staff]) {
      const answer = await visits(client, w.customer);
      expect([answer.status, answer.body.code]).toEqual([403, 'forbidden']);
      expect(JSON.stringify(answer.body)).not.toContain('Karl');
    }
  });

  it('answers another provider’s customer like an unknown id, in every format and for bad periods', async () => {
    const unknownId = '00000000-0000-4000-8000-000000000000';
    // Greta is provider B's customer only: B gets her list, A the answer of an unknown id.
    for (const query of [range, `${range}&format=csv`, `${range}&format=pdf`]) {
      expect((await visits(leadB, w.otherCustomer, query)).status).toBe(200);
      const notServed = await visits(leadA, w.otherCustomer, query);
      const unknown = await visits(leadA, unknownId, query);
      expect(notServed.status).toBe(404);
      expect({ status: notServed.status, body: notServed.body }).toEqual({
        status: unknown.status,
        body: unknown.body,
      });
    }
    // A bad period is refused before anyone is looked up: the same answer for every id.
    const backwards = 'from=2026-01-19&to=2026-01-12';
    const badForeign = await visits(leadA, w.otherCustomer, backwards);
    const badUnknown = await visits(leadA, unknownId, backwards);
    expect(badForeign.status).toBe(400);
    expect(badForeign.body).toEqual(badUnknown.body);
  });
});

describe('staff names and billing', () => {
  it('names staff by role word when the municipality says so: "Personal" without an occupation', async () => {
    expect(
      (await admin.patch('/api/v1/municipality', { settings: { relativesStaffNaming: 'role_word' } })).status,
    ).toBe(200);
    expect(
      (await admin.patch(`/api/v1/staff/${w.staffA.id}`, { occupation: 'assistant_nurse' })).status,
    ).toBe(200);
    try {
      const list = await visits(admin, w.customer);
      expect(list.body.staffNaming).toBe('role_word');
      // What they work as, put into words by the reader's client; unknown without an occupation.
      const nurse = { givenName: null, occupation: 'assistant_nurse' };
      const unknown = { givenName: null, occupation: null };
      expect(list.body.visits.map((v: Visit) => v.staff)).toEqual([[nurse], [nurse], [unknown]]);
      const csv = await visits(admin, w.customer, `${range}&format=csv`);
      for (const name of ['Anna', 'Bertil', w.staffA.pseudonym, w.staffB.pseudonym])
        expect(String(csv.body)).not.toContain(name);
      const refused = await admin.patch('/api/v1/municipality', {
        settings: { relativesStaffNaming: 'pseudonym' },
      });
      expect([refused.status, refused.body.code]).toEqual([400, 'validation_failed']);
    } finally {
      await admin.patch('/api/v1/municipality', { settings: { relativesStaffNaming: 'first_name' } });
      await admin.patch(`/api/v1/staff/${w.staffA.id}`, { occupation: null });
    }
  });

  it('agrees with the compensation run: corrected times, a declined visit listed with no minutes', async () => {
    const stored = await admin.get(
      `/api/v1/visits?from=2026-01-12T00:00:00Z&to=2026-01-20T00:00:00Z&customerId=${w.customer}&providerId=${w.providerA}`,
    );
    const [first, second] = stored.body.items as { id: string; version: number }[];
    // The month is locked for work leads by now: the municipality corrects and declines.
    expect(
      (
        await admin.post(`/api/v1/visits/${first!.id}/corrections`, {
          version: first!.version,
          reason: 'Stämplade ut för sent',
          departure: '2026-01-12T08:30:00Z',
        })
      ).status,
    ).toBe(200);
    expect(
      (await admin.post(`/api/v1/visits/${second!.id}/decline`, { version: second!.version, reason: 'Sov' }))
        .status,
    ).toBe(200);
    const list = await visits(leadA, w.customer);
    expect(
      list.body.visits.map((v: { arrival: string; departure: string; minutes: number; state: string }) => [
        v.arrival,
        v.departure,
        v.minutes,
        v.state,
      ]),
    ).toEqual([
      ['09:00', '09:30', 30, 'corrected'],
      ['10:00', '10:20', 0, 'declined'],
    ]);
    const run = await admin.post('/api/v1/compensation-runs', { month: '2026-01', providerId: w.providerA });
    expect(run.status).toBe(201);
    const detail = await leadA.get(`/api/v1/compensation-runs/${run.body.items[0].id}`);
    const paid = (detail.body.lines as { customerId: string; customerMinutes: number }[])
      .filter((line) => line.customerId === w.customer)
      .reduce((sum, line) => sum + line.customerMinutes, 0);
    expect(paid).toBe(30);
    expect(list.body.totalMinutes).toBe(paid);
  });
});
