// Rollout and the R2.6 warnings over real HTTP on real PostgreSQL with a fixed clock
// (docs/rollout.md): the figures of a known world, the CSV file, role × scope of the four routes,
// and bad input answered 422 with a code.
import type { Role } from '@portvakt/core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';

const now = new Date('2026-12-15T12:00:00Z');
let server: TestServer;
let world: World;
let municipalityId: string;
const clients = {} as Record<Role, ApiClient>;
let leadB: ApiClient;

const sql = (text: string, values: unknown[]) => server.db.pool.query(text, values);

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, municipalityId, world } = started);
  const { login } = started;
  clients.municipality_admin = started.admin;
  clients.lock_manager = await login('lock_manager');
  clients.installer = await login('installer');
  clients.work_lead = await login('work_lead', { providerId: world.provider.a });
  clients.staff = await login('staff', { providerId: world.provider.a, staffMemberId: world.staffMember.a });
  clients.support = await login('support');
  clients.auditor = await login('auditor');
  clients.property_owner = await login('property_owner', { propertyOwnerId: world.propertyOwner.a });
  leadB = await login('work_lead', { providerId: world.provider.b });
  const admin = clients.municipality_admin;
  // Fixed install days, so "installed by asOf" does not depend on the day the test runs.
  for (const lock of [world.lockDevice.a, world.lockDevice.b, world.lockDevice.apartmentA])
    expect((await admin.patch(`/api/v1/locks/${lock}`, { installedAt: '2026-05-04T08:00:00Z' })).status).toBe(
      200,
    );
  for (const [door, hours] of [
    [world.door.a, [{ from: '06:00', to: '22:00' }]],
    [world.door.b, [{ from: '07:00', to: '21:00', days: [1, 2, 3, 4, 5] }]],
  ] as const) {
    const patched = await admin.patch(`/api/v1/doors/${door}`, {
      openingMethod: 'door_code',
      openingHours: hours,
    });
    expect(patched.status).toBe(200);
  }
  await sql(`UPDATE district SET rollout_start_quarter = '2026-Q2' WHERE id = $1`, [world.district.a]);
  await sql(
    `INSERT INTO entrance_consent (door_id, municipality_id, status, answered_at) VALUES ($1, $2, 'consented', '2026-02-01T10:00:00Z')`,
    [world.door.a, municipalityId],
  );
  // The world's services may have proposed this install already (docs/work-orders.md "Triggers").
  await sql(
    `INSERT INTO work_order (municipality_id, reference, kind, state, door_id, origin, created_by)
     VALUES ($1, 'AO-T-1', 'install', 'requested', $2, 'manual', 'test')
     ON CONFLICT (municipality_id, door_id, kind) WHERE state IN ('requested', 'planned', 'in_progress') DO NOTHING`,
    [municipalityId, world.door.apartmentB],
  );
  // Keys count from the day they were registered (docs/rollout.md): the world's from a fixed day.
  await sql(`UPDATE digital_key SET created_at = '2026-02-01T08:00:00Z' WHERE municipality_id = $1`, [
    municipalityId,
  ]);
  // The teams' customers from a fixed day (the world's own assignments start at the wall clock).
  for (const side of ['a', 'b'] as const)
    await sql(
      `INSERT INTO team_customer (municipality_id, team_id, customer_id, valid_from, granted_by)
       VALUES ($1, $2, $3, '2026-02-01T00:00:00Z', 'test')`,
      [municipalityId, world.team[side], world.customer[side]],
    );
}, 120_000);
afterAll(async () => server?.close());

describe('door opening hours in the registry (R2.6)', () => {
  it('keeps the method and the hours, and refuses a window that ends when it starts', async () => {
    const door = await clients.municipality_admin.get(`/api/v1/doors/${world.door.b}`);
    expect(door.body).toMatchObject({
      openingMethod: 'door_code',
      openingHours: [{ from: '07:00', to: '21:00', days: [1, 2, 3, 4, 5] }],
    });
    const empty = await clients.municipality_admin.patch(`/api/v1/doors/${world.door.b}`, {
      openingHours: [{ from: '06:00', to: '06:00' }],
    });
    expect([empty.status, empty.body.code]).toEqual([422, 'empty_opening_window']);
    const wrong = await clients.municipality_admin.patch(`/api/v1/doors/${world.door.b}`, {
      openingMethod: 'magic',
    });
    expect(wrong.status).toBe(400);
    expect((await clients.municipality_admin.get(`/api/v1/doors/${world.door.b}`)).body).toEqual(door.body);
  });
});

describe('GET /api/v1/rollout (R8.1)', () => {
  it('answers the table per district with totals, as of the clock’s day', async () => {
    const response = await clients.lock_manager.get('/api/v1/rollout');
    expect(response.status).toBe(200);
    expect(response.body.asOf).toBe('2026-12-15');
    const row = (district: string) =>
      response.body.rows.find((r: { district: { id: string } }) => r.district.id === district);
    expect(row(world.district.a)).toMatchObject({
      district: { rolloutStartQuarter: '2026-Q2' },
      properties: 1,
      propertiesAsked: 1,
      propertiesConsented: 1,
      entranceLocksInstalled: 1,
      entranceLocksInUse: 0,
      apartmentLocksInstalled: 1,
      customersServed: 1,
      customersKeyless: 0,
      staffWithKeys: 1,
      customersNightAccess: 1,
    });
    expect(row(world.district.b)).toMatchObject({
      propertiesAsked: 0,
      apartmentLocksPlanned: 1,
      customersNightAccess: 1,
    });
    expect(response.body.totals).toMatchObject({ properties: 2, staffWithKeys: 2, customersNightAccess: 2 });
    expect(response.body.history).toHaveLength(13);
    expect(response.body.history[0]).toEqual({
      day: '2025-12-31',
      locksInstalled: 0,
      locksInUse: 0,
      customersKeyless: 0,
    });
    expect(response.body.history.at(-1)).toMatchObject({ day: '2026-12-15', locksInstalled: 3 });
    expect(response.body.nightAccess.map((c: { customerId: string }) => c.customerId).sort()).toEqual(
      [world.customer.a, world.customer.b].sort(),
    );
  });

  it('counts a customer keyless once every provider is introduced, and drops their warning', async () => {
    await sql(
      `INSERT INTO provider_introduction (municipality_id, customer_id, provider_id, introduced_on, recorded_by)
       VALUES ($1, $2, $3, '2026-06-01', 'test')`,
      [municipalityId, world.customer.a, world.provider.a],
    );
    try {
      const after = await clients.auditor.get('/api/v1/rollout?asOf=2026-07-01');
      const before = await clients.auditor.get('/api/v1/rollout?asOf=2026-05-31');
      const a = (body: { rows: Array<{ district: { id: string } }> }) =>
        body.rows.find((r) => r.district.id === world.district.a);
      expect(a(after.body)).toMatchObject({
        entranceLocksInUse: 1,
        customersKeyless: 1,
        customersNightAccess: 0,
      });
      expect(a(before.body)).toMatchObject({
        entranceLocksInUse: 0,
        customersKeyless: 0,
        customersNightAccess: 1,
      });
      const warnings = await clients.auditor.get(
        `/api/v1/customers/${world.customer.a}/access-warnings?asOf=2026-07-01`,
      );
      expect(warnings.body.warnings).toEqual([]);
    } finally {
      await sql('DELETE FROM provider_introduction WHERE customer_id = $1', [world.customer.a]);
    }
  });

  it('exports the same figures as CSV for Excel: BOM, semicolons, Swedish headers, a totals row', async () => {
    const json = await clients.support.get('/api/v1/rollout?asOf=2026-12-01');
    for (const path of [
      '/api/v1/rollout.csv?asOf=2026-12-01',
      '/api/v1/rollout?asOf=2026-12-01&format=csv',
    ]) {
      const file = await clients.support.getBytes(path);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(file.headers.get('content-disposition')).toBe(
        'attachment; filename="utrullning-2026-12-01.csv"',
      );
      // The UTF-8 byte-order mark, then the text.
      expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
      expect(text.split('\r\n')[0]!.split(';')).toHaveLength(16);
      const records = parse(text.slice(1), { delimiter: ';' });
      expect(records[0]!.slice(0, 4)).toEqual([
        'Distriktskod',
        'Distrikt',
        'Startkvartal',
        'Fastigheter med entréer',
      ]);
      expect(records).toHaveLength(json.body.rows.length + 2);
      expect(records.at(-1)!.slice(0, 4)).toEqual(['', 'Totalt', '', String(json.body.totals.properties)]);
      const first = json.body.rows[0];
      expect(records[1]!.slice(0, 3)).toEqual([
        first.district.code,
        first.district.name,
        first.district.rolloutStartQuarter ?? '',
      ]);
      expect(records[1]!.at(-1)).toBe(String(first.staffWithKeys));
    }
  });

  it.each(['2026-13-01', '2026-02-30', 'igår', '2026-12-16'])(
    'refuses asOf=%s with 422 invalid_as_of',
    async (asOf) => {
      for (const path of [
        '/api/v1/rollout',
        '/api/v1/rollout.csv',
        `/api/v1/customers/${world.customer.a}/access-warnings`,
      ]) {
        const response = await clients.municipality_admin.get(`${path}?asOf=${encodeURIComponent(asOf)}`);
        expect([response.status, response.body.code]).toEqual([422, 'invalid_as_of']);
      }
    },
  );
});

describe('role × scope', () => {
  const readers: Role[] = ['municipality_admin', 'lock_manager', 'support', 'auditor'];

  it.each([
    'municipality_admin',
    'lock_manager',
    'installer',
    'work_lead',
    'staff',
    'support',
    'auditor',
    'property_owner',
  ] as Role[])('rollout for %s: 200 for oversight and lock managers, 403 for the rest', async (role) => {
    for (const path of ['/api/v1/rollout', '/api/v1/rollout.csv']) {
      const response = await clients[role].get(path);
      expect(response.status).toBe(readers.includes(role) ? 200 : 403);
    }
  });

  it('customer warnings are scoped like the customer: provider A never sees B’s customers; owners, staff and installers nothing', async () => {
    const path = (side: 'a' | 'b') => `/api/v1/customers/${world.customer[side]}/access-warnings`;
    for (const role of readers) {
      const response = await clients[role].get(path('b'));
      expect(response.status).toBe(200);
      expect(response.body.warnings).toEqual([
        expect.objectContaining({
          doorId: world.door.b,
          providerId: world.provider.b,
          openingMethod: 'door_code',
          // Weeknights, and from Friday evening to Monday morning in one stretch.
          closedSpans: [
            { days: [1, 2, 3, 4], from: '21:00', to: '07:00', minutes: 600 },
            { days: [5], from: '21:00', to: '07:00', minutes: 3480 },
          ],
        }),
      ]);
    }
    const own = await clients.work_lead.get(path('a'));
    expect(own.status).toBe(200);
    expect(own.body.warnings.map((w: { providerId: string }) => w.providerId)).toEqual([world.provider.a]);
    const foreign = await clients.work_lead.get(path('b'));
    const missing = await clients.work_lead.get(
      '/api/v1/customers/00000000-0000-4000-8000-000000000000/access-warnings',
    );
    expect([foreign.status, foreign.body]).toEqual([404, missing.body]);
    for (const role of ['installer', 'staff', 'property_owner'] as const)
      expect((await clients[role].get(path('a'))).status).toBe(403);
  });

  it('team warnings: a work lead reads only their own provider’s teams; lock managers and owners nothing', async () => {
    const path = (side: 'a' | 'b') => `/api/v1/teams/${world.team[side]}/access-warnings`;
    const own = await leadB.get(path('b'));
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([
      expect.objectContaining({
        customerId: world.customer.b,
        customerName: 'Greta Lund',
        districtId: world.district.b,
      }),
    ]);
    expect((await leadB.get(path('a'))).status).toBe(404);
    expect(
      (await clients.work_lead.get(path('a'))).body.items.map((c: { customerId: string }) => c.customerId),
    ).toEqual([world.customer.a]);
    for (const role of ['municipality_admin', 'support', 'auditor'] as const)
      expect((await clients[role].get(path('b'))).body.items).toHaveLength(1);
    for (const role of ['lock_manager', 'installer', 'staff', 'property_owner'] as const)
      expect((await clients[role].get(path('b'))).status).toBe(403);
  });

  it('team warnings on a past day leave out a customer the work lead’s provider no longer serves: the doors shown are today’s', async () => {
    const served = [world.customer.b, world.provider.b];
    const { rows: saved } = await sql(
      `SELECT id, starts_on::text AS "startsOn", ends_on::text AS "endsOn" FROM customer_service
       WHERE customer_id = $1 AND provider_id = $2`,
      served,
    );
    // B's team served the customer through 2001 and not since: years before any day the suite runs.
    await sql(
      `UPDATE customer_service SET starts_on = '2001-01-01', ends_on = '2001-12-31'
       WHERE customer_id = $1 AND provider_id = $2`,
      served,
    );
    const { rows: assigned } = await sql(
      `INSERT INTO team_customer (municipality_id, team_id, customer_id, valid_from, valid_until, granted_by)
       VALUES ($1, $2, $3, '2001-01-01T00:00:00Z', '2002-01-01T00:00:00Z', 'test') RETURNING id`,
      [municipalityId, world.team.b, world.customer.b],
    );
    try {
      const asOf = '2001-06-04';
      const team = `/api/v1/teams/${world.team.b}/access-warnings?asOf=${asOf}`;
      const oversight = await clients.municipality_admin.get(team);
      expect(oversight.body.items.map((c: { customerId: string }) => c.customerId)).toEqual([
        world.customer.b,
      ]);
      const lead = await leadB.get(team);
      expect([lead.status, lead.body.items]).toEqual([200, []]);
      const customer = await leadB.get(`/api/v1/customers/${world.customer.b}/access-warnings?asOf=${asOf}`);
      expect(customer.status).toBe(404);
    } finally {
      await sql(`DELETE FROM team_customer WHERE id = $1`, [(assigned[0] as { id: string }).id]);
      for (const row of saved as { id: string; startsOn: string; endsOn: string | null }[])
        await sql(`UPDATE customer_service SET starts_on = $2, ends_on = $3 WHERE id = $1`, [
          row.id,
          row.startsOn,
          row.endsOn,
        ]);
    }
  });
});
