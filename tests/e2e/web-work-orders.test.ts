// The work-order screens of the console (docs/work-orders.md "Console") in a real browser
// (Debian's Chromium via playwright-core) against the real server with its clock fixed: the lock
// manager plans an install on the planning board (refused while the owner's consent is missing),
// and the installer, on a phone-sized screen, enrols a lock whose key pair was made as the
// simulated lock makes its own, and marks it installed with the original lock's storage label;
// a move whose customer withdrew consent while it was under way is refused at the door and handed
// back to the lock manager with the step the refusal names.
// Screenshots go to test-artifacts/screenshots/.
import { exportPublicJwk, generateSigningKeyPair } from '@portvakt/protocol';
import {
  ApiClient,
  startTestWorld,
  testPassword,
  unique,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, submitLogin, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2027-03-10T09:00:00Z');

let server: TestServer;
let world: World;
let municipalityId: string;
let lockManager: string;
let installer: string;
let installerId: string;
let entrance: string;
let apartment: string;
let entranceOrder: string;
let entranceReference: string;
let planner: ApiClient;
let apartmentOrder: string;
let admin: ApiClient;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, municipalityId, world } = started);
  ({ admin } = started);
  const pool = server.db.pool;
  lockManager = await started.createUser('lock_manager');
  installer = unique('ivar').toLowerCase();
  const made = await admin.post('/api/v1/users', {
    username: installer,
    displayName: 'Ivar Montör',
    password: testPassword,
    role: 'installer',
    locksmithCompanyId: world.locksmithCompany.a,
  });
  installerId = made.body.id;
  const door = async (kind: string, label: string) =>
    (await admin.post('/api/v1/doors', { propertyId: world.property.a, kind, label })).body.id as string;
  entrance = await door('entrance', 'Port B');
  apartment = await door('apartment_door', 'Lgh 1102');
  planner = await new ApiClient(server.url).login(lockManager, testPassword);
  const made2 = await planner.post('/api/v1/work-orders', { kind: 'install', doorId: entrance });
  entranceOrder = made2.body.id;
  entranceReference = made2.body.reference;
  apartmentOrder = (
    await planner.post('/api/v1/work-orders', {
      kind: 'install',
      doorId: apartment,
      customerId: world.customer.a,
      plannedMinutes: 45,
      notes: 'Ring på två gånger.',
    })
  ).body.id;
  await planner.post('/api/v1/work-orders', { kind: 'repair', doorId: world.door.b, notes: 'Låset kärvar' });
  // The customer has consented (the consent API is another capability's; the row is the fact).
  await pool.query(
    `INSERT INTO customer_lock_consent (municipality_id, customer_id, decision, decided_on, given_how, recorded_by)
     VALUES ($1, $2, 'consented', '2027-03-01', 'signed_form', 'test')`,
    [municipalityId, world.customer.a],
  );
  await planner.patch(`/api/v1/work-orders/${apartmentOrder}`, {
    version: 1,
    assignedUserId: installerId,
    bookedFrom: '2027-03-10T09:30:00Z',
    bookedUntil: '2027-03-10T10:30:00Z',
  });
  await planner.post(`/api/v1/work-orders/${apartmentOrder}/transitions`, { to: 'planned' });
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openPage } = useBrowser(() => server.url);

async function openAs(username: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await openPage({ viewport });
  await page.goto(`${server.url}/`);
  await submitLogin(page, username);
  return page;
}

describe('the planning board', () => {
  it('shows orders by state, and plans one only once the owner has consented', async () => {
    const page = await openAs(lockManager, { width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Arbetsordrar' }).click();
    await page.getByRole('heading', { name: 'Arbetsordrar', level: 1 }).waitFor();
    // Besides the orders made here, the lock triggers proposed installs when the world's access
    // paths were set: the board shows what the API lists, column by column.
    const count = async (query: string) =>
      (await planner.get(`/api/v1/work-orders?limit=500&${query}`)).body.items.length as number;
    const requested = page.locator('section[data-column="requested"]');
    const requestedCount = await count('state=requested');
    expect(requestedCount).toBeGreaterThanOrEqual(2);
    await expect.poll(() => requested.locator('li[data-work-order]').count()).toBe(requestedCount);
    expect(await page.locator('section[data-column="planned"] li[data-work-order]').count()).toBe(1);
    const card = requested.locator(`li[data-work-order="${entranceReference}"]`);
    expect(await card.getByText('Väntar på fastighetsägarens samtycke').count()).toBe(1);
    expect(await card.getByText('Storgatan 1, Port B').count()).toBe(1);
    await saveScreenshot(page, 'work-orders-board');

    await page.getByLabel('Typ').selectOption('repair');
    await expect.poll(() => page.locator('li[data-work-order]').count()).toBe(1);
    await page.getByLabel('Typ').selectOption('install');
    const installs = await count('kind=install');
    await expect.poll(() => page.locator('li[data-work-order]').count()).toBe(installs);

    await card.getByRole('link', { name: /Montering/ }).click();
    await page.getByRole('heading', { name: `Montering · ${entranceReference}`, level: 1 }).waitFor();
    await page.getByLabel('Montör').selectOption(installerId);
    await page.getByLabel('Bokad från').fill('2027-03-10T13:00');
    await page.getByLabel('Bokad till').fill('2027-03-10T14:00');
    await page.getByRole('button', { name: 'Spara planering' }).click();
    await page.getByText('Planeringen är sparad.').waitFor();
    await page.getByRole('button', { name: 'Till: Planerad' }).click();
    await page.getByText(/Samtycke saknas/).waitFor();
    await saveScreenshot(page, 'work-orders-consent-missing');
    const refused = await server.db.pool.query(
      'SELECT state, assigned_user_id, booked_from FROM work_order WHERE id = $1',
      [entranceOrder],
    );
    expect(refused.rows[0]).toEqual({
      state: 'requested',
      assigned_user_id: installerId,
      booked_from: new Date('2027-03-10T12:00:00Z'),
    });

    await server.db.pool.query(
      `INSERT INTO entrance_consent (door_id, municipality_id, status) VALUES ($1, $2, 'consented')`,
      [entrance, municipalityId],
    );
    await page.getByRole('button', { name: 'Till: Planerad' }).click();
    await page.getByRole('cell', { name: 'Planerad' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Beställd' }).count()).toBeGreaterThan(0);
    // Who moved the order is named ("Vem"), not shown by username.
    expect(await page.getByRole('cell', { name: 'Test lock_manager' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: lockManager }).count()).toBe(0);
    await saveScreenshot(page, 'work-orders-planned');

    // Under way, an install is finished at the door: no "Till: Klar" the server would refuse.
    await page.getByRole('button', { name: 'Till: Pågår' }).click();
    await page.getByRole('button', { name: 'Till: Misslyckad' }).waitFor();
    expect(await page.getByRole('button', { name: 'Till: Klar' }).count()).toBe(0);
    // An order under way may go back to requested (where one whose consent is gone waits for it).
    expect(await page.getByRole('button', { name: 'Till: Beställd' }).count()).toBe(1);
    await saveScreenshot(page, 'work-orders-install-under-way');
    await page.getByLabel('Anledning', { exact: false }).fill('Montören kommer i eftermiddag');
    await page.getByRole('button', { name: 'Till: Planerad' }).click();
    await page.getByRole('button', { name: 'Till: Pågår' }).waitFor();
    await page.context().close();
  });
});

describe('the installer’s phone view', () => {
  it('lands on the day’s jobs and installs a lock at the door', async () => {
    const page = await openAs(installer, { width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Mina jobb', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/installer');
    await page.goto(`${server.url}/installer?day=2027-03-10`);
    const jobs = page.locator('ul.installer-jobs li[data-work-order]');
    await expect.poll(() => jobs.count()).toBe(2);
    // Sorted by booked time: the flat at 10:30, the entrance at 13:00 (Stockholm).
    expect(await jobs.first().getByText('Lgh 1102', { exact: false }).count()).toBe(1);
    expect(await jobs.nth(1).getByText('Port B', { exact: false }).count()).toBe(1);
    const box = await jobs.first().getByRole('link').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'installer-day');

    await jobs.first().getByRole('link').click();
    await page.getByRole('heading', { name: /^Montering · / }).waitFor();
    const keyPair = await generateSigningKeyPair();
    const jwk = await exportPublicJwk(keyPair.publicKey);
    const serial = unique('PV-CR').toUpperCase();
    await page.getByLabel('Låsets serienummer').fill(serial);
    await page.getByLabel('Låsets publika nyckel (JWK)').fill(JSON.stringify(jwk));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'installer-enrol');
    await page.getByRole('button', { name: 'Registrera låset' }).click();
    await page.getByText(`Låset ${serial} är registrerat.`, { exact: false }).waitFor();
    const enrolment = await server.db.pool.query(
      `SELECT e.public_jwk AS jwk FROM device_enrolment e JOIN lock_device l ON l.id = e.lock_device_id WHERE l.serial = $1`,
      [serial],
    );
    expect(enrolment.rows[0].jwk).toMatchObject({ x: jwk.x, y: jwk.y });

    await page.getByRole('button', { name: 'Markera som monterat' }).click();
    await page.getByText('Skriv var originallåset förvaras').waitFor();
    await saveScreenshot(page, 'installer-storage-missing');
    await page.getByLabel('Var förvaras originallåset?', { exact: false }).fill('Hylla B3, låda 12');
    await page.getByRole('button', { name: 'Markera som monterat' }).click();
    await page.getByText('Klart! Ordern är avslutad.').waitFor();
    await saveScreenshot(page, 'installer-done');
    const lock = await server.db.pool.query('SELECT status, door_id FROM lock_device WHERE serial = $1', [
      serial,
    ]);
    expect(lock.rows[0]).toEqual({ status: 'installed', door_id: apartment });
    const order = await server.db.pool.query(
      'SELECT state, original_lock_storage FROM work_order WHERE id = $1',
      [apartmentOrder],
    );
    expect(order.rows[0]).toEqual({ state: 'done', original_lock_storage: 'Hylla B3, låda 12' });
    await page.context().close();
  });
});

describe('a move whose consent is withdrawn while it is under way', () => {
  it('is refused at the door and handed back to the lock manager with the step the refusal names', async () => {
    const door = async (label: string) =>
      (await admin.post('/api/v1/doors', { propertyId: world.property.a, kind: 'apartment_door', label }))
        .body.id as string;
    const oldDoor = await door('Lgh 1201');
    const newDoor = await door('Lgh 1301');
    const lock = await admin.post('/api/v1/locks', {
      lockType: 'cylinder_ring',
      serial: unique('PV-FL'),
      status: 'installed',
      doorId: oldDoor,
    });
    expect(lock.status, JSON.stringify(lock.body)).toBe(201);
    const customer = await admin.post('/api/v1/customers', {
      districtId: world.district.a,
      givenName: 'Maj',
      familyName: unique('Flytt'),
      residencePropertyId: world.property.a,
      apartmentDoorId: oldDoor,
    });
    expect(customer.status, JSON.stringify(customer.body)).toBe(201);
    const decide = async (decision: string) =>
      expect(
        (
          await planner.post(`/api/v1/customers/${customer.body.id}/lock-consents`, {
            decision,
            decidedOn: '2027-03-10',
            givenHow: 'phone',
          })
        ).status,
      ).toBe(201);
    await decide('consented');
    const made = await planner.post('/api/v1/work-orders', {
      kind: 'move',
      doorId: oldDoor,
      targetDoorId: newDoor,
      customerId: customer.body.id,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const orderId = made.body.id as string;
    await planner.patch(`/api/v1/work-orders/${orderId}`, {
      version: made.body.version,
      assignedUserId: installerId,
      bookedFrom: '2027-03-11T08:00:00Z',
      bookedUntil: '2027-03-11T09:00:00Z',
    });
    for (const to of ['planned', 'in_progress'])
      expect((await planner.post(`/api/v1/work-orders/${orderId}/transitions`, { to })).status).toBe(200);
    await decide('withdrawn');

    const page = await openAs(installer, { width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Mina jobb', level: 1 }).waitFor();
    await page.goto(`${server.url}/installer/${orderId}`);
    await page.getByRole('heading', { name: `Flytt · ${made.body.reference}` }).waitFor();
    await page.getByRole('button', { name: 'Låset är flyttat' }).click();
    await page.getByText('Samtycket gäller inte längre', { exact: false }).waitFor();
    // The refusal names a step the installer has, right there.
    expect(
      await page
        .getByText('Lämna tillbaka ordern med ”Lämna tillbaka till låsansvarig”', { exact: false })
        .count(),
    ).toBe(1);
    const handBack = page.getByRole('button', { name: 'Lämna tillbaka till låsansvarig' });
    expect((await handBack.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await handBack.click();
    await page.getByText('Skriv varför ordern lämnas tillbaka.').waitFor();
    expect((await planner.get(`/api/v1/work-orders/${orderId}`)).body.state).toBe('in_progress');
    await page
      .getByLabel('Varför lämnas ordern tillbaka?', { exact: false })
      .fill('Kunden har återkallat samtycket');
    await handBack.click();
    await page.getByText('Ordern är tillbaka hos låsansvarig som beställd.', { exact: false }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'installer-move-handed-back');
    const order = await planner.get(`/api/v1/work-orders/${orderId}`);
    expect(order.body).toMatchObject({ state: 'requested', stateReason: 'Kunden har återkallat samtycket' });
    const moved = await server.db.pool.query('SELECT door_id FROM lock_device WHERE id = $1', [lock.body.id]);
    expect(moved.rows[0].door_id).toBe(oldDoor);
    await page.context().close();
  });
});
