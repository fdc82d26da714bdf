// The lock lifecycle end to end (issue #12 "Must show"), on the real server over HTTP with a
// fixed clock and a real SMTP receiver: a service is granted → install orders appear → the
// entrance waits for the owner's consent → the owner's contact consents through the link mailed
// to them → a locksmith company's installer enrols and installs both locks → the locks are in
// use once the provider is introduced → the customer's service ends → a dismount order restores
// the original lock. Then a battery round planned from the forecasts, finished by the installer.
import { randomUUID } from 'node:crypto';
import { exportPublicJwk, generateSigningKeyPair } from '@portvakt/protocol';
import {
  ApiClient,
  readConsentLink,
  startMailReceiver,
  startTestMunicipality,
  storeBatteryReadings,
  testPassword,
  type MailReceiver,
  type TestServer,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord } from './devices.testing';

const dayMs = 86_400_000;
// Monday 1 March 2027, 08:00 in Stockholm.
let now = new Date('2027-03-01T07:00:00Z');
const advance = (days: number) => (now = new Date(now.getTime() + days * dayMs));

let server: TestServer;
let mail: MailReceiver;
let admin: ApiClient;
let lockManager: ApiClient;
let installer: ApiClient;
let otherInstaller: ApiClient;
let workLead: ApiClient;
const ids = {} as Record<
  | 'district'
  | 'owner'
  | 'contact'
  | 'property'
  | 'entrance'
  | 'apartment'
  | 'provider'
  | 'customer'
  | 'service'
  | 'company',
  string
>;

interface Order {
  id: string;
  kind: string;
  state: string;
  awaits: string;
  doorId: string;
  version: number;
  lockDeviceId: string | null;
}

async function ordersOf(client: ApiClient, query = ''): Promise<Order[]> {
  const response = await client.get(`/api/v1/work-orders?limit=500${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items as Order[];
}
const orderAt = (orders: Order[], doorId: string, kind: string) =>
  orders.find((order) => order.doorId === doorId && order.kind === kind);

/** Plans an order for the company's installers at a booked time (the lock manager's board). */
async function planFor(order: Order, bookedFrom: Date, minutes: number) {
  const patched = await lockManager.patch(`/api/v1/work-orders/${order.id}`, {
    version: order.version,
    assignedCompanyId: ids.company,
    bookedFrom: bookedFrom.toISOString(),
    bookedUntil: new Date(bookedFrom.getTime() + minutes * 60_000).toISOString(),
    plannedMinutes: minutes,
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  return lockManager.post(`/api/v1/work-orders/${order.id}/transitions`, { to: 'planned' });
}

/** The installer registers a new lock at the door with the lock's own public key. */
async function enrolAndInstall(order: Order, serial: string, storage?: string) {
  const started = await installer.post(`/api/v1/work-orders/${order.id}/transitions`, { to: 'in_progress' });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const keyPair = await generateSigningKeyPair();
  const enrolled = await installer.post(`/api/v1/work-orders/${order.id}/enrol-lock`, {
    serial,
    lockType: 'cylinder_ring',
    publicKey: await exportPublicJwk(keyPair.publicKey),
  });
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
  expect(enrolled.body.lockNumber).toEqual(expect.any(Number));
  advance(25 / (24 * 60));
  const installed = await installer.post(
    `/api/v1/work-orders/${order.id}/install`,
    storage ? { originalLockStorage: storage } : {},
  );
  expect(installed.status, JSON.stringify(installed.body)).toBe(200);
  expect(installed.body.state).toBe('done');
  return installed.body as Order & { actualMinutes: number };
}

beforeAll(async () => {
  mail = await startMailReceiver();
  const started = await startTestMunicipality({
    now: () => now,
    mailer: mail.mailer,
    municipalityCode: 'll12',
    municipalityName: 'Låskommun',
  });
  ({ server, admin } = started);
  const { login } = started;
  lockManager = await login('lock_manager');
  ids.district = await createRecord(admin, 'districts', { code: 'VAS', name: 'Vasastan' });
  ids.owner = await createRecord(admin, 'property-owners', { name: 'Brf Sveaborg' });
  const contact = await lockManager.post(`/api/v1/property-owners/${ids.owner}/contacts`, {
    name: 'Eva Ek',
    title: 'Ordförande',
    email: 'eva.ek@brf-sveaborg.example',
    isPrimary: true,
  });
  expect(contact.status).toBe(201);
  ids.contact = contact.body.id;
  ids.property = await createRecord(admin, 'properties', {
    districtId: ids.district,
    ownerId: ids.owner,
    designation: 'Sveaborg 4',
    streetAddress: 'Sveavägen 100',
    latitude: 59.3446,
    longitude: 18.0553,
  });
  ids.entrance = await createRecord(admin, 'doors', {
    propertyId: ids.property,
    kind: 'entrance',
    label: 'Port A',
  });
  ids.apartment = await createRecord(admin, 'doors', {
    propertyId: ids.property,
    kind: 'apartment_door',
    label: 'Lgh 1102',
  });
  ids.provider = await createRecord(admin, 'providers', {
    name: 'Hemtjänst Vasa',
    ownership: 'municipal',
    kinds: ['day_home_care'],
  });
  ids.customer = await createRecord(admin, 'customers', {
    districtId: ids.district,
    givenName: 'Greta',
    familyName: 'Lind',
    residencePropertyId: ids.property,
    apartment: '1102',
    apartmentDoorId: ids.apartment,
  });
  const path = await admin.put(`/api/v1/customers/${ids.customer}/access-path`, {
    doorIds: [ids.entrance, ids.apartment],
  });
  expect(path.status).toBe(200);
  ids.company = await createRecord(admin, 'locksmith-companies', { name: 'Vasa Lås AB' });
  const username = `lasmed-${randomUUID().slice(0, 8)}`;
  const account = await admin.post('/api/v1/users', {
    username,
    displayName: 'Lars Låsmed',
    password: testPassword,
    role: 'installer',
    locksmithCompanyId: ids.company,
  });
  expect(account.status, JSON.stringify(account.body)).toBe(201);
  installer = await new ApiClient(server.url).login(username, testPassword);
  otherInstaller = await login('installer');
  workLead = await login('work_lead', { providerId: ids.provider });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await mail?.close();
});

describe('a lock from granted service to restored door (R6, R7, R8.4)', () => {
  it('proposes install orders when a service is granted; each waits for its consent', async () => {
    expect(await ordersOf(lockManager)).toEqual([]);
    ids.service = await createRecord(admin, 'customer-services', {
      customerId: ids.customer,
      service: 'home_care',
      providerId: ids.provider,
      startsOn: '2027-03-01',
    });
    const orders = await ordersOf(lockManager);
    expect(orders).toHaveLength(2);
    expect(orderAt(orders, ids.entrance, 'install')).toMatchObject({
      state: 'requested',
      awaits: 'owner_consent',
    });
    expect(orderAt(orders, ids.apartment, 'install')).toMatchObject({
      state: 'requested',
      awaits: 'customer_consent',
    });
    // Granting again (a second service) proposes nothing new.
    await createRecord(admin, 'customer-services', {
      customerId: ids.customer,
      service: 'safety_alarm',
      providerId: ids.provider,
      startsOn: '2027-03-01',
    });
    expect(await ordersOf(lockManager)).toHaveLength(2);
  });

  it('keeps both orders unplanned until the customer and the owner have consented', async () => {
    const orders = await ordersOf(lockManager);
    for (const order of orders) {
      const refused = await planFor(order, new Date('2027-03-08T08:00:00Z'), 45);
      expect([refused.status, refused.body.code]).toEqual([409, 'consent_missing']);
    }
    expect((await ordersOf(lockManager)).map((order) => order.state)).toEqual(['requested', 'requested']);
    const consent = await lockManager.post(`/api/v1/customers/${ids.customer}/lock-consents`, {
      decision: 'consented',
      decidedOn: '2027-03-01',
      givenHow: 'signed_form',
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    const apartment = orderAt(await ordersOf(lockManager), ids.apartment, 'install')!;
    expect((await planFor(apartment, new Date('2027-03-08T08:00:00Z'), 45)).status).toBe(200);
  });

  it('the owner’s contact consents through the link mailed to them, and the entrance order can be planned', async () => {
    const sent = await lockManager.post('/api/v1/consent-requests', {
      propertyId: ids.property,
      contactId: ids.contact,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const message = await mail.waitForMessage(1);
    expect(message.to).toMatchObject({ text: expect.stringContaining('eva.ek@brf-sveaborg.example') });
    const { token } = readConsentLink(message);
    const visitor = new ApiClient(server.url);
    const view = await visitor.get(`/api/v1/consent-links/${token}`);
    expect(view.status).toBe(200);
    expect(view.body.entrances.map((entrance: { doorId: string }) => entrance.doorId)).toEqual([
      ids.entrance,
    ]);
    // The owner never learns who lives behind the entrance (R2.7).
    expect(JSON.stringify(view.body)).not.toMatch(/Greta|Lind|1102/);
    advance(2);
    const answer = await visitor.post(`/api/v1/consent-links/${token}`, {
      name: 'Eva Ek',
      title: 'Ordförande',
      answers: [{ doorId: ids.entrance, answer: 'consented' }],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const again = await visitor.post(`/api/v1/consent-links/${token}`, {
      name: 'Eva Ek',
      title: 'Ordförande',
      answers: [{ doorId: ids.entrance, answer: 'declined' }],
    });
    expect([again.status, again.body.code]).toEqual([409, 'consent_link_used']);
    const entrance = orderAt(await ordersOf(lockManager), ids.entrance, 'install')!;
    expect((await planFor(entrance, new Date('2027-03-08T09:00:00Z'), 30)).status).toBe(200);
  });

  it('the company’s installer sees the day’s two jobs, enrols and installs both locks; another installer sees none', async () => {
    now = new Date('2027-03-08T07:50:00Z');
    const today = await ordersOf(installer, '&assignee=me&bookedOn=2027-03-08');
    expect(today.map((order) => order.doorId).sort()).toEqual([ids.apartment, ids.entrance].sort());
    expect(await ordersOf(otherInstaller)).toEqual([]);
    const apartment = orderAt(today, ids.apartment, 'install')!;
    const refused = await otherInstaller.post(`/api/v1/work-orders/${apartment.id}/transitions`, {
      to: 'in_progress',
    });
    expect(refused.status).toBe(404);
    const withoutLabel = await enrolAndInstall(orderAt(today, ids.entrance, 'install')!, 'VAS-PORT-A-0001');
    expect(withoutLabel.actualMinutes).toBe(25);
    const installed = await enrolAndInstall(apartment, 'VAS-1102-0001', 'Hylla B3, låda 12');
    expect(installed).toMatchObject({ originalLockStorage: 'Hylla B3, låda 12' });
    const locks = await lockManager.get(`/api/v1/locks?doorId=${ids.apartment}`);
    expect(locks.body.items).toMatchObject([{ status: 'installed', serial: 'VAS-1102-0001' }]);
  });

  it('the locks are mounted but not in use until the provider is introduced', async () => {
    const [apartment] = (await lockManager.get(`/api/v1/locks?doorId=${ids.apartment}`)).body.items;
    const before = await lockManager.get(`/api/v1/locks/${apartment.id}/usage`);
    expect(before.body).toMatchObject({ isInUse: false, providersMissing: 1 });
    const introduced = await workLead.post('/api/v1/provider-introductions', {
      customerId: ids.customer,
      providerId: ids.provider,
      introducedOn: '2027-03-08',
    });
    expect(introduced.status, JSON.stringify(introduced.body)).toBe(201);
    const after = await lockManager.get(`/api/v1/locks/${apartment.id}/usage`);
    expect(after.body).toMatchObject({ isInUse: true, providersMissing: 0 });
  });

  it('when the service ends, a dismount order restores the original lock; the entrance lock stays', async () => {
    now = new Date('2027-06-01T08:00:00Z');
    const services = await admin.get(`/api/v1/customer-services?customerId=${ids.customer}`);
    for (const service of services.body.items as Array<{ id: string }>) {
      const ended = await admin.patch(`/api/v1/customer-services/${service.id}`, { endsOn: '2027-06-15' });
      expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    }
    const orders = await ordersOf(lockManager, '&kind=dismount');
    expect(orders.map((order) => order.doorId)).toEqual([ids.apartment]);
    const dismount = orders[0]!;
    expect((await planFor(dismount, new Date('2027-06-16T08:00:00Z'), 30)).status).toBe(200);
    now = new Date('2027-06-16T08:00:00Z');
    expect(
      (await installer.post(`/api/v1/work-orders/${dismount.id}/transitions`, { to: 'in_progress' })).status,
    ).toBe(200);
    const unconfirmed = await installer.post(`/api/v1/work-orders/${dismount.id}/dismount`, {
      originalLockRestored: false,
    });
    expect([unconfirmed.status, unconfirmed.body.code]).toEqual([422, 'restore_not_confirmed']);
    const done = await installer.post(`/api/v1/work-orders/${dismount.id}/dismount`, {
      originalLockRestored: true,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', originalLockStorage: 'Hylla B3, låda 12' });
    expect(done.body.originalLockRestoredAt).toBe(now.toISOString());
    const apartmentLocks = await lockManager.get(`/api/v1/locks?doorId=${ids.apartment}`);
    expect(apartmentLocks.body.items).toEqual([]);
    const entranceLocks = await lockManager.get(`/api/v1/locks?doorId=${ids.entrance}`);
    expect(entranceLocks.body.items).toMatchObject([{ status: 'installed' }]);
  });
});

describe('a battery round from the forecasts (R2.4)', () => {
  it('plans the due entrance lock as a battery order, and its change is on the lock once done', async () => {
    const [entranceLock] = (await lockManager.get(`/api/v1/locks?doorId=${ids.entrance}`)).body.items;
    // Ninety days of readings three times a day, falling from 60 % to 33 %: 20 % in about 7 weeks.
    await storeBatteryReadings(server.db.pool, {
      municipalityId: (await admin.get('/api/v1/municipality')).body.id,
      lockId: entranceLock.id,
      doorId: ids.entrance,
      until: now,
      days: 90,
      readingsPerDay: 3,
      level: 60,
      perDay: 0.3,
      report: (n, onLine) => Math.round(onLine) + (n % 5 === 0 ? 1 : 0),
    });
    const forecast = await lockManager.get('/api/v1/battery-forecast?withinWeeks=12');
    expect(forecast.status).toBe(200);
    const item = forecast.body.items.find((entry: { lockId: string }) => entry.lockId === entranceLock.id);
    const weeks = (new Date(item.dueAt).getTime() - now.getTime()) / (7 * dayMs);
    expect(weeks).toBeGreaterThan(5);
    expect(weeks).toBeLessThan(9);
    const round = await lockManager.post('/api/v1/battery-rounds', {
      districtId: ids.district,
      withinWeeks: 12,
    });
    expect(round.status, JSON.stringify(round.body)).toBe(201);
    const [order] = await ordersOf(lockManager, '&kind=battery');
    expect(order).toMatchObject({ doorId: ids.entrance, lockDeviceId: entranceLock.id, state: 'requested' });
    expect((await planFor(order!, new Date('2027-06-17T08:00:00Z'), 15)).status).toBe(200);
    now = new Date('2027-06-17T08:10:00Z');
    for (const to of ['in_progress', 'done'])
      expect((await installer.post(`/api/v1/work-orders/${order!.id}/transitions`, { to })).status).toBe(200);
    const changes = await lockManager.get(`/api/v1/locks/${entranceLock.id}/battery-changes`);
    expect(changes.body.items).toMatchObject([{ workOrderId: order!.id, doneBy: 'installer' }]);
  });
});
