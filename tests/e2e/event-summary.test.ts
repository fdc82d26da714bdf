// GET /api/v1/event-log/summary: openings and refused attempts per local day, role × scope, over
// records made by the simulated devices and ingested like the device gateway does.
import { roles, type Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
} from '@portvakt/server/testing';
import { createEventWorld, type EventWorld } from './event-log.world';
import { recordActivity, type Activity } from './web-events.world';

let server: TestServer;
let w: EventWorld;
let activity: Activity;
const clients = {} as Record<Role, ApiClient>;

interface Summary {
  timeZone: string;
  days: Array<{ day: string; openings: number; refused: number }>;
}
const total = (summary: Summary, field: 'openings' | 'refused') =>
  summary.days.reduce((sum, day) => sum + day[field], 0);

beforeAll(async () => {
  server = await startTestServer();
  const pool = server.db.pool;
  const start = Math.floor(Date.now() / 1000) - 3 * 86_400;
  w = await createEventWorld(pool, start - 60);
  activity = await recordActivity(w, start, 3);
  const owner = await pool.query<{ id: string }>(
    `INSERT INTO property_owner (municipality_id, name) VALUES ($1, 'Bostäder AB') RETURNING id`,
    [w.municipalityId],
  );
  for (const role of roles) {
    const links =
      role === 'work_lead'
        ? { providerId: w.providerA }
        : role === 'staff'
          ? { providerId: w.providerA, staffMemberId: w.staffA.id }
          : role === 'property_owner'
            ? { propertyOwnerId: owner.rows[0]!.id }
            : {};
    clients[role] = await new ApiClient(server.url).login(
      await createUser(pool, w.municipalityId, role, links),
      testPassword,
    );
  }
}, 120_000);
afterAll(async () => server?.close());

describe('GET /api/v1/event-log/summary', () => {
  it('counts openings and refusals per local day, every day present, oldest first', async () => {
    const response = await clients.municipality_admin.get('/api/v1/event-log/summary?days=14');
    expect(response.status).toBe(200);
    const body = response.body as Summary;
    expect(body.timeZone).toBe('Europe/Stockholm');
    expect(body.days).toHaveLength(14);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    expect(body.days.at(-1)!.day).toBe(today);
    expect([...body.days].map((d) => d.day).sort()).toEqual(body.days.map((d) => d.day));
    expect(activity.openings).toBe(12);
    expect(activity.refused).toBe(3);
    expect(total(body, 'openings')).toBe(activity.openings);
    expect(total(body, 'refused')).toBe(activity.refused);
    expect(body.days.filter((d) => d.openings > 0).length).toBeGreaterThanOrEqual(3);
    const short = (await clients.municipality_admin.get('/api/v1/event-log/summary?days=1')).body as Summary;
    expect(short.days).toHaveLength(1);
    expect((await clients.municipality_admin.get('/api/v1/event-log/summary?days=93')).status).toBe(400);
  });

  it('follows the event log grant: municipality roles see all, a work lead their reach, others nothing', async () => {
    const expected: Record<Role, 'all' | 'provider' | 'forbidden'> = {
      municipality_admin: 'all',
      support: 'all',
      auditor: 'all',
      lock_manager: 'all',
      work_lead: 'provider',
      installer: 'forbidden',
      staff: 'forbidden',
      property_owner: 'forbidden',
      relative: 'forbidden',
    };
    for (const role of roles) {
      const response = await clients[role].get('/api/v1/event-log/summary');
      if (expected[role] === 'forbidden') {
        expect(response.status, role).toBe(403);
        continue;
      }
      expect(response.status, role).toBe(200);
      const body = response.body as Summary;
      if (expected[role] === 'all') {
        expect(total(body, 'openings'), role).toBe(activity.openings);
        expect(total(body, 'refused'), role).toBe(activity.refused);
      } else {
        // Provider A: Anna's openings, and Bertil's refusals at the door of A's customer; not
        // Bertil's openings at provider B's customer.
        expect(total(body, 'openings'), role).toBe(activity.openingsA);
        expect(total(body, 'refused'), role).toBe(activity.refused);
      }
    }
  });

  it('is cheap: the aggregate reads only the partitions of its time range', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 14 * 86_400_000);
    const { rows } = await server.db.pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT count(*) FROM device_event e WHERE e.municipality_id = '${w.municipalityId}'
         AND e.occurred_at >= '${from.toISOString()}' AND e.occurred_at < '${to.toISOString()}' AND e.kind = 1`,
    );
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    // The partition key's range prunes to the (at most two) months the window touches.
    const scanned = new Set(plan.match(/device_event_\d{4}_\d{2}/g) ?? []);
    expect(scanned.size).toBeGreaterThanOrEqual(1);
    expect(scanned.size).toBeLessThanOrEqual(2);
    expect(plan).not.toContain('device_event_default');
  });
});
