// A customer's event log and the asking provider (issue #9 item 4, "the customer check has the
// same date rule everywhere"), over real HTTP with events recorded by simulated locks and keys: a
// work lead reads a customer's (door's, lock's) events only when its provider served the customer
// during the requested period, in Stockholm days, by the visit list's rule; otherwise the answer
// is exactly that of an unknown id. Everything happens at one fixed instant, never "today".
import { summariseEventsPerDay } from '@portvakt/storage';
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
const unknownId = '00000000-0000-4000-8000-000000000000';
const day0 = Math.floor(Date.UTC(2026, 0, 12, 8, 0, 0) / 1000); // a Monday, 09:00 in Stockholm
const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);

beforeAll(async () => {
  server = await startTestServer();
  const pool = server.db.pool;
  w = await createEventWorld(pool, day0);
  // Karl was provider B's customer until Tuesday 13 January 2026 (Stockholm) and is provider A's
  // from Wednesday the 14th: a former customer of B, long before today whatever today is.
  await pool.query(`UPDATE customer_service SET starts_on = '2026-01-14' WHERE customer_id = $1`, [
    w.customer,
  ]);
  await pool.query(
    `INSERT INTO customer_service (municipality_id, customer_id, service, provider_id, starts_on, ends_on)
     VALUES ($1, $2, 'home_care', $3, '2025-01-01', '2026-01-13')`,
    [w.municipalityId, w.customer, w.providerB],
  );
  const login = async (role: 'work_lead' | 'municipality_admin', providerId?: string) =>
    new ApiClient(server.url).login(
      await createUser(pool, w.municipalityId, role, providerId ? { providerId } : {}),
      testPassword,
    );
  leadA = await login('work_lead', w.providerA);
  leadB = await login('work_lead', w.providerB);
  admin = await login('municipality_admin');
  const open = async (key: typeof w.keyA, pin: string, when: number) => {
    w.world.advance(when - w.world.now());
    await w.box.activate(key, pin);
    await key.openLock(w.locks.apartment);
    await w.station.sync(key);
  };
  // Bertil (B) on the 13th at 10:00; Anna (A) at 00:30 on the 14th in Stockholm (still the
  // 13th in UTC) and on the 15th.
  await open(w.keyB, '5678', at('2026-01-13T09:00:00Z'));
  await open(w.keyA, '1234', at('2026-01-13T23:30:00Z'));
  await open(w.keyA, '1234', at('2026-01-15T09:00:00Z'));
}, 120_000);
afterAll(async () => server?.close());

type Row = {
  kind: number;
  occurredAt: string;
  staffName: string | null;
  staffPseudonym: string | null;
  providerId: string | null;
};
const log = (client: ApiClient, subject: string, id: string, query = '') =>
  client.get(`/api/v1/event-log/${subject}/${id}${query ? `?${query}` : ''}`);
const after = 'from=2026-01-14T00:00:00Z&to=2026-01-20T00:00:00Z';
const overlapping = 'from=2026-01-13T00:00:00Z&to=2026-01-20T00:00:00Z';

describe('a former customer’s event log', () => {
  it('answers a period after the service ended exactly like an unknown customer', async () => {
    const unknown = await log(leadB, 'customer', unknownId, after);
    expect(unknown.status).toBe(404);
    for (const query of [
      after,
      // 00:30 on the 14th in Stockholm is still the 13th in UTC: Stockholm days decide.
      'from=2026-01-13T23:30:00Z&to=2026-01-20T00:00:00Z',
      // No period: the registry's rule (today on), like GET /customers/{id}.
      '',
      // A period before the service started.
      'from=2024-12-01T00:00:00Z&to=2024-12-31T00:00:00Z',
    ]) {
      const former = await log(leadB, 'customer', w.customer, query);
      expect({ status: former.status, body: former.body }).toEqual({
        status: unknown.status,
        body: unknown.body,
      });
    }
    expect((await leadB.get(`/api/v1/customers/${w.customer}`)).status).toBe(404);
    // Same answer for the doors and locks on the way in, and for the visit list.
    for (const [subject, id] of [
      ['door', w.apartment],
      ['lock', w.lockIds.apartment],
    ] as const) {
      const former = await log(leadB, subject, id, after);
      const none = await log(leadB, subject, unknownId, after);
      expect(former.status).toBe(404);
      expect({ status: former.status, body: former.body }).toEqual({ status: none.status, body: none.body });
    }
    expect((await leadB.get(`/api/v1/customers/${w.customer}/visits?${after}`)).status).toBe(404);
  });

  it('shows a period overlapping the service with only the provider’s own staff’s events', async () => {
    // 23:59 on the 13th in Stockholm: the last day served.
    for (const query of [overlapping, 'from=2026-01-13T22:59:00Z&to=2026-01-20T00:00:00Z']) {
      const during = await log(leadB, 'customer', w.customer, query);
      expect(during.status).toBe(200);
      const rows = during.body.items as Row[];
      // Bertil's opening when the period includes it, and the lock's own records (no person) of
      // that day; nothing of the days B no longer served Karl (00:30 on the 14th in Stockholm
      // included): neither Anna's openings, not even masked, nor the lock's records then.
      const openings = rows.filter((row) => row.kind === 1);
      expect(openings.map((row) => [row.staffName, row.providerId])).toEqual(
        query === overlapping ? [['Bertil Berg', w.providerB]] : [],
      );
      for (const row of rows) {
        expect(row.occurredAt < '2026-01-13T23:00:00.000Z').toBe(true);
        expect([null, 'Bertil Berg']).toContain(row.staffName);
      }
      expect(JSON.stringify(during.body)).not.toContain(w.staffA.pseudonym);
    }
    const door = await log(leadB, 'door', w.apartment, overlapping);
    expect(door.status).toBe(200);
    expect((door.body.items as Row[]).filter((row) => row.kind === 1).map((row) => row.staffName)).toEqual([
      'Bertil Berg',
    ]);
    // The municipality sees everyone's; provider A, serving Karl from the 14th, its own only.
    const all = await log(admin, 'customer', w.customer, overlapping);
    const named = (body: { items: Row[] }) =>
      body.items.filter((row) => row.kind === 1).map((row) => row.staffName);
    expect(named(all.body)).toEqual(['Anna Andersson', 'Anna Andersson', 'Bertil Berg']);
    const a = await log(leadA, 'customer', w.customer, overlapping);
    expect(a.status).toBe(200);
    expect(named(a.body)).toEqual(['Anna Andersson', 'Anna Andersson']);
    expect(JSON.stringify(a.body)).not.toContain(w.staffB.pseudonym);
  });

  it('a period before provider A served Karl answers like an unknown id to A', async () => {
    const early = await log(
      leadA,
      'customer',
      w.customer,
      'from=2026-01-12T00:00:00Z&to=2026-01-13T00:00:00Z',
    );
    const unknown = await log(
      leadA,
      'customer',
      unknownId,
      'from=2026-01-12T00:00:00Z&to=2026-01-13T00:00:00Z',
    );
    expect(early.status).toBe(404);
    expect({ status: early.status, body: early.body }).toEqual({
      status: unknown.status,
      body: unknown.body,
    });
  });

  it('a customer the provider never served answers like an unknown id', async () => {
    const never = await log(leadA, 'customer', w.otherCustomer, overlapping);
    const unknown = await log(leadA, 'customer', unknownId, overlapping);
    expect(never.status).toBe(404);
    expect({ status: never.status, body: never.body }).toEqual({
      status: unknown.status,
      body: unknown.body,
    });
  });
});

describe('the event-log summary of a provider', () => {
  it('counts events at a customer’s doors only on the Stockholm days the provider served them', async () => {
    const summary = (providerId: string) =>
      summariseEventsPerDay(server.db.pool, {
        municipalityId: w.municipalityId,
        days: 5,
        now: new Date('2026-01-16T12:00:00Z'),
        providerId,
      });
    const openings = (days: { day: string; openings: number }[]) =>
      Object.fromEntries(days.filter((d) => d.openings > 0).map((d) => [d.day, d.openings]));
    // B: Bertil's own opening on the 13th; Anna's at 00:30 on the 14th is after B's service.
    expect(openings((await summary(w.providerB)).days)).toEqual({ '2026-01-13': 1 });
    expect(openings((await summary(w.providerA)).days)).toEqual({ '2026-01-14': 1, '2026-01-15': 1 });
  });
});
