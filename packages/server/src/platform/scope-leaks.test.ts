// Issue #9 scope leaks, each as the attack and then the refusal: list cursors that looked up rows
// outside the caller's scope (item 3), cursors in request logs, lock serials whose gaps revealed
// apartment locks to property owners (item 8), and full-name search (item 9).
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { findEntity, type Scope } from '@portvakt/core';
import { listEntities } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from './testing';
import { addWorld, startTestWorld, unique, type World } from './world.testing';

let server: TestServer;
let world: World;
let otherWorld: World;
let municipalityId: string;
let admin: ApiClient;
let workLeadA: ApiClient;
let owner: ApiClient;
let logs = '';

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs += chunk.toString();
      done();
    },
  });
  const started = await startTestWorld({ logStream, logLevel: 'info' });
  ({ server, municipalityId, admin, world } = started);
  otherWorld = (await addWorld(server)).world;
  workLeadA = await started.login('work_lead', { providerId: world.provider.a });
  owner = await started.login('property_owner', { propertyOwnerId: world.propertyOwner.a });
}, 120_000);
afterAll(async () => server?.close());

/** The cursor format before issue #9: base64url JSON of [sort value, row id]. */
const legacyCursor = (value: unknown, id: string) =>
  Buffer.from(JSON.stringify([value, id])).toString('base64url');

describe('list cursors (issue #9 item 3)', () => {
  it('are opaque: the names they position by cannot be read from them', async () => {
    const page = await admin.get('/api/v1/customers?sort=familyName&limit=1');
    expect(page.status).toBe(200);
    const cursor = page.body.nextCursor as string;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const bytes = Buffer.from(cursor, 'base64url');
    const family = page.body.items[0].familyName as string;
    expect(bytes.includes(Buffer.from(family))).toBe(false);
    expect(bytes.toString('latin1')).not.toContain(family);
  });

  it('a forged cursor naming a hidden customer answers exactly like one naming a random id', async () => {
    // The attack: a work lead of provider A names provider B's customer (and another
    // municipality's) in a cursor, hoping the server reads that row's family name for them.
    const hidden = [world.customer.b, otherWorld.customer.a];
    const random = await workLeadA.get(`/api/v1/customers?cursor=${legacyCursor('', randomUUID())}`);
    expect(random.status).toBe(400);
    expect(random.body.code).toBe('invalid_cursor');
    for (const id of hidden) {
      const response = await workLeadA.get(`/api/v1/customers?cursor=${legacyCursor('', id)}`);
      expect({ status: response.status, body: response.body }).toEqual({
        status: random.status,
        body: random.body,
      });
    }
  });

  it('a property owner cannot probe another municipality’s doors with a cursor', async () => {
    const random = await owner.get(`/api/v1/doors?cursor=${legacyCursor('', randomUUID())}`);
    const foreign = await owner.get(`/api/v1/doors?cursor=${legacyCursor('', otherWorld.door.a)}`);
    expect(random.status).toBe(400);
    expect({ status: foreign.status, body: foreign.body }).toEqual({
      status: random.status,
      body: random.body,
    });
  });

  it('the position comes from the cursor alone: a hidden id places a page like a random id', async () => {
    // Below the HTTP layer, where a cursor's contents are chosen freely: the repository never
    // looks the cursor's row up, so a hidden row's id reveals nothing about that row.
    const entity = findEntity('customer');
    const scope: Scope = { kind: 'provider', municipalityId, providerId: world.provider.a };
    const list = (id: string) =>
      listEntities(server.db.pool, entity, scope, {
        filters: {},
        sort: 'familyName',
        isDescending: false,
        limit: 50,
        after: { sortKey: 'A', id },
      });
    for (const hidden of [world.customer.b, otherWorld.customer.a])
      expect(await list(hidden)).toEqual(await list(randomUUID()));
  });

  it('refuses a cursor altered in any byte, and one made for another list, order or scope', async () => {
    const page = await admin.get('/api/v1/customers?sort=familyName&limit=1');
    const cursor = page.body.nextCursor as string;
    const bytes = Buffer.from(cursor, 'base64url');
    for (const at of [0, 5, 20, bytes.length - 1]) {
      const forged = Buffer.from(bytes);
      forged[at]! ^= 0x01;
      const response = await admin.get(
        `/api/v1/customers?sort=familyName&cursor=${forged.toString('base64url')}`,
      );
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('invalid_cursor');
    }
    // Another spelling of the same bytes (a non-canonical last character) is not our cursor.
    const last = cursor.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = [...alphabet].find(
      (c) =>
        c !== last &&
        Buffer.from(cursor.slice(0, -1) + c, 'base64url').equals(Buffer.from(cursor, 'base64url')),
    );
    if (sibling) {
      const response = await admin.get(
        `/api/v1/customers?sort=familyName&cursor=${cursor.slice(0, -1)}${sibling}`,
      );
      expect(response.body.code).toBe('invalid_cursor');
    }
    const elsewhere = [
      admin.get(`/api/v1/customers?sort=-familyName&cursor=${cursor}`),
      admin.get(`/api/v1/staff?sort=familyName&cursor=${cursor}`),
      workLeadA.get(`/api/v1/customers?sort=familyName&cursor=${cursor}`),
    ];
    for (const response of await Promise.all(elsewhere)) {
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('invalid_cursor');
    }
    // The genuine cursor still works.
    expect((await admin.get(`/api/v1/customers?sort=familyName&cursor=${cursor}`)).status).toBe(200);
  });

  it('pages through timestamps at full precision, each row exactly once', async () => {
    for (let i = 0; i < 5; i += 1)
      await admin.post('/api/v1/districts', { code: unique('DP'), name: unique('Sida') });
    const all = await admin.get('/api/v1/districts?sort=-createdAt&limit=500');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await admin.get(
        `/api/v1/districts?sort=-createdAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor && seen.length < 1000);
    expect(seen).toEqual(all.body.items.map((item: { id: string }) => item.id));
  });

  it('never appear in the request log', async () => {
    const page = await admin.get('/api/v1/customers?sort=familyName&limit=1');
    const cursor = page.body.nextCursor as string;
    expect((await admin.get(`/api/v1/customers?sort=familyName&limit=1&cursor=${cursor}`)).status).toBe(200);
    expect(logs).toContain('cursor=REDACTED');
    expect(logs).not.toContain(cursor);
  });
});

describe('lock serials and property owners (issue #9 item 8)', () => {
  const serialOf = async (id: string) => (await admin.get(`/api/v1/locks/${id}`)).body.serial as string;

  it('an owner sees an opaque reference, never a serial, so serial gaps reveal no apartment lock', async () => {
    const real = await serialOf(world.lockDevice.a);
    const apartment = await serialOf(world.lockDevice.apartmentA);
    const list = await owner.get('/api/v1/locks?limit=500');
    expect(list.status).toBe(200);
    const items = list.body.items as Array<{ id: string; serial: string }>;
    expect(items.map((item) => item.id)).toContain(world.lockDevice.a);
    expect(items.map((item) => item.id)).not.toContain(world.lockDevice.apartmentA);
    for (const item of items) {
      expect(item.serial).toMatch(/^R-[0-9A-F]{16}$/);
      expect(item.serial).not.toBe(await serialOf(item.id));
    }
    const body = JSON.stringify(list.body);
    expect(body).not.toContain(real);
    expect(body).not.toContain(apartment);
    const one = await owner.get(`/api/v1/locks/${world.lockDevice.a}`);
    expect(one.body.serial).toBe(items.find((item) => item.id === world.lockDevice.a)!.serial);
    expect(JSON.stringify(one.body)).not.toContain(real);
  });

  it('an owner cannot test serials by filter, search or sort', async () => {
    const real = await serialOf(world.lockDevice.a);
    const apartment = await serialOf(world.lockDevice.apartmentA);
    for (const serial of [real, apartment]) {
      expect((await owner.get(`/api/v1/locks?serial=${serial}`)).body.items).toEqual([]);
      expect((await owner.get(`/api/v1/locks?q=${serial}`)).body.items).toEqual([]);
    }
    const reference = (await owner.get(`/api/v1/locks/${world.lockDevice.a}`)).body.serial as string;
    const byReference = await owner.get(`/api/v1/locks?serial=${reference}`);
    expect(byReference.body.items.map((item: { id: string }) => item.id)).toEqual([world.lockDevice.a]);
    // Sorted "by serial" an owner's list follows the references, not the serials' sequence.
    const sorted = await owner.get('/api/v1/locks?sort=serial&limit=500');
    const references = sorted.body.items.map((item: { serial: string }) => item.serial);
    expect(references).toEqual([...references].sort());
    // Everyone else still sees and finds the serial.
    expect((await admin.get(`/api/v1/locks?serial=${real}`)).body.items).toHaveLength(1);
  });
});

describe('full-name search (issue #9 item 9)', () => {
  it.each(['Gun Ahmed', 'gun ahmed', 'Ahmed Gun', 'AHMED, gun', '  Gun   Ahm '])(
    'finds a customer and a staff member by "%s" within the scope',
    async (q) => {
      const customer = await admin.post('/api/v1/customers', {
        districtId: world.district.a,
        givenName: 'Gun',
        familyName: 'Ahmed',
      });
      await admin.post('/api/v1/customer-services', {
        customerId: customer.body.id,
        service: 'home_care',
        providerId: world.provider.a,
        startsOn: '2026-01-01',
      });
      const hiddenCustomer = await admin.post('/api/v1/customers', {
        districtId: world.district.b,
        givenName: 'Gun',
        familyName: 'Ahmed',
      });
      const staff = await admin.post('/api/v1/staff', {
        providerId: world.provider.a,
        givenName: 'Gun',
        familyName: 'Ahmed',
        employmentStartsOn: '2026-01-01',
      });
      const hiddenStaff = await admin.post('/api/v1/staff', {
        providerId: world.provider.b,
        givenName: 'Gun',
        familyName: 'Ahmed',
        employmentStartsOn: '2026-01-01',
      });
      const query = encodeURIComponent(q);
      const customers = (await workLeadA.get(`/api/v1/customers?q=${query}&limit=500`)).body.items.map(
        (c: { id: string }) => c.id,
      );
      expect(customers).toContain(customer.body.id);
      expect(customers).not.toContain(hiddenCustomer.body.id);
      const staffIds = (await workLeadA.get(`/api/v1/staff?q=${query}&limit=500`)).body.items.map(
        (s: { id: string }) => s.id,
      );
      expect(staffIds).toContain(staff.body.id);
      expect(staffIds).not.toContain(hiddenStaff.body.id);
      const all = await admin.get(`/api/v1/customers?q=${query}&limit=500`);
      expect(all.body.items.map((c: { id: string }) => c.id)).toEqual(
        expect.arrayContaining([customer.body.id, hiddenCustomer.body.id]),
      );
    },
  );

  it('does not match names that only share one of the words', async () => {
    const other = await admin.post('/api/v1/customers', {
      districtId: world.district.a,
      givenName: 'Gun',
      familyName: 'Olsson',
    });
    const found = await admin.get(`/api/v1/customers?q=${encodeURIComponent('Gun Ahmed')}&limit=500`);
    expect(found.body.items.map((c: { id: string }) => c.id)).not.toContain(other.body.id);
  });
});
