// Support cases and support hours over real HTTP on real PostgreSQL with the app's clock fixed
// (docs/support.md): the role × scope matrix of the routes, each organisation seeing only its own
// cases (lists, counts and cursors alike), links kept to the raiser's reach without revealing
// what exists (R2.7), versioned changes and notes on the timeline, and raising refused outside
// support hours (night, public holiday) with nothing stored.
import type { Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse, testPassword, type TestServer } from '../platform/testing';
import { addMunicipality, startTestWorld, unique, type World } from '../platform/world.testing';

/** Wednesday 10 March 2027, 10:00 in Stockholm: support is open. */
const day = new Date('2027-03-10T09:00:00Z');
/** The same Wednesday, 23:30 in Stockholm. */
const night = new Date('2027-03-10T22:30:00Z');
/** Långfredagen 2027 (26 March), 11:00 in Stockholm: a weekday, but a public holiday. */
const holiday = new Date('2027-03-26T10:00:00Z');
let clock = day;

let server: TestServer;
let world: World;
type Client = Role | 'leadB' | 'staffB' | 'ownerB' | 'companyInstaller' | 'otherSupport';
const clients = {} as Record<Client, ApiClient>;
const userIds = {} as Record<Client, string>;
/** The case each client raised in the matrix below. */
const raised = {} as Record<Client, string>;

const caseCount = async () =>
  Number((await server.db.pool.query('SELECT count(*) FROM support_case')).rows[0].count);
const noteCount = async () =>
  Number((await server.db.pool.query('SELECT count(*) FROM support_case_note')).rows[0].count);

async function expectNothingStored(call: () => Promise<ApiResponse>, status: number, code: string) {
  const before = [await caseCount(), await noteCount()];
  const response = await call();
  expect(response.body.code, JSON.stringify(response.body)).toBe(code);
  expect(response.status).toBe(status);
  expect([await caseCount(), await noteCount()]).toEqual(before);
  return response;
}

const raise = (client: ApiClient, body: Record<string, unknown> = {}) =>
  client.post('/api/v1/support-cases', { category: 'lock_fault', title: unique('Låset kärvar'), ...body });

beforeAll(async () => {
  const started = await startTestWorld({ now: () => clock });
  ({ server, world } = started);
  const { login } = started;
  clients.municipality_admin = started.admin;
  for (const role of ['lock_manager', 'support', 'auditor', 'installer'] as const)
    clients[role] = await login(role);
  clients.work_lead = await login('work_lead', { providerId: world.provider.a });
  clients.leadB = await login('work_lead', { providerId: world.provider.b });
  clients.staff = await login('staff', { providerId: world.provider.a, staffMemberId: world.staffMember.a });
  clients.staffB = await login('staff', { providerId: world.provider.b, staffMemberId: world.staffMember.b });
  clients.property_owner = await login('property_owner', { propertyOwnerId: world.propertyOwner.a });
  clients.ownerB = await login('property_owner', { propertyOwnerId: world.propertyOwner.b });
  clients.otherSupport = await (await addMunicipality(server)).login('support');
  const username = unique('lasmed').toLowerCase();
  await clients.municipality_admin.post('/api/v1/users', {
    username,
    displayName: 'Låsmed Företag',
    password: testPassword,
    role: 'installer',
    locksmithCompanyId: world.locksmithCompany.a,
  });
  clients.companyInstaller = await new ApiClient(server.url).login(username, testPassword);
  for (const [name, client] of Object.entries(clients))
    userIds[name as Client] = (await client.get('/api/v1/auth/me')).body.id;
}, 180_000);
afterAll(async () => server?.close());

describe('raising cases: role × scope', () => {
  it('lets every raising role raise a case in support hours, and not the auditor', async () => {
    clock = day;
    for (const name of Object.keys(clients) as Client[]) {
      if (name === 'otherSupport') continue;
      const response = await raise(clients[name], { title: `Ärende från ${name}` });
      if (name === 'auditor') {
        expect(response.status).toBe(403);
        continue;
      }
      expect(response.status, `${name}: ${JSON.stringify(response.body)}`).toBe(201);
      expect(response.body).toMatchObject({
        status: 'open',
        priority: 'normal',
        version: 1,
        isEmergency: false,
      });
      expect(response.body.reference).toMatch(/^SUP-2027-[0-9A-Z]{6}$/);
      expect(response.body.timeline).toEqual([
        expect.objectContaining({ kind: 'status', body: 'raised', toValue: 'open' }),
      ]);
      raised[name] = response.body.id;
    }
    const { rows } = await server.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'create' AND entity = 'support_case'`,
    );
    expect(rows[0].n).toBe(Object.keys(raised).length);
  });

  it('stores the raiser’s organisation: provider, property owner, locksmith company', async () => {
    const { rows } = await server.db.pool.query(
      'SELECT id, provider_id, property_owner_id, locksmith_company_id FROM support_case WHERE id = ANY($1)',
      [[raised.staff, raised.property_owner, raised.companyInstaller, raised.support]],
    );
    const by = Object.fromEntries(rows.map((row) => [row.id, row]));
    expect(by[raised.staff]).toMatchObject({ provider_id: world.provider.a, property_owner_id: null });
    expect(by[raised.property_owner]).toMatchObject({
      property_owner_id: world.propertyOwner.a,
      provider_id: null,
    });
    expect(by[raised.companyInstaller]).toMatchObject({ locksmith_company_id: world.locksmithCompany.a });
    expect(by[raised.support]).toMatchObject({
      provider_id: null,
      property_owner_id: null,
      locksmith_company_id: null,
    });
  });
});

describe('reading cases: each organisation sees only its own', () => {
  const listed = async (client: ApiClient, query = '') => {
    const response = await client.get(`/api/v1/support-cases?limit=200${query}`);
    expect(response.status).toBe(200);
    const ids = (response.body.items as { id: string }[]).map((item) => item.id);
    expect(response.body.total).toBe(ids.length);
    return ids.sort();
  };
  const ids = (...names: Client[]) => names.map((name) => raised[name]).sort();

  it('gives support, lock managers, the municipality and auditors every case', async () => {
    const all = Object.values(raised).sort();
    for (const role of ['support', 'lock_manager', 'municipality_admin', 'auditor'] as const)
      expect(await listed(clients[role])).toEqual(all);
    expect(await listed(clients.otherSupport)).toEqual([]);
  });

  it('gives a provider its people’s cases, staff their own, owners theirs, installers theirs', async () => {
    expect(await listed(clients.work_lead)).toEqual(ids('work_lead', 'staff'));
    expect(await listed(clients.leadB)).toEqual(ids('leadB', 'staffB'));
    expect(await listed(clients.staff)).toEqual(ids('staff'));
    expect(await listed(clients.property_owner)).toEqual(ids('property_owner'));
    expect(await listed(clients.ownerB)).toEqual(ids('ownerB'));
    expect(await listed(clients.installer)).toEqual(ids('installer'));
    expect(await listed(clients.companyInstaller)).toEqual(ids('companyInstaller'));
  });

  it('answers a case out of scope exactly like an unknown one', async () => {
    const unknown = await clients.leadB.get(`/api/v1/support-cases/${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    for (const [client, id] of [
      [clients.leadB, raised.staff],
      [clients.ownerB, raised.property_owner],
      [clients.property_owner, raised.work_lead],
      [clients.staff, raised.work_lead],
      [clients.installer, raised.companyInstaller],
      [clients.otherSupport, raised.support],
    ] as const) {
      const response = await client.get(`/api/v1/support-cases/${id}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(unknown.body);
    }
    expect((await clients.work_lead.get(`/api/v1/support-cases/${raised.staff}`)).status).toBe(200);
    expect((await clients.auditor.get(`/api/v1/support-cases/${raised.staff}`)).status).toBe(200);
  });

  it('binds cursors to the scope: another provider’s cursor is refused, counts stay in scope', async () => {
    const first = await clients.leadB.get('/api/v1/support-cases?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.total).toBe(2);
    const cursor = first.body.nextCursor as string;
    const second = await clients.leadB.get(
      `/api/v1/support-cases?limit=1&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const replayed = await clients.work_lead.get(
      `/api/v1/support-cases?limit=1&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(replayed.status).toBe(400);
    expect(replayed.body.code).toBe('invalid_cursor');
  });

  it('filters by mine, category, priority, status, assignee and emergency', async () => {
    expect(await listed(clients.support, '&mine=true')).toEqual(ids('support'));
    expect(await listed(clients.support, '&category=battery')).toEqual([]);
    expect(await listed(clients.support, '&emergency=true')).toEqual([]);
    expect((await listed(clients.support, '&emergency=false')).length).toBe(Object.keys(raised).length);
    expect((await listed(clients.support, '&assignee=none')).length).toBe(Object.keys(raised).length);
    expect(await listed(clients.support, '&status=closed')).toEqual([]);
    expect((await clients.support.get('/api/v1/support-cases?status=gone')).status).toBe(400);
  });
});

describe('links: only what the raiser may reach (R2.7)', () => {
  it('lets a work lead link its own customer, key, and the doors and locks on their way in', async () => {
    const response = await raise(clients.work_lead, {
      category: 'cannot_get_in',
      customerId: world.customer.a,
      digitalKeyId: world.digitalKey.a,
      doorId: world.door.a,
      lockDeviceId: world.lockDevice.a,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.customer).toEqual({ id: world.customer.a, name: expect.stringContaining('Karl') });
    expect(response.body.door).toMatchObject({ id: world.door.a });
    expect(response.body.key).toMatchObject({ id: world.digitalKey.a });
    expect(response.body.lock).toMatchObject({ id: world.lockDevice.a });
    // The owner of the building sees none of it: the case is the provider's.
    expect((await clients.property_owner.get(`/api/v1/support-cases/${response.body.id}`)).status).toBe(404);
    // Support sees the customer; the other provider does not see the case at all.
    expect((await clients.support.get(`/api/v1/support-cases/${response.body.id}`)).body.customer.id).toBe(
      world.customer.a,
    );
    expect((await clients.leadB.get(`/api/v1/support-cases/${response.body.id}`)).status).toBe(404);
  });

  it('refuses another provider’s customer, key or door with the same 404 as an unknown id', async () => {
    const unknown = await expectNothingStored(
      () => raise(clients.work_lead, { customerId: crypto.randomUUID() }),
      404,
      'not_found',
    );
    expect(unknown.body.details).toEqual({ field: 'customerId' });
    for (const body of [
      { customerId: world.customer.b },
      { digitalKeyId: world.digitalKey.b },
      { doorId: world.door.b },
      { lockDeviceId: world.lockDevice.b },
    ]) {
      const refused = await expectNothingStored(() => raise(clients.work_lead, body), 404, 'not_found');
      expect(Object.keys(refused.body.details)).toEqual(['field']);
    }
  });

  it('keeps staff to the keys they hold and their provider’s customers', async () => {
    expect(
      (await raise(clients.staff, { digitalKeyId: world.digitalKey.a, customerId: world.customer.a })).status,
    ).toBe(201);
    await expectNothingStored(
      () => raise(clients.staff, { digitalKeyId: world.digitalKey.b }),
      404,
      'not_found',
    );
    await expectNothingStored(() => raise(clients.staff, { customerId: world.customer.b }), 404, 'not_found');
  });

  it('lets a property owner link its shared doors and their locks, never a customer, key or apartment door', async () => {
    const made = await raise(clients.property_owner, {
      category: 'property_owner_question',
      doorId: world.door.a,
      lockDeviceId: world.lockDevice.a,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    // The owner sees the lock as /locks shows it: its reference, never the serial, whose gaps would
    // reveal the apartment locks installed in between (R2.7); the municipality sees the serial.
    const realSerial = (await clients.municipality_admin.get(`/api/v1/locks/${world.lockDevice.a}`)).body
      .serial;
    const ownersLock = (await clients.property_owner.get(`/api/v1/locks/${world.lockDevice.a}`)).body;
    expect(ownersLock.serial).not.toBe(realSerial);
    expect(made.body.lock).toEqual({ id: world.lockDevice.a, serial: ownersLock.serial });
    const read = await clients.property_owner.get(`/api/v1/support-cases/${made.body.id}`);
    expect(read.body.lock).toEqual({ id: world.lockDevice.a, serial: ownersLock.serial });
    const listed = await clients.property_owner.get('/api/v1/support-cases');
    for (const body of [made.body, read.body, listed.body])
      expect(JSON.stringify(body)).not.toContain(realSerial);
    const asSupport = await clients.support.get(`/api/v1/support-cases/${made.body.id}`);
    expect(asSupport.body.lock).toEqual({ id: world.lockDevice.a, serial: realSerial });
    await expectNothingStored(
      () => raise(clients.property_owner, { customerId: world.customer.a }),
      403,
      'forbidden',
    );
    await expectNothingStored(
      () => raise(clients.property_owner, { digitalKeyId: world.digitalKey.a }),
      403,
      'forbidden',
    );
    const apartment = await expectNothingStored(
      () => raise(clients.property_owner, { doorId: world.door.apartmentA }),
      404,
      'not_found',
    );
    const unknown = await raise(clients.property_owner, { doorId: crypto.randomUUID() });
    expect(unknown.status).toBe(404);
    expect(apartment.body.details).toEqual(unknown.body.details);
    await expectNothingStored(
      () => raise(clients.property_owner, { lockDeviceId: world.lockDevice.apartmentA }),
      404,
      'not_found',
    );
    await expectNothingStored(() => raise(clients.ownerB, { doorId: world.door.a }), 404, 'not_found');
  });

  it('gives installers locks and doors only', async () => {
    expect(
      (
        await raise(clients.installer, {
          doorId: world.door.apartmentA,
          lockDeviceId: world.lockDevice.apartmentA,
        })
      ).status,
    ).toBe(201);
    await expectNothingStored(
      () => raise(clients.installer, { customerId: world.customer.a }),
      403,
      'forbidden',
    );
  });
});

describe('changing cases', () => {
  it('lets support triage: status, priority and assignee, each on the timeline and in the audit trail', async () => {
    const id = raised.staff;
    const read = (await clients.support.get(`/api/v1/support-cases/${id}`)).body;
    const changed = await clients.support.patch(`/api/v1/support-cases/${id}`, {
      version: read.version,
      status: 'in_progress',
      priority: 'high',
      assignedUserId: userIds.support,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      status: 'in_progress',
      priority: 'high',
      assignedUserId: userIds.support,
      assignedUserName: 'Test support',
      version: read.version + 1,
    });
    expect(changed.body.timeline.slice(1)).toEqual([
      expect.objectContaining({ kind: 'status', fromValue: 'open', toValue: 'in_progress' }),
      expect.objectContaining({ kind: 'priority', fromValue: 'normal', toValue: 'high' }),
      expect.objectContaining({
        kind: 'assignee',
        body: 'assigned',
        fromValue: null,
        toValue: 'Test support',
      }),
    ]);
    const audit = await server.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'update' AND entity = 'support_case' AND entity_id = $1`,
      [id],
    );
    expect(audit.rows[0].n).toBe(1);
    // The assignee filter finds it; the staff member who raised it sees the change.
    const mine = await clients.support.get('/api/v1/support-cases?assignee=me');
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    expect((await clients.staff.get(`/api/v1/support-cases/${id}`)).body.status).toBe('in_progress');
  });

  it('answers a stale version 409 version_conflict and changes nothing', async () => {
    await expectNothingStored(
      () =>
        clients.support.patch(`/api/v1/support-cases/${raised.staff}`, { version: 1, status: 'resolved' }),
      409,
      'version_conflict',
    );
    expect((await clients.support.get(`/api/v1/support-cases/${raised.staff}`)).body.status).toBe(
      'in_progress',
    );
  });

  it('refuses assignees who are not support-side accounts of the municipality (422)', async () => {
    const read = (await clients.support.get(`/api/v1/support-cases/${raised.work_lead}`)).body;
    for (const assignee of [userIds.installer, userIds.work_lead, userIds.otherSupport, crypto.randomUUID()])
      await expectNothingStored(
        () =>
          clients.support.patch(`/api/v1/support-cases/${raised.work_lead}`, {
            version: read.version,
            assignedUserId: assignee,
          }),
        422,
        'invalid_assignee',
      );
    const toLockManager = await clients.support.patch(`/api/v1/support-cases/${raised.work_lead}`, {
      version: read.version,
      assignedUserId: userIds.lock_manager,
    });
    expect(toLockManager.status).toBe(200);
  });

  it('lets a work lead move its own cases’ status but not triage them; staff and owners not at all', async () => {
    const read = (await clients.work_lead.get(`/api/v1/support-cases/${raised.staff}`)).body;
    await expectNothingStored(
      () =>
        clients.work_lead.patch(`/api/v1/support-cases/${raised.staff}`, {
          version: read.version,
          priority: 'urgent',
        }),
      403,
      'forbidden',
    );
    const resolved = await clients.work_lead.patch(`/api/v1/support-cases/${raised.staff}`, {
      version: read.version,
      status: 'resolved',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolvedAt).toBe(day.toISOString());
    await expectNothingStored(
      () =>
        clients.leadB.patch(`/api/v1/support-cases/${raised.staff}`, {
          version: resolved.body.version,
          status: 'open',
        }),
      404,
      'not_found',
    );
    for (const client of [clients.staff, clients.property_owner, clients.auditor])
      await expectNothingStored(
        () =>
          client.patch(`/api/v1/support-cases/${raised.staff}`, {
            version: resolved.body.version,
            status: 'open',
          }),
        403,
        'forbidden',
      );
    const assignees = await clients.work_lead.get('/api/v1/support-case-assignees');
    expect(assignees.status).toBe(403);
    const forSupport = await clients.support.get('/api/v1/support-case-assignees');
    expect(forSupport.status).toBe(200);
    expect(forSupport.body.items.map((item: { role: string }) => item.role).sort()).toEqual([
      'lock_manager',
      'municipality_admin',
      'support',
    ]);
  });

  it('takes notes from those who may raise, on cases in their scope, never blank', async () => {
    const added = await clients.staff.post(`/api/v1/support-cases/${raised.staff}/notes`, {
      body: ' Porten går inte upp. ',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.timeline.at(-1)).toMatchObject({
      kind: 'note',
      body: 'Porten går inte upp.',
      author: expect.stringMatching(/^staff-/),
    });
    const byOwner = await clients.property_owner.post(
      `/api/v1/support-cases/${raised.property_owner}/notes`,
      {
        body: 'Gäller port A.',
      },
    );
    expect(byOwner.status).toBe(201);
    await expectNothingStored(
      () => clients.staff.post(`/api/v1/support-cases/${raised.work_lead}/notes`, { body: 'x' }),
      404,
      'not_found',
    );
    await expectNothingStored(
      () => clients.ownerB.post(`/api/v1/support-cases/${raised.property_owner}/notes`, { body: 'x' }),
      404,
      'not_found',
    );
    await expectNothingStored(
      () => clients.auditor.post(`/api/v1/support-cases/${raised.staff}/notes`, { body: 'x' }),
      403,
      'forbidden',
    );
    await expectNothingStored(
      () => clients.support.post(`/api/v1/support-cases/${raised.staff}/notes`, { body: '   ' }),
      400,
      'blank_text',
    );
  });
});

describe('support hours (R9.1)', () => {
  it('answers whether support is open, the hours and the next opening, to any role', async () => {
    clock = day;
    for (const client of [clients.staff, clients.property_owner, clients.auditor, clients.installer]) {
      const open = await client.get('/api/v1/support-hours');
      expect(open.status).toBe(200);
      expect(open.body).toEqual({
        isOpen: true,
        isRoundTheClock: false,
        from: '08:00',
        until: '17:00',
        weekdays: [1, 2, 3, 4, 5],
        timeZone: 'Europe/Stockholm',
        holiday: null,
        nextOpening: '2027-03-11T07:00:00.000Z',
        now: day.toISOString(),
      });
    }
    clock = holiday;
    const closed = await clients.staff.get('/api/v1/support-hours');
    expect(closed.body).toMatchObject({
      isOpen: false,
      holiday: 'långfredagen',
      nextOpening: '2027-03-30T06:00:00.000Z',
    });
    clock = day;
  });

  it('refuses a case at night and on a public holiday with the hours and the next opening; nothing stored', async () => {
    try {
      clock = night;
      const refused = await expectNothingStored(() => raise(clients.staff), 422, 'outside_support_hours');
      expect(refused.body.message).toBe(
        'Supporten är stängd. Den har öppet måndag–fredag 08:00–17:00, utom helgdagar. Den öppnar igen torsdag 11 mars kl. 08:00. Till dess kan bara nödöppning begäras.',
      );
      expect(refused.body.details).toMatchObject({
        from: '08:00',
        until: '17:00',
        nextOpening: '2027-03-11T07:00:00.000Z',
        emergencyOpening: '/api/v1/emergency-openings',
      });
      const english = await expectNothingStored(
        () =>
          clients.support.request(
            'POST',
            '/api/v1/support-cases',
            { category: 'other', title: 'x' },
            { headers: { 'accept-language': 'en-GB,en;q=0.9' } },
          ),
        422,
        'outside_support_hours',
      );
      expect(english.body.message).toContain('Support is closed');
      clock = holiday;
      const onHoliday = await expectNothingStored(
        () => raise(clients.support, { category: 'cannot_get_in' }),
        422,
        'outside_support_hours',
      );
      expect(onHoliday.body.message).toContain('(långfredagen)');
      expect(onHoliday.body.details.holiday).toBe('långfredagen');
    } finally {
      clock = day;
    }
  });

  it('follows the municipality’s own hours setting', async () => {
    const admin = clients.municipality_admin;
    const setHours = (supportHours: Record<string, unknown>) =>
      admin.patch('/api/v1/municipality', { settings: { supportHours } });
    try {
      const set = await setHours({ from: '07:00', until: '23:45', weekdays: [1, 2, 3, 4, 5, 6, 7] });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      clock = night;
      expect((await clients.staff.get('/api/v1/support-hours')).body).toMatchObject({
        isOpen: true,
        until: '23:45',
      });
      expect((await raise(clients.staff)).status).toBe(201);
      // Hours that end before they start are refused, not stored and then read as the default.
      const reversed = await setHours({ from: '18:00', until: '08:00', weekdays: [1] });
      expect([reversed.status, reversed.body.code]).toEqual([422, 'support_hours_reversed']);
    } finally {
      clock = day;
      await setHours({ from: '08:00', until: '17:00', weekdays: [1, 2, 3, 4, 5] });
    }
    expect((await clients.staff.get('/api/v1/support-hours')).body.until).toBe('17:00');
  });
});
