// Exports over real HTTP on real PostgreSQL with a fixed clock (docs/exports.md): each role's
// export holds exactly what its list routes show it, counts included; property owners never learn
// who lives where; installers get only their own work orders; bad input is 4xx with a code and
// writes nothing. The event log's scope is tested with real devices in tests/e2e/exports-events.test.ts.
import { roles, type Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRouteTemplates } from './exports.routes';
import { ApiClient, type TestServer } from '../platform/testing';
import { loginEveryRole, startTestWorld, type World } from '../platform/world.testing';

const now = new Date('2026-03-10T12:00:00Z');
const march = 'from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';
let server: TestServer;
let world: World;
let clients: Record<Role, ApiClient>;
let leadB: ApiClient;
let visitA: string;
let visitB: string;
let orderA: string;
let orderB: string;
const covered = new Set<string>();

/** An export's body as text, and its count, both as `client` asks for them. */
async function exportOf(client: ApiClient, what: string, query = '') {
  covered.add('GET /api/v1/exports/{what}');
  const response = await client.getBytes(`/api/v1/exports/${what}${query ? `?${query}` : ''}`);
  return { ...response, text: new TextDecoder().decode(response.bytes) };
}
async function countOf(client: ApiClient, what: string, query = '') {
  covered.add('GET /api/v1/exports/{what}/count');
  return client.get(`/api/v1/exports/${what}/count${query ? `?${query}` : ''}`);
}
const idsOf = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  server = started.server;
  world = started.world;
  clients = await loginEveryRole(server, started.municipalityId, world, started.admin);
  leadB = await started.login('work_lead', { providerId: world.provider.b });
  const visit = async (client: ApiClient, side: 'a' | 'b', day: string) => {
    const created = await client.post('/api/v1/visits', {
      customerId: world.customer[side],
      staffMemberIds: [world.staffMember[side]],
      arrival: `2026-03-0${day}T08:00:00Z`,
      departure: `2026-03-0${day}T08:30:00Z`,
      services: ['meals'],
      note: 'Ringde på; "nyckel"; ok\nandra raden',
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    return created.body.id as string;
  };
  visitA = await visit(clients.work_lead, 'a', '2');
  visitB = await visit(leadB, 'b', '3');
  const { rows } = await server.db.pool.query<{ id: string }>(
    `SELECT id FROM user_account WHERE role = 'installer' AND municipality_id = $1`,
    [started.municipalityId],
  );
  const order = async (doorId: string, assignedUserId?: string) => {
    const created = await clients.lock_manager.post('/api/v1/work-orders', { kind: 'repair', doorId });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    if (assignedUserId) {
      const patched = await clients.lock_manager.patch(`/api/v1/work-orders/${created.body.id}`, {
        version: created.body.version,
        assignedUserId,
      });
      if (patched.status !== 200) throw new Error(JSON.stringify(patched.body));
    }
    return created.body.id as string;
  };
  orderA = await order(world.door.a, rows[0]!.id);
  orderB = await order(world.door.b);
}, 180_000);
afterAll(async () => server?.close());

describe('registry export', () => {
  it('gives the municipality every kind, as an object of arrays whose lengths the count states', async () => {
    const file = await exportOf(clients.municipality_admin, 'registry');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/json');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="portvakt-registry.json"');
    const registry = JSON.parse(file.text) as Record<string, Array<{ id: string }>>;
    expect(Object.keys(registry)).toContain('customers');
    expect(Object.keys(registry)).not.toContain('access-grants');
    expect(idsOf(registry.customers!)).toEqual([world.customer.a, world.customer.b].sort());
    // The registry's hooks plan orders of their own: the export holds what the list route does.
    const orders = await clients.municipality_admin.get('/api/v1/work-orders?limit=500');
    expect(idsOf(registry['work-orders']!)).toEqual(idsOf(orders.body.items));
    expect(idsOf(registry['work-orders']!)).toEqual(expect.arrayContaining([orderA, orderB]));
    const count = await countOf(clients.municipality_admin, 'registry');
    expect(count.status).toBe(200);
    expect(count.body.parts).toEqual(
      Object.entries(registry).map(([kind, rows]) => ({ kind, total: rows.length })),
    );
    expect(count.body.total).toBe(Object.values(registry).flat().length);
  });

  it('gives a work lead nothing of another provider’s customers, staff, keys or teams, totals included', async () => {
    const file = await exportOf(clients.work_lead, 'registry');
    expect(file.status).toBe(200);
    const registry = JSON.parse(file.text) as Record<string, Array<{ id: string }>>;
    expect(idsOf(registry.customers!)).toEqual([world.customer.a]);
    expect(idsOf(registry.providers!)).toEqual([world.provider.a]);
    expect(idsOf(registry.staff!)).toEqual([world.staffMember.a]);
    expect(idsOf(registry.keys!)).toEqual([world.digitalKey.a]);
    for (const id of [
      world.customer.b,
      world.staffMember.b,
      world.digitalKey.b,
      world.team.b,
      world.provider.b,
    ])
      expect(file.text).not.toContain(id);
    expect(file.text).not.toContain('Greta');
    const count = await countOf(clients.work_lead, 'registry');
    expect(count.body.parts).toEqual(
      Object.entries(registry).map(([kind, rows]) => ({ kind, total: rows.length })),
    );
    const permissions = JSON.parse((await exportOf(clients.work_lead, 'permissions')).text) as Record<
      string,
      Array<{ id: string }>
    >;
    expect(idsOf(permissions['access-grants']!)).toEqual([world.accessGrant.a]);
    expect(idsOf(permissions['team-customers']!)).toEqual([world.teamCustomer.a]);
    expect(JSON.stringify(permissions)).not.toContain(world.customer.b);
    expect((await countOf(clients.work_lead, 'permissions')).body.total).toBe(
      Object.values(permissions).flat().length,
    );
  });

  it('never tells a property owner who lives where: no customers, no apartment doors or their locks (R2.7)', async () => {
    const file = await exportOf(clients.property_owner, 'registry');
    expect(file.status).toBe(200);
    const registry = JSON.parse(file.text) as Record<string, Array<{ id: string }>>;
    expect(Object.keys(registry)).toEqual(['property-owners', 'properties', 'doors', 'locks']);
    expect(idsOf(registry.properties!)).toEqual([world.property.a]);
    expect(idsOf(registry.doors!)).toEqual([world.door.a, world.door.laundryA].sort());
    expect(idsOf(registry.locks!)).toEqual([world.lockDevice.a]);
    for (const hidden of [
      world.customer.a,
      world.door.apartmentA,
      world.lockDevice.apartmentA,
      'Karl',
      'Berg',
    ])
      expect(file.text).not.toContain(hidden);
    const count = await countOf(clients.property_owner, 'registry');
    expect(count.body).toEqual({
      what: 'registry',
      total: 5,
      parts: [
        { kind: 'property-owners', total: 1 },
        { kind: 'properties', total: 1 },
        { kind: 'doors', total: 2 },
        { kind: 'locks', total: 1 },
      ],
    });
    // Not the customers' CSV either, though the kind exists.
    const customers = await exportOf(clients.property_owner, 'registry', 'format=csv&kind=customers');
    expect([customers.status, JSON.parse(customers.text).code]).toEqual([403, 'forbidden']);
  });

  it('gives an installer only the work orders assigned to them', async () => {
    const registry = JSON.parse((await exportOf(clients.installer, 'registry')).text) as Record<
      string,
      Array<{ id: string }>
    >;
    expect(idsOf(registry['work-orders']!)).toEqual([orderA]);
    expect(idsOf((await clients.installer.get('/api/v1/work-orders')).body.items)).toEqual([orderA]);
    expect(JSON.stringify(registry)).not.toContain(orderB);
    expect(registry.customers).toBeUndefined();
    const count = await countOf(clients.installer, 'registry');
    expect(count.body.parts).toContainEqual({ kind: 'work-orders', total: 1 });
  });

  it('writes one kind as CSV with a BOM, semicolons and the API’s field names as header', async () => {
    const file = await exportOf(clients.work_lead, 'registry', 'format=csv&kind=customers');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(
      'attachment; filename="portvakt-registry-customers.csv"',
    );
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder has already taken the BOM off.
    const lines = file.text.trimEnd().split('\r\n');
    expect(lines[0]!.split(';').slice(0, 4)).toEqual(['id', 'createdAt', 'updatedAt', 'districtId']);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(world.customer.a);
    expect(lines[1]).toContain('Karl');
  });

  it('writes text a spreadsheet would run as a formula as text, and numbers as they are', async () => {
    // A name typed to become a live link in the municipality's Excel (CSV injection).
    const formula = '=HYPERLINK("http://x.example","Klicka")';
    const staff = await clients.work_lead.post('/api/v1/staff', {
      providerId: world.provider.a,
      givenName: formula,
      familyName: '@Lind',
      employmentStartsOn: '2026-01-01',
    });
    expect(staff.status, JSON.stringify(staff.body)).toBe(201);
    const file = await exportOf(clients.work_lead, 'registry', 'format=csv&kind=staff');
    const row = file.text.split('\r\n').find((line) => line.includes(staff.body.id as string))!;
    expect(row).toContain(`"'=HYPERLINK(""http://x.example"",""Klicka"")"`);
    expect(row).toContain(`;'@Lind;`);
    expect(row).not.toMatch(/;[=@]/);
  });
});

describe('visits export', () => {
  it('holds the period’s visits of the caller’s scope only, CSV quoting what needs it', async () => {
    const all = JSON.parse((await exportOf(clients.municipality_admin, 'visits', march)).text);
    expect(idsOf(all)).toEqual([visitA, visitB].sort());
    const mine = await exportOf(clients.work_lead, 'visits', `${march}&format=csv`);
    expect(mine.status).toBe(200);
    expect(mine.text).toContain(visitA);
    expect(mine.text).not.toContain(visitB);
    expect(mine.text).not.toContain('Greta');
    // The note's quotes, semicolon and line break stay inside one quoted cell.
    expect(mine.text).toContain('"Ringde på; ""nyckel""; ok\nandra raden"');
    expect((await countOf(clients.work_lead, 'visits', march)).body.total).toBe(1);
    expect((await countOf(clients.municipality_admin, 'visits', march)).body.total).toBe(2);
    // A period longer than one visit-list request is read window by window.
    const year = await exportOf(clients.staff, 'visits', 'from=2025-06-01T00:00:00Z&to=2026-06-01T00:00:00Z');
    expect(idsOf(JSON.parse(year.text))).toEqual([visitA]);
  });

  it('names the file by the period’s first and last day in the municipality’s zone', async () => {
    // Stockholm's 2 to 8 March, midnight to midnight (CET, UTC+1): the UTC dates are 1 to 8.
    const week = 'from=2026-03-01T23:00:00Z&to=2026-03-08T23:00:00Z';
    for (const [what, format] of [
      ['visits', 'csv'],
      ['events', 'json'],
    ] as const) {
      const file = await exportOf(clients.municipality_admin, what, `${week}&format=${format}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="portvakt-${what}-2026-03-02-2026-03-08.${format}"`,
      );
    }
  });
});

describe('role × scope of the export routes', () => {
  // Which exports each role may have at all (their parts are checked above and per kind by the policy).
  const allowed: Record<Role, string[]> = {
    municipality_admin: ['registry', 'permissions', 'events', 'visits'],
    lock_manager: ['registry', 'events'],
    installer: ['registry'],
    work_lead: ['registry', 'permissions', 'events', 'visits'],
    staff: ['registry', 'visits'],
    support: ['registry', 'permissions', 'events', 'visits'],
    auditor: ['registry', 'permissions', 'events', 'visits'],
    property_owner: ['registry'],
    relative: [],
  };
  it.each(roles)('%s', async (role) => {
    for (const what of ['registry', 'permissions', 'events', 'visits']) {
      const expected = allowed[role].includes(what) ? 200 : 403;
      // A period only where the export has one (the registry and permissions are as of now).
      const period = what === 'events' || what === 'visits' ? march : '';
      const file = await exportOf(clients[role], what, period);
      expect([what, file.status]).toEqual([what, expected]);
      const count = await countOf(clients[role], what, period);
      expect([what, count.status]).toEqual([what, expected]);
      if (expected === 403) expect(Object.keys(count.body).sort()).toEqual(['code', 'message']);
    }
  });

  it('covers every export route', () => {
    expect([...covered].sort()).toEqual([...exportRouteTemplates].sort());
  });
});

describe('bad input', () => {
  const readLogSize = async () =>
    Number(
      (await server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event_read_log')).rows[0]!.n,
    );

  it('is answered 4xx with a code and logs no read', async () => {
    const before = await readLogSize();
    const refused = async (client: ApiClient, path: string, status: number, code: string) => {
      const response = await client.get(path);
      expect([path, response.status, response.body.code]).toEqual([path, status, code]);
    };
    const admin = clients.municipality_admin;
    await refused(admin, '/api/v1/exports/customers', 400, 'validation_failed');
    await refused(admin, '/api/v1/exports/events/count', 400, 'period_required');
    await refused(admin, '/api/v1/exports/events?from=2026-03-01T00:00:00Z', 400, 'period_required');
    await refused(
      admin,
      '/api/v1/exports/events?from=2026-04-01T00:00:00Z&to=2026-03-01T00:00:00Z',
      400,
      'invalid_range',
    );
    await refused(
      admin,
      '/api/v1/exports/visits?from=2024-01-01T00:00:00Z&to=2026-03-01T00:00:00Z',
      400,
      'invalid_range',
    );
    await refused(
      admin,
      '/api/v1/exports/visits?from=yesterday&to=2026-03-01T00:00:00Z',
      400,
      'validation_failed',
    );
    await refused(admin, `/api/v1/exports/events?${march}&kind=doors`, 400, 'unknown_export_kind');
    await refused(admin, '/api/v1/exports/registry?format=csv', 400, 'export_kind_required');
    await refused(admin, '/api/v1/exports/registry?format=csv&kind=cats', 400, 'unknown_export_kind');
    await refused(admin, '/api/v1/exports/permissions?kind=customers', 400, 'unknown_export_kind');
    await refused(admin, '/api/v1/exports/registry?format=xml', 400, 'validation_failed');
    // The registry and permissions are as of now: a period asked for would be ignored, not applied.
    await refused(
      admin,
      '/api/v1/exports/registry?from=2026-04-01T00:00:00Z&to=2026-03-01T00:00:00Z',
      400,
      'export_has_no_period',
    );
    await refused(admin, `/api/v1/exports/permissions?${march}`, 400, 'export_has_no_period');
    await refused(
      admin,
      '/api/v1/exports/registry/count?to=2026-03-01T00:00:00Z',
      400,
      'export_has_no_period',
    );
    await refused(
      ApiClient.withToken(server.url, 'pvt_not-a-token'),
      '/api/v1/exports/registry',
      401,
      'invalid_token',
    );
    await refused(new ApiClient(server.url), '/api/v1/exports/registry', 401, 'unauthenticated');
    expect(await readLogSize()).toBe(before);
  });

  it('logs an events export as a read of events, with its period and rows', async () => {
    const before = await readLogSize();
    const file = await exportOf(clients.auditor, 'events', march);
    expect([file.status, JSON.parse(file.text)]).toEqual([200, []]);
    const { rows } = await server.db.pool.query(
      'SELECT query_kind, subject_kind, actor_role, time_from, time_to, row_count FROM event_read_log ORDER BY id DESC LIMIT 1',
    );
    expect(await readLogSize()).toBe(before + 1);
    expect(rows[0]).toEqual({
      query_kind: 'events_export',
      subject_kind: 'export',
      actor_role: 'auditor',
      time_from: new Date('2026-03-01T00:00:00Z'),
      time_to: new Date('2026-04-01T00:00:00Z'),
      row_count: 0,
    });
  });
});
