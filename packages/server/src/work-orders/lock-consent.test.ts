// The customer's lock consent (R6.2), provider introductions and lock usage (R8.4) over real HTTP
// with a fixed clock: what they show, the role × scope matrix of the routes, property owners
// never learning who lives behind a lock (R2.7), and bad input answered 4xx with nothing changed.
import { roles, type Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import {
  addMunicipality,
  loginEveryRole,
  startTestWorld,
  unique,
  type World,
} from '../platform/world.testing';

const now = new Date('2027-03-10T10:00:00Z');
const missingId = '00000000-0000-4000-8000-000000000000';
let server: TestServer;
let world: World;
let clients: Record<Role, ApiClient>;
let admin: ApiClient;
let leadB: ApiClient;
let foreignCustomer: string;

const count = async (table: string) =>
  Number((await server.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
const introduceA = (client: ApiClient, introducedOn = '2027-03-01') =>
  client.post('/api/v1/provider-introductions', {
    customerId: world.customer.a,
    providerId: world.provider.a,
    introducedOn,
  });
const removeIntroductionA = () =>
  admin.delete(`/api/v1/provider-introductions/${world.customer.a}/${world.provider.a}`);

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, admin, world } = started);
  clients = await loginEveryRole(server, started.municipalityId, world, admin);
  leadB = await started.login('work_lead', { providerId: world.provider.b });
  const otherAdmin = (await addMunicipality(server)).admin;
  const district = await otherAdmin.post('/api/v1/districts', {
    code: unique('D'),
    name: unique('Distrikt'),
  });
  foreignCustomer = (
    await otherAdmin.post('/api/v1/customers', {
      districtId: district.body.id,
      givenName: 'Ulla',
      familyName: 'Ek',
    })
  ).body.id;
}, 120_000);
afterAll(async () => server?.close());

describe('lock usage (R8.4)', () => {
  it('is mounted but not in use until every serving provider is introduced', async () => {
    const before = await admin.get(`/api/v1/locks/${world.lockDevice.a}/usage`);
    expect(before.body).toEqual({
      lockId: world.lockDevice.a,
      day: '2027-03-10',
      isInUse: false,
      customersServed: 1,
      providersMissing: 1,
    });
    const status = await admin.get(`/api/v1/customers/${world.customer.a}/lock-status`);
    expect(status.status).toBe(200);
    expect(
      status.body.doors.map((door: { doorId: string; lockId: string; isInUse: boolean }) => door),
    ).toEqual([
      expect.objectContaining({ doorId: world.door.a, lockId: world.lockDevice.a, isInUse: false }),
      expect.objectContaining({
        doorId: world.door.apartmentA,
        lockId: world.lockDevice.apartmentA,
        isInUse: false,
      }),
    ]);
    expect(status.body.providers).toEqual([
      { providerId: world.provider.a, name: expect.any(String), introducedOn: null },
    ]);

    const introduced = await introduceA(clients.work_lead);
    expect(introduced.status).toBe(201);
    expect(introduced.body).toMatchObject({ providerId: world.provider.a, introducedOn: '2027-03-01' });
    expect((await admin.get(`/api/v1/locks/${world.lockDevice.a}/usage`)).body).toMatchObject({
      isInUse: true,
      providersMissing: 0,
    });
    const after = await admin.get(`/api/v1/customers/${world.customer.a}/lock-status`);
    expect(after.body.doors.every((door: { isInUse: boolean }) => door.isInUse)).toBe(true);
    expect(after.body.providers[0].introducedOn).toBe('2027-03-01');
    const audit = await server.db.pool.query(
      "SELECT 1 FROM audit_entry WHERE entity = 'provider_introduction' AND action = 'create' AND entity_id = $1",
      [world.customer.a],
    );
    expect(audit.rowCount).toBe(1);
    expect((await removeIntroductionA()).status).toBe(204);
    expect((await admin.get(`/api/v1/locks/${world.lockDevice.a}/usage`)).body.isInUse).toBe(false);
  });

  it('tells a property owner nothing of who is behind their entrance (R2.7)', async () => {
    const owner = clients.property_owner;
    const usage = await owner.get(`/api/v1/locks/${world.lockDevice.a}/usage`);
    expect(usage.status).toBe(403);
    expect(Object.keys(usage.body).sort()).toEqual(['code', 'message']);
    const lock = await owner.get(`/api/v1/locks/${world.lockDevice.a}`);
    expect(lock.status).toBe(200);
    const shown = JSON.stringify(lock.body);
    for (const leak of ['customersServed', 'providersMissing', 'isInUse', world.customer.a])
      expect(shown).not.toContain(leak);
    expect((await owner.get(`/api/v1/customers/${world.customer.a}/lock-status`)).status).toBe(403);
    expect((await owner.get(`/api/v1/customers/${world.customer.a}/lock-consents`)).status).toBe(403);
    expect((await owner.get(`/api/v1/provider-introductions?customerId=${world.customer.a}`)).status).toBe(
      403,
    );
  });

  it('shows a work lead only their own provider among those to introduce', async () => {
    const shared = await admin.post('/api/v1/customer-services', {
      customerId: world.customer.b,
      service: 'home_care',
      providerId: world.provider.a,
      // Today: one whose first day has passed is ended, not deleted (the clean-up below).
      startsOn: '2027-03-10',
    });
    const forB = await leadB.get(`/api/v1/customers/${world.customer.b}/lock-status`);
    expect(forB.body.providers.map((provider: { providerId: string }) => provider.providerId)).toEqual([
      world.provider.b,
    ]);
    const full = await admin.get(`/api/v1/customers/${world.customer.b}/lock-status`);
    expect(full.body.providers).toHaveLength(2);
    expect((await admin.delete(`/api/v1/customer-services/${shared.body.id}`)).status).toBe(204);
  });
});

describe('role × scope', () => {
  it.each(roles)('who may record and read a customer’s lock consent (%s)', async (role) => {
    const client = clients[role];
    const mayCreate = ['municipality_admin', 'lock_manager'].includes(role);
    const mayRead = ['municipality_admin', 'lock_manager', 'support', 'auditor', 'work_lead'].includes(role);
    const body = { decision: 'consented', decidedOn: '2027-03-02', givenHow: 'signed_form' };
    const created = await client.post(`/api/v1/customers/${world.customer.a}/lock-consents`, body);
    expect(created.status).toBe(mayCreate ? 201 : 403);
    if (mayCreate) {
      // Only the municipality's staff record decisions, so every reader gets their name.
      expect(created.body.consent.recordedByName).toBe(`Test ${role}`);
      expect(
        (await clients.work_lead.get(`/api/v1/customers/${world.customer.a}/lock-consents`)).body.items[0],
      ).toMatchObject({
        id: created.body.consent.id,
        recordedByName: `Test ${role}`,
      });
      const audit = await server.db.pool.query(
        "SELECT 1 FROM audit_entry WHERE entity = 'lock_consent' AND action = 'create' AND after->>'id' = $1",
        [created.body.consent.id],
      );
      expect(audit.rowCount).toBe(1);
    }
    const foreign = await client.post(`/api/v1/customers/${foreignCustomer}/lock-consents`, body);
    expect(foreign.status).toBe(mayCreate ? 404 : 403);
    const own = await client.get(`/api/v1/customers/${world.customer.a}/lock-consents`);
    expect(own.status).toBe(mayRead ? 200 : 403);
    const other = await client.get(`/api/v1/customers/${world.customer.b}/lock-consents`);
    expect(other.status).toBe(!mayRead ? 403 : role === 'work_lead' ? 404 : 200);
    expect((await client.get(`/api/v1/customers/${foreignCustomer}/lock-consents`)).status).toBe(
      mayRead ? 404 : 403,
    );
  });

  it.each(roles)('who may read lock status and usage (%s)', async (role) => {
    const client = clients[role];
    const readsStatus = ['municipality_admin', 'lock_manager', 'support', 'auditor', 'work_lead'].includes(
      role,
    );
    const readsUsage = ['municipality_admin', 'lock_manager', 'support', 'auditor'].includes(role);
    expect((await client.get(`/api/v1/customers/${world.customer.a}/lock-status`)).status).toBe(
      readsStatus ? 200 : 403,
    );
    expect((await client.get(`/api/v1/customers/${world.customer.b}/lock-status`)).status).toBe(
      !readsStatus ? 403 : role === 'work_lead' ? 404 : 200,
    );
    expect((await client.get(`/api/v1/customers/${foreignCustomer}/lock-status`)).status).toBe(
      readsStatus ? 404 : 403,
    );
    expect((await client.get(`/api/v1/locks/${world.lockDevice.a}/usage`)).status).toBe(
      readsUsage ? 200 : 403,
    );
    expect((await client.get(`/api/v1/locks/${missingId}/usage`)).status).toBe(readsUsage ? 404 : 403);
  });

  it.each(roles)('who may introduce providers, list and remove introductions (%s)', async (role) => {
    const client = clients[role];
    const mayCreate = ['municipality_admin', 'lock_manager', 'work_lead'].includes(role);
    const mayRead = ['municipality_admin', 'lock_manager', 'support', 'auditor', 'work_lead'].includes(role);
    const created = await introduceA(client);
    expect(created.status).toBe(mayCreate ? 201 : 403);
    const list = await client.get(`/api/v1/provider-introductions?customerId=${world.customer.a}`);
    expect(list.status).toBe(mayRead ? 200 : 403);
    if (mayRead) expect(list.body.items).toHaveLength(mayCreate ? 1 : 0);
    const removed = await client.delete(
      `/api/v1/provider-introductions/${world.customer.a}/${world.provider.a}`,
    );
    expect(removed.status).toBe(role === 'municipality_admin' ? 204 : 403);
    if (created.status === 201 && role !== 'municipality_admin')
      expect((await removeIntroductionA()).status).toBe(204);
  });

  it('lets a work lead introduce only their own provider, for customers it serves', async () => {
    const lead = clients.work_lead;
    const before = await count('provider_introduction');
    const otherProvider = await lead.post('/api/v1/provider-introductions', {
      customerId: world.customer.a,
      providerId: world.provider.b,
      introducedOn: '2027-03-01',
    });
    expect([otherProvider.status, otherProvider.body.code]).toEqual([403, 'forbidden']);
    const notServed = await lead.post('/api/v1/provider-introductions', {
      customerId: world.customer.b,
      providerId: world.provider.a,
      introducedOn: '2027-03-01',
    });
    expect([notServed.status, notServed.body.code]).toEqual([404, 'not_found']);
    // Customer b's own provider's lead sees only their provider's introductions.
    await introduceA(admin);
    expect((await leadB.get('/api/v1/provider-introductions')).body.items).toEqual([]);
    expect(
      (await leadB.get(`/api/v1/provider-introductions?providerId=${world.provider.a}`)).body.items,
    ).toEqual([]);
    await removeIntroductionA();
    expect(await count('provider_introduction')).toBe(before);
  });

  it('shows a work lead no introduction of a customer their provider no longer serves', async () => {
    const lead = clients.work_lead;
    await introduceA(admin);
    const listed = async (client: ApiClient) =>
      (await client.get('/api/v1/provider-introductions')).body.items.map(
        (item: { customerId: string }) => item.customerId,
      );
    expect(await listed(lead)).toEqual([world.customer.a]);
    const service = `customer_id = $1 AND provider_id = $2`;
    const ids = [world.customer.a, world.provider.a];
    const { rows } = await server.db.pool.query<{ id: string; endsOn: string | null }>(
      `SELECT id, ends_on::text AS "endsOn" FROM customer_service WHERE ${service}`,
      ids,
    );
    await server.db.pool.query(`UPDATE customer_service SET ends_on = '2027-03-09' WHERE ${service}`, ids);
    try {
      expect(await listed(lead)).toEqual([]);
      expect(await listed(admin)).toEqual([world.customer.a]);
    } finally {
      for (const row of rows)
        await server.db.pool.query('UPDATE customer_service SET ends_on = $2 WHERE id = $1', [
          row.id,
          row.endsOn,
        ]);
      await removeIntroductionA();
    }
  });
});

describe('bad input changes nothing', () => {
  it('refuses a consent dated after today, an unknown decision and an unknown customer', async () => {
    const before = await count('customer_lock_consent');
    const url = `/api/v1/customers/${world.customer.a}/lock-consents`;
    const future = await admin.post(url, {
      decision: 'consented',
      decidedOn: '2027-03-11',
      givenHow: 'phone',
    });
    expect([future.status, future.body.code]).toEqual([422, 'date_in_future']);
    const unknown = await admin.post(url, { decision: 'maybe', decidedOn: '2027-03-01', givenHow: 'phone' });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'validation_failed']);
    const how = await admin.post(url, {
      decision: 'consented',
      decidedOn: '2027-03-01',
      givenHow: 'telepathy',
    });
    expect(how.status).toBe(400);
    const missing = await admin.post(`/api/v1/customers/${missingId}/lock-consents`, {
      decision: 'consented',
      decidedOn: '2027-03-01',
      givenHow: 'phone',
    });
    expect([missing.status, missing.body.code]).toEqual([404, 'not_found']);
    expect(await count('customer_lock_consent')).toBe(before);
  });

  it('refuses an introduction dated after today, of a provider not serving, twice, or of no customer', async () => {
    const before = await count('provider_introduction');
    const future = await introduceA(admin, '2027-03-11');
    expect([future.status, future.body.code]).toEqual([422, 'date_in_future']);
    const notServing = await admin.post('/api/v1/provider-introductions', {
      customerId: world.customer.a,
      providerId: world.provider.b,
      introducedOn: '2027-03-01',
    });
    expect([notServing.status, notServing.body.code]).toEqual([422, 'provider_not_serving']);
    const nobody = await admin.post('/api/v1/provider-introductions', {
      customerId: missingId,
      providerId: world.provider.a,
      introducedOn: '2027-03-01',
    });
    expect(nobody.status).toBe(404);
    expect(await count('provider_introduction')).toBe(before);
    expect((await introduceA(admin)).status).toBe(201);
    const twice = await introduceA(admin);
    expect([twice.status, twice.body.code]).toEqual([409, 'already_exists']);
    expect(await count('provider_introduction')).toBe(before + 1);
    await removeIntroductionA();
    expect((await removeIntroductionA()).status).toBe(404);
  });
});
