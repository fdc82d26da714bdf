// Batteries over real HTTP on real PostgreSQL (docs/batteries.md): the due list from readings in
// the event log, a lock's forecast, battery changes, battery rounds as batches of work orders,
// the role × scope matrix of these routes, and bad input answered 4xx with nothing changed. The
// clock is fixed one day after the world is built (the world's assignments start at the wall
// clock), and every reading is placed relative to it.
import { randomUUID } from 'node:crypto';
import { roles, type Role } from '@portvakt/core';
import { loadMigrations } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, testPassword, type TestServer } from '../platform/testing';
import { loginEveryRole, startTestWorld, type World } from '../platform/world.testing';
import { storeBatteryReadings } from './battery-readings.testing';

const dayMs = 86_400_000;
let now: Date;
let server: TestServer;
let world: World;
let municipalityId: string;
let clients: Record<Role, ApiClient>;
let admin: ApiClient;
/** The orders the round test created, in visiting order (a shared door, then an apartment door). */
let roundOrders: string[] = [];

const readers: Role[] = ['municipality_admin', 'lock_manager', 'installer', 'support', 'auditor'];

/** One reading every 8 hours for `days` days up to now, falling `perDay` from `level` (whole per cents). */
const storeReadings = (lockId: string, doorId: string, days: number, level: number, perDay: number) =>
  storeBatteryReadings(server.db.pool, {
    municipalityId,
    lockId,
    doorId,
    until: now,
    days,
    readingsPerDay: 3,
    level,
    perDay,
    // A wild reading now and then: the forecast must not care.
    report: (n, onLine) => (n % 17 === 5 ? 3 : Math.round(onLine)),
  });

const count = async (table: string) =>
  Number((await server.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, municipalityId, world, admin } = started);
  now = new Date(Date.now() + dayMs);
  clients = await loginEveryRole(server, municipalityId, world, admin);
  // Entrance a: 60 % falling 0.5 a day for 60 days → 30 % now, 20 % in 20 days.
  await storeReadings(world.lockDevice.a, world.door.a, 60, 60, 0.5);
  // Apartment door a: 80 % falling 0.3 a day → 62 % now, 20 % in 140 days.
  await storeReadings(world.lockDevice.apartmentA, world.door.apartmentA, 60, 80, 0.3);
  // Entrance b (the other district): 45 % falling 0.5 a day for 40 days → 25 % now, 20 % in 10 days.
  await storeReadings(world.lockDevice.b, world.door.b, 40, 45, 0.5);
  await admin.patch(`/api/v1/properties/${world.property.a}`, { latitude: 59.334, longitude: 18.063 });
}, 120_000);
afterAll(async () => server?.close());

const daysFromNow = (iso: string | null) => (new Date(iso!).getTime() - now.getTime()) / dayMs;

describe('battery forecast list', () => {
  it('lists the locks due within N weeks, soonest first, with rate and confidence and no customer', async () => {
    const response = await clients.lock_manager.get('/api/v1/battery-forecast?withinWeeks=4');
    expect(response.status).toBe(200);
    expect(response.body.threshold).toBe(20);
    const items = response.body.items as Array<Record<string, any>>;
    expect(items.map((item) => item.lockId)).toEqual([world.lockDevice.b, world.lockDevice.a]);
    expect(daysFromNow(items[0]!.dueAt)).toBeCloseTo(10, 0);
    expect(daysFromNow(items[1]!.dueAt)).toBeCloseTo(20, 0);
    expect(items[1]).toMatchObject({
      doorId: world.door.a,
      doorKind: 'entrance',
      districtId: world.district.a,
      streetAddress: 'Storgatan 1',
      batteryLevel: 30,
      confidence: 'high',
      unknownReason: null,
    });
    expect(items[1]!.ratePerMonth).toBeCloseTo(15.2, 0);
    expect(JSON.stringify(response.body)).not.toMatch(/Karl|Berg|Greta|Lund|customer/i);
  });

  it('narrows to a district, to the customers a team serves, and looks further ahead', async () => {
    const inDistrict = await clients.installer.get(
      `/api/v1/battery-forecast?withinWeeks=4&districtId=${world.district.a}`,
    );
    expect(inDistrict.body.items.map((item: { lockId: string }) => item.lockId)).toEqual([
      world.lockDevice.a,
    ]);
    const forTeam = await clients.support.get(
      `/api/v1/battery-forecast?withinWeeks=26&teamId=${world.team.a}`,
    );
    expect(forTeam.body.items.map((item: { lockId: string }) => item.lockId)).toEqual([
      world.lockDevice.a,
      world.lockDevice.apartmentA,
    ]);
  });

  it('filters by level, sorts by level and searches address, property and serial (the lock list)', async () => {
    const low = await clients.lock_manager.get('/api/v1/battery-forecast?maxLevel=30&sort=batteryLevel');
    expect(low.body.until).toBeNull();
    expect(low.body.items.map((item: { lockId: string }) => item.lockId)).toEqual([
      world.lockDevice.b,
      world.lockDevice.a,
    ]);
    const serial = (await clients.lock_manager.get(`/api/v1/locks/${world.lockDevice.apartmentA}`)).body
      .serial;
    const found = await clients.lock_manager.get(
      `/api/v1/battery-forecast?maxLevel=100&q=${encodeURIComponent(serial.toLowerCase())}`,
    );
    expect(found.body.items.map((item: { lockId: string }) => item.lockId)).toEqual([
      world.lockDevice.apartmentA,
    ]);
    const byAddress = await clients.lock_manager.get('/api/v1/battery-forecast?maxLevel=100&q=storgatan');
    expect(byAddress.body.items).toHaveLength(3);
    const both = await clients.lock_manager.get('/api/v1/battery-forecast?maxLevel=28&withinWeeks=4');
    expect(both.body.items.map((item: { lockId: string }) => item.lockId)).toEqual([world.lockDevice.b]);
  });

  it('refuses a look-ahead out of range and an unknown district with a code', async () => {
    const level = await clients.lock_manager.get('/api/v1/battery-forecast?maxLevel=101');
    expect([level.status, level.body.code]).toEqual([422, 'out_of_range']);
    for (const weeks of [0, 27]) {
      const response = await clients.lock_manager.get(`/api/v1/battery-forecast?withinWeeks=${weeks}`);
      expect([response.status, response.body.code]).toEqual([422, 'out_of_range']);
    }
    const unknown = await clients.lock_manager.get(`/api/v1/battery-forecast?districtId=${randomUUID()}`);
    expect([unknown.status, unknown.body.code]).toEqual([422, 'unknown_reference']);
  });

  it('shows a lock’s daily levels, the fitted line and the forecast', async () => {
    const response = await clients.auditor.get(`/api/v1/locks/${world.lockDevice.a}/battery`);
    expect(response.status).toBe(200);
    expect(response.body.readings.length).toBeGreaterThanOrEqual(60);
    expect(response.body.line.slopePerDay).toBeCloseTo(-0.5, 1);
    expect(daysFromNow(response.body.dueAt)).toBeCloseTo(20, 0);
    const missing = await clients.auditor.get(`/api/v1/locks/${randomUUID()}/battery`);
    expect(missing.status).toBe(404);
  });
});

describe('battery rounds', () => {
  it('plans a dry run in visiting order and writes nothing', async () => {
    const orders = await count('work_order');
    const response = await clients.lock_manager.post('/api/v1/battery-rounds?dryRun=true', {
      districtId: world.district.a,
      withinWeeks: 26,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ isDryRun: true, batchId: null });
    expect(response.body.stops).toHaveLength(1);
    expect(
      response.body.stops[0].locks.map((lock: Record<string, unknown>) => [
        lock.lockId,
        lock.position,
        lock.needsBooking,
      ]),
    ).toEqual([
      [world.lockDevice.a, 1, false],
      [world.lockDevice.apartmentA, 2, true],
    ]);
    expect(await count('work_order')).toBe(orders);
  });

  it('plans for the customers a team serves: their entrance and their own door', async () => {
    const response = await clients.municipality_admin.post('/api/v1/battery-rounds?dryRun=true', {
      teamId: world.team.a,
      withinWeeks: 26,
    });
    expect(response.status).toBe(200);
    expect(
      response.body.stops.flatMap((stop: { locks: Array<{ lockId: string }> }) =>
        stop.locks.map((lock) => lock.lockId),
      ),
    ).toEqual([world.lockDevice.a, world.lockDevice.apartmentA]);
  });

  it('refuses bad rounds with a code and changes nothing', async () => {
    const orders = await count('work_order');
    const audit = await count('audit_entry');
    const refused = async (body: Record<string, unknown>, status: number, code: string) => {
      const response = await clients.lock_manager.post('/api/v1/battery-rounds', body);
      expect([response.status, response.body.code]).toEqual([status, code]);
    };
    await refused({ withinWeeks: 4 }, 422, 'district_or_team_required');
    await refused(
      { withinWeeks: 4, districtId: world.district.a, teamId: world.team.a },
      422,
      'district_or_team_required',
    );
    await refused({ withinWeeks: 4, districtId: randomUUID() }, 422, 'unknown_reference');
    await refused({ withinWeeks: 0, districtId: world.district.a }, 422, 'out_of_range');
    await refused(
      { withinWeeks: 1, districtId: world.district.a, startAt: now.toISOString() },
      422,
      'nothing_due',
    );
    await refused({ withinWeeks: 'many', districtId: world.district.a }, 400, 'validation_failed');
    expect(await count('work_order')).toBe(orders);
    expect(await count('audit_entry')).toBe(audit);
  });

  it('creates one batch of battery orders in visiting order, audited, and never orders a door twice', async () => {
    const response = await clients.lock_manager.post('/api/v1/battery-rounds', {
      districtId: world.district.a,
      withinWeeks: 26,
    });
    expect(response.status).toBe(201);
    const { batchId } = response.body;
    const { rows } = await server.db.pool.query(
      `SELECT kind, origin, state, door_id AS "doorId", lock_device_id AS "lockId", batch_position AS position,
         notes FROM work_order WHERE batch_id = $1 ORDER BY batch_position`,
      [batchId],
    );
    expect(rows).toEqual([
      {
        kind: 'battery',
        origin: 'battery_round',
        state: 'requested',
        doorId: world.door.a,
        lockId: world.lockDevice.a,
        position: 1,
        notes: null,
      },
      expect.objectContaining({ lockId: world.lockDevice.apartmentA, position: 2, notes: null }),
    ]);
    // The booking an apartment door needs is the order's fact, not a note (docs/batteries.md).
    roundOrders = response.body.stops[0].locks.map((lock: { workOrderId: string }) => lock.workOrderId);
    const needs = [];
    const firstReasons = [];
    for (const id of roundOrders) {
      const order = (await clients.lock_manager.get(`/api/v1/work-orders/${id}`)).body;
      needs.push(order.needsCustomerBooking);
      const [{ reason, reasonKind, reasonParams }] = order.transitions;
      firstReasons.push({ reason, reasonKind, reasonParams });
    }
    expect(needs).toEqual([false, true]);
    // The history says the round made the order as a fact, not the code 'battery_round' as text.
    const madeByRound = { reason: null, reasonKind: 'origin', reasonParams: { origin: 'battery_round' } };
    expect(firstReasons).toEqual([madeByRound, madeByRound]);
    const audited = await server.db.pool.query(
      `SELECT entity_id FROM audit_entry WHERE action = 'create' AND entity = 'work_order' AND entity_id = ANY($1)`,
      [response.body.stops[0].locks.map((lock: { workOrderId: string }) => lock.workOrderId)],
    );
    expect(audited.rowCount).toBe(2);
    const again = await clients.lock_manager.post('/api/v1/battery-rounds?dryRun=true', {
      districtId: world.district.a,
      withinWeeks: 26,
    });
    expect(again.body.stops).toEqual([]);
    expect(again.body.alreadyOrdered).toHaveLength(2);
    const refused = await clients.lock_manager.post('/api/v1/battery-rounds', {
      districtId: world.district.a,
      withinWeeks: 26,
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'nothing_due']);
  });
});

describe('migration 0050 over battery orders written before it', () => {
  const oldNote =
    'Lägenhetsdörr: boka tid med kunden före besöket. (Apartment door: book a time with the customer first.)';

  it("removes the round's booking note, keeps a person's words after it and a person's look-alike", async () => {
    const db = server.db.superuser;
    const [shared, apartment] = roundOrders as [string, string];
    const manual = await clients.lock_manager.post('/api/v1/work-orders', {
      kind: 'repair',
      doorId: world.door.apartmentA,
      notes: oldNote,
    });
    expect(manual.status).toBe(201);
    const setNotes = (id: string, notes: string) =>
      db.query('UPDATE work_order SET notes = $2 WHERE id = $1', [id, notes]);
    await setNotes(apartment, `${oldNote}\nRing på två gånger.`);
    // On a shared door the round never wrote it: a person's text, kept.
    await setNotes(shared, oldNote);

    const migration = (await loadMigrations()).find((file) => file.version === '0050')!;
    await db.query(migration.sql);
    const read = async (id: string) => {
      const { notes, needsCustomerBooking } = (await clients.lock_manager.get(`/api/v1/work-orders/${id}`))
        .body;
      return { notes, needsCustomerBooking };
    };
    expect(await read(apartment)).toEqual({ notes: 'Ring på två gånger.', needsCustomerBooking: true });
    expect(await read(shared)).toEqual({ notes: oldNote, needsCustomerBooking: false });
    expect(await read(manual.body.id)).toEqual({ notes: oldNote, needsCustomerBooking: false });

    await setNotes(apartment, oldNote);
    await db.query(migration.sql);
    await db.query(migration.sql);
    expect(await read(apartment)).toEqual({ notes: null, needsCustomerBooking: true });
  });
});

describe('battery changes', () => {
  it('names the municipality’s staff and own installers; another company’s installer stays a username', async () => {
    const username = `jourlas-${randomUUID().slice(0, 8)}`;
    const made = await admin.post('/api/v1/users', {
      username,
      displayName: 'Låssmed Lind',
      password: testPassword,
      role: 'installer',
      locksmithCompanyId: world.locksmithCompany.a,
    });
    expect(made.status).toBe(201);
    const companyInstaller = await new ApiClient(server.url).login(username, testPassword);
    const record = (client: ApiClient) =>
      client.post(`/api/v1/locks/${world.lockDevice.inStock}/battery-changes`, {
        changedAt: now.toISOString(),
        doneBy: 'installer',
      });
    const byCompany = await record(companyInstaller);
    expect(byCompany.body).toMatchObject({ recordedBy: username, recordedByName: null });
    const byOwn = await record(clients.installer);
    expect(byOwn.body.recordedByName).toBe('Test installer');
    const history = await clients.installer.get(`/api/v1/locks/${world.lockDevice.inStock}/battery-changes`);
    expect(JSON.stringify(history.body)).not.toContain('Låssmed Lind');
  });

  it('refuses bad recordings with a code and changes nothing', async () => {
    const before = await count('battery_change');
    const refused = async (body: Record<string, unknown>, status: number, code: string) => {
      const response = await clients.installer.post(`/api/v1/locks/${world.lockDevice.b}/battery-changes`, {
        changedAt: now.toISOString(),
        doneBy: 'installer',
        ...body,
      });
      expect([response.status, response.body.code]).toEqual([status, code]);
    };
    await refused({ changedAt: new Date(now.getTime() + dayMs).toISOString() }, 422, 'changed_in_future');
    await refused({ teamId: world.team.a }, 422, 'team_only_for_home_care');
    await refused({ workOrderId: randomUUID() }, 422, 'unknown_reference');
    await refused({ doneBy: 'home_care_team', teamId: randomUUID() }, 422, 'unknown_reference');
    await refused({ levelBefore: 101 }, 400, 'validation_failed');
    const missing = await clients.installer.post(`/api/v1/locks/${randomUUID()}/battery-changes`, {
      changedAt: now.toISOString(),
      doneBy: 'installer',
    });
    expect(missing.status).toBe(404);
    expect(await count('battery_change')).toBe(before);
  });

  it('records a change by the home-care team; the forecast starts over from it', async () => {
    const changedAt = new Date(now.getTime() - 3_600_000).toISOString();
    const created = await clients.lock_manager.post(`/api/v1/locks/${world.lockDevice.b}/battery-changes`, {
      changedAt,
      doneBy: 'home_care_team',
      teamId: world.team.b,
      levelBefore: 21,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      doneBy: 'home_care_team',
      teamId: world.team.b,
      levelBefore: 21,
      recordedByName: 'Test lock_manager',
    });
    const history = await clients.auditor.get(`/api/v1/locks/${world.lockDevice.b}/battery-changes`);
    expect(history.body.items).toEqual([created.body]);
    const battery = await clients.auditor.get(`/api/v1/locks/${world.lockDevice.b}/battery`);
    expect(battery.body).toMatchObject({ dueAt: null, unknownReason: 'no_readings', since: changedAt });
    const audited = await server.db.pool.query(
      `SELECT 1 FROM audit_entry WHERE action = 'create' AND entity = 'battery_change' AND entity_id = $1`,
      [created.body.id],
    );
    expect(audited.rowCount).toBe(1);
  });
});

describe('role × scope of the battery routes', () => {
  it.each(roles)('%s', async (role) => {
    const client = clients[role];
    const isReader = readers.includes(role);
    const mayRecord = ['municipality_admin', 'lock_manager', 'installer'].includes(role);
    const mayPlan = ['municipality_admin', 'lock_manager'].includes(role);
    const forecast = await client.get('/api/v1/battery-forecast?withinWeeks=4');
    expect(forecast.status).toBe(isReader ? 200 : 403);
    expect((await client.get(`/api/v1/locks/${world.lockDevice.a}/battery`)).status).toBe(
      isReader ? 200 : 403,
    );
    expect((await client.get(`/api/v1/locks/${world.lockDevice.a}/battery-changes`)).status).toBe(
      isReader ? 200 : 403,
    );
    const recorded = await client.post(`/api/v1/locks/${world.lockDevice.inStock}/battery-changes`, {
      changedAt: now.toISOString(),
      doneBy: 'installer',
    });
    expect(recorded.status).toBe(mayRecord ? 201 : 403);
    if (!mayRecord) expect(Object.keys(recorded.body).sort()).toEqual(['code', 'message']);
    const planned = await client.post('/api/v1/battery-rounds?dryRun=true', {
      districtId: world.district.b,
      withinWeeks: 4,
    });
    expect(planned.status).toBe(mayPlan ? 200 : 403);
  });
});
