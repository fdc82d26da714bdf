// What new users' walks through the console found, in a real browser (Debian's Chromium through
// playwright-core) against the real server: a work lead tells a staff member's many "Port A"
// apart by their addresses on "Kan öppna"; "Vecka per kund" finds a customer as one types.
// Screenshots (desktop and a 390-pixel phone) go to
// test-artifacts/screenshots/.
import {
  ApiClient,
  buildWorld,
  createMunicipality,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

let server: TestServer;
let world: World;
let workLeadName: string;
let adminName: string;

/** An instant `days` from the wall clock's now: the world's assignments are placed the same way. */
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

beforeAll(async () => {
  await ensureWebBuild();
  server = await startTestServer();
  const pool = server.db.pool;
  const municipalityId = await createMunicipality(pool);
  adminName = await createUser(pool, municipalityId, 'municipality_admin');
  const admin = await new ApiClient(server.url).login(adminName, testPassword);
  world = await buildWorld(admin);
  workLeadName = await createUser(pool, municipalityId, 'work_lead', { providerId: world.provider.a });
  const created = async (path: string, body: Record<string, unknown>): Promise<string> => {
    const response = await admin.post(`/api/v1/${path}`, body);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(201);
    return response.body.id;
  };
  // A second building whose entrance is called "Port A" too, on team A's way to a second customer.
  expect((await admin.patch(`/api/v1/doors/${world.door.a}`, { label: 'Port A' })).status).toBe(200);
  const propertyId = await created('properties', {
    districtId: world.district.a,
    ownerId: world.propertyOwner.a,
    designation: 'Väster 4',
    streetAddress: 'Västergatan 4',
  });
  const entranceId = await created('doors', { propertyId, kind: 'entrance', label: 'Port A' });
  const apartmentId = await created('doors', { propertyId, kind: 'apartment_door', label: 'Lgh 1102' });
  await created('locks', {
    lockType: 'cylinder_ring',
    serial: 'PV-CR-VAST4',
    status: 'installed',
    doorId: entranceId,
  });
  const customerId = await created('customers', {
    districtId: world.district.a,
    givenName: 'Ines',
    familyName: 'Vik',
    residencePropertyId: propertyId,
    apartment: 'Lgh 1102',
    apartmentDoorId: apartmentId,
  });
  await created('customer-services', {
    customerId,
    service: 'home_care',
    providerId: world.provider.a,
    startsOn: '2026-01-01',
  });
  const path = await admin.put(`/api/v1/customers/${customerId}/access-path`, {
    doorIds: [entranceId, apartmentId],
  });
  expect(path.status, JSON.stringify(path.body)).toBe(200);
  await created('team-customers', {
    teamId: world.team.a,
    customerId,
    reason: 'Planering',
    validUntil: daysFromNow(365),
  });
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url, { viewport: { width: 1400, height: 900 } });

describe('a staff member’s “Kan öppna” for a work lead', () => {
  it('names each door with its address, by address, in the table and in the explain picker', async () => {
    const page = await openAs(workLeadName, `/staff/${world.staffMember.a}`);
    const table = page.getByRole('table', { name: 'Kan öppna' });
    await table.getByRole('cell', { name: 'Västergatan 4' }).waitFor();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)),
      );
    expect(rows).toEqual([
      ['Storgatan 1', 'Lgh 1001'],
      ['Storgatan 1', 'Port A'],
      ['Västergatan 4', 'Port A'],
    ]);
    const options = await page.getByLabel('Lås', { exact: true }).locator('option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['Port A, Storgatan 1', 'Port A, Västergatan 4']));
    await table.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'new-user-walks-lock-list');
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('table', { name: 'Can open' })
      .getByRole('columnheader', { name: 'Address' })
      .waitFor();

    const small = await openAs(workLeadName, `/staff/${world.staffMember.a}`, phone);
    await small.getByRole('cell', { name: 'Västergatan 4' }).waitFor();
    await saveScreenshot(small, 'new-user-walks-lock-list-phone');
  });
});

describe('the week per customer’s customer picker', () => {
  it('finds a customer as the work lead types part of the name, the address or the apartment', async () => {
    const page = await openAs(workLeadName, '/visit-week?week=2026-03-18');
    const picker = page.getByRole('combobox', { name: 'Kund' });
    const ines = 'Vik, Ines · Västergatan 4, Lgh 1102';
    await picker.fill('vi');
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual([ines]);
    // A work lead may not read properties: the address comes with the customer row.
    await picker.fill('vastergatan 1102');
    await expect.poll(() => page.getByRole('option').allTextContents()).toEqual([ines]);
    await picker.fill('nobody');
    await page.getByText('Inga träffar.').waitFor();
    await picker.fill('');
    await expect
      .poll(() => page.getByRole('option').allTextContents())
      .toEqual(['Berg, Karl · Storgatan 1', ines]);
    await saveScreenshot(page, 'new-user-walks-week-picker');
    // The keyboard: down to the second match, Enter picks it.
    await picker.press('ArrowDown');
    await picker.press('Enter');
    await page.waitForURL(/customer=/);
    await expect.poll(() => picker.inputValue()).toBe(ines);
    await page.getByRole('heading', { name: /^Vecka 12/ }).waitFor();

    const small = await openAs(workLeadName, '/visit-week?week=2026-03-18', phone);
    await small.getByRole('combobox', { name: 'Kund' }).fill('berg');
    await small.getByRole('option', { name: /^Berg, Karl/ }).waitFor();
    await saveScreenshot(small, 'new-user-walks-week-picker-phone', { fullPage: false });
    await small.getByRole('option', { name: /^Berg, Karl/ }).click();
    await small.waitForURL(/customer=/);
  });

  it('finds a customer by street address for a municipality admin, in Swedish and English', async () => {
    const page = await openAs(adminName, '/visit-week');
    await page.getByRole('combobox', { name: 'Kund' }).fill('vastergatan');
    await expect
      .poll(() => page.getByRole('option').allTextContents())
      .toEqual(['Vik, Ines · Västergatan 4, Lgh 1102']);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('combobox', { name: 'Customer' }).fill('zzz');
    await page.getByText('No matches.').waitFor();
  });
});
