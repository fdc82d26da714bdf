// An events export over real HTTP with events recorded by simulated locks and keys (docs/exports.md
// "Events"): each reader gets the event log of the period exactly as far as the event log routes
// show it (a work lead nothing of another provider's staff or customers' doors, a lock manager no
// one's identity and no key's own records), its count says as much and no more, and every page
// read is in the read log. Everything happens at one fixed instant, never "today".
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
const clients = {} as Record<'admin' | 'leadA' | 'leadB' | 'lockManager' | 'owner', ApiClient>;
const day0 = Math.floor(Date.UTC(2026, 0, 12, 8, 0, 0) / 1000); // a Monday, 09:00 in Stockholm
const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const period = 'from=2026-01-12T00:00:00Z&to=2026-01-19T00:00:00Z';

type Row = {
  kind: number;
  lockDeviceId: string | null;
  doorId: string | null;
  staffName: string | null;
  staffPseudonym: string | null;
  keyId: string | null;
  providerId: string | null;
};

async function exportEvents(client: ApiClient, query = period) {
  const response = await client.getBytes(`/api/v1/exports/events?${query}`);
  return {
    status: response.status,
    text: new TextDecoder().decode(response.bytes),
    headers: response.headers,
  };
}
const countEvents = async (client: ApiClient) =>
  (await client.get(`/api/v1/exports/events/count?${period}`)).body as { total: number };
const readLog = async (role: string) =>
  (
    await server.db.pool.query<{ row_count: number }>(
      `SELECT row_count FROM event_read_log WHERE query_kind = 'events_export' AND actor_role = $1 ORDER BY id`,
      [role],
    )
  ).rows;

beforeAll(async () => {
  server = await startTestServer();
  const pool = server.db.pool;
  w = await createEventWorld(pool, day0);
  const login = async (
    role: Parameters<typeof createUser>[2],
    links: Parameters<typeof createUser>[3] = {},
  ) => new ApiClient(server.url).login(await createUser(pool, w.municipalityId, role, links), testPassword);
  clients.admin = await login('municipality_admin');
  clients.leadA = await login('work_lead', { providerId: w.providerA });
  clients.leadB = await login('work_lead', { providerId: w.providerB });
  clients.lockManager = await login('lock_manager');
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO property_owner (municipality_id, name) VALUES ($1, 'Bostäder AB') RETURNING id`,
    [w.municipalityId],
  );
  clients.owner = await login('property_owner', { propertyOwnerId: rows[0]!.id });
  // Anna (provider A) opens her customer's apartment door twice; Bertil (B) his customer's once.
  const open = async (key: typeof w.keyA, pin: string, lock: typeof w.locks.apartment, when: number) => {
    w.world.advance(when - w.world.now());
    await w.box.activate(key, pin);
    await key.openLock(lock);
    await w.station.sync(key);
  };
  await open(w.keyA, '1234', w.locks.apartment, at('2026-01-13T09:00:00Z'));
  await open(w.keyB, '5678', w.locks.other, at('2026-01-14T09:00:00Z'));
  await open(w.keyA, '1234', w.locks.apartment, at('2026-01-15T09:00:00Z'));
}, 180_000);
afterAll(async () => server?.close());

describe('events export', () => {
  it('gives the municipality every record of the period, newest first, counted exactly', async () => {
    const file = await exportEvents(clients.admin);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      'attachment; filename="portvakt-events-2026-01-12-2026-01-19.json"',
    );
    const rows = JSON.parse(file.text) as Row[];
    const openings = rows.filter((row) => row.kind === 1 && row.lockDeviceId !== null);
    expect(openings.map((row) => row.staffName)).toEqual(['Anna Andersson', 'Bertil Berg', 'Anna Andersson']);
    expect((await countEvents(clients.admin)).total).toBe(rows.length);
  });

  it('gives a work lead nothing of another provider’s staff or customers, in the file or its count', async () => {
    for (const [lead, own, other] of [
      [clients.leadA, w.staffA, w.staffB],
      [clients.leadB, w.staffB, w.staffA],
    ] as const) {
      const file = await exportEvents(lead);
      expect(file.status).toBe(200);
      const rows = JSON.parse(file.text) as Row[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect([null, own.pseudonym]).toContain(row.staffPseudonym);
      expect(file.text).not.toContain(other.pseudonym);
      expect(file.text).not.toContain(other === w.staffA ? 'Anna' : 'Bertil');
      expect(file.text).not.toContain(other === w.staffA ? w.apartment : w.otherApartment);
      expect((await countEvents(lead)).total).toBe(rows.length);
    }
    // The CSV holds the same rows.
    const csv = await exportEvents(clients.leadA, `${period}&format=csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const json = JSON.parse((await exportEvents(clients.leadA)).text) as Row[];
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(json.length + 1);
    expect(csv.text).not.toContain('Bertil');
  });

  it('gives a lock manager the locks’ records without anyone’s identity (R10.3)', async () => {
    const file = await exportEvents(clients.lockManager);
    expect(file.status).toBe(200);
    const rows = JSON.parse(file.text) as Row[];
    expect(rows.filter((row) => row.kind === 1)).toHaveLength(3);
    for (const row of rows) {
      expect(row.lockDeviceId).not.toBeNull();
      expect([row.staffName, row.staffPseudonym, row.keyId, row.providerId]).toEqual([
        null,
        null,
        null,
        null,
      ]);
    }
    for (const hidden of ['Anna', 'Bertil', w.staffA.pseudonym, w.keyIds.keyA])
      expect(file.text).not.toContain(hidden);
    expect((await countEvents(clients.lockManager)).total).toBe(rows.length);
  });

  it('refuses a property owner, who reads no events, and logs nothing for them', async () => {
    const file = await exportEvents(clients.owner);
    expect([file.status, JSON.parse(file.text).code]).toEqual([403, 'forbidden']);
    expect((await clients.owner.get(`/api/v1/exports/events/count?${period}`)).status).toBe(403);
    expect(await readLog('property_owner')).toEqual([]);
  });

  it('logs every export as reads of events, with the rows each page gave', async () => {
    const before = (await readLog('work_lead')).length;
    const rows = JSON.parse((await exportEvents(clients.leadB)).text) as Row[];
    const log = await readLog('work_lead');
    expect(log.length).toBe(before + 1);
    expect(log.at(-1)!.row_count).toBe(rows.length);
  });
});
