// The support console (docs/support.md "Console") in a real browser (Debian's Chromium via
// playwright-core) against the real server with its clock fixed: a staff member raises a case
// with "Nytt ärende" in support hours and sees it listed; support triages it and writes a note on
// its timeline, which names who wrote each entry; at night a property owner is told support is closed, when it opens, and that only
// emergency opening can be requested; the hours are said with consecutive days as a range, and
// round-the-clock hours as such; a work lead tells two customers of one name apart in "Nytt
// ärende". Screenshots go to test-artifacts/screenshots/.
import {
  linksOfRole,
  startTestWorld,
  type ApiClient,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

/** Wednesday 10 March 2027, 10:00 in Stockholm: support is open. */
const day = new Date('2027-03-10T09:00:00Z');
/** The same Wednesday, 23:30 in Stockholm: closed until Thursday 08:00. */
const night = new Date('2027-03-10T22:30:00Z');
let clock = day;

let server: TestServer;
let world: World;
let admin: ApiClient;
let workLead: string;
let staff: string;
let supportUser: string;
let owner: string;
let keySerial: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => clock });
  ({ server, world, admin } = started);
  staff = await started.createUser('staff', linksOfRole(world, 'staff'));
  workLead = await started.createUser('work_lead', linksOfRole(world, 'work_lead'));
  supportUser = await started.createUser('support');
  owner = await started.createUser('property_owner', linksOfRole(world, 'property_owner'));
  keySerial = (await admin.get(`/api/v1/keys/${world.digitalKey.a}`)).body.serial;
}, 180_000);
afterAll(async () => server?.close());

const { openAs } = useBrowser(() => server.url);

describe('support cases in the console', () => {
  it('lets staff raise a case with “Nytt ärende” and see it listed; support triages and notes it', async () => {
    clock = day;
    const page = await openAs(staff, '/support');
    await page.getByRole('heading', { name: 'Support', level: 1 }).waitFor();
    await page.getByText('Supporten har öppet nu (måndag–fredag 08:00–17:00).').waitFor();
    await page.getByText('Inga ärenden.').waitFor();
    await page.getByRole('button', { name: 'Nytt ärende' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nytt supportärende' });
    await dialog.getByLabel('Kategori').selectOption({ label: 'Kommer inte in' });
    await dialog.getByLabel('Rubrik').fill('Porten på Storgatan 1 öppnas inte');
    await dialog.getByLabel('Beskrivning').fill('Nyckeln blinkar rött vid porten. Provade två gånger.');
    const keys = dialog.getByLabel('Nyckel');
    await expect.poll(() => keys.locator('option').count()).toBe(2);
    await keys.selectOption({ label: keySerial });
    await saveScreenshot(page, 'support-raise-dialog');
    await dialog.getByRole('button', { name: 'Nytt ärende' }).click();
    await page.getByText(/Ärendet SUP-2027-[0-9A-Z]{6} är registrerat\./).waitFor();
    const row = page.getByRole('row', { name: /Porten på Storgatan 1 öppnas inte/ });
    await row.waitFor();
    expect(await row.getByText('Kommer inte in').count()).toBe(1);
    expect(await row.getByText('Öppet').count()).toBe(1);
    await page.getByText('Antal ärenden: 1').waitFor();
    await saveScreenshot(page, 'support-list-staff');

    const desk = await openAs(supportUser, '/support');
    await desk
      .getByRole('row', { name: /Porten på Storgatan 1 öppnas inte/ })
      .getByRole('link')
      .click();
    await desk
      .getByRole('heading', { name: /SUP-2027-[0-9A-Z]{6}: Porten på Storgatan 1 öppnas inte/ })
      .waitFor();
    await desk.getByText(keySerial).waitFor();
    const form = desk.locator('form[data-form="change-support-case"]');
    await form.getByLabel('Status').selectOption({ label: 'Pågår' });
    await form.getByLabel('Prioritet').selectOption({ label: 'Hög' });
    await form.getByLabel('Handläggare').selectOption({ label: 'Test support' });
    await form.getByRole('button', { name: 'Spara ändringen' }).click();
    await desk.getByText('Status: Öppet → Pågår').waitFor();
    await desk.getByText('Prioritet: Normal → Hög').waitFor();
    await desk.getByText('Tilldelat Test support').waitFor();
    await desk.getByLabel('Ny anteckning').fill('Ringt låsleverantören, byte av batteri bokat.');
    await desk.getByRole('button', { name: 'Lägg till anteckning' }).click();
    await desk.getByRole('cell', { name: 'Ringt låsleverantören, byte av batteri bokat.' }).waitFor();
    // Who wrote each entry is named, not shown by username: the staff member raised it, support noted.
    const who = (entry: string) => desk.locator(entry).locator('td').nth(1).textContent();
    expect(await who('tr[data-kind="status"] >> nth=0')).toBe('Test staff');
    expect(await who('tr[data-kind="note"]')).toBe('Test support');
    const timeline = (await desk.locator('tr[data-kind]').allTextContents()).join(' ');
    expect(timeline).not.toContain(staff);
    expect(timeline).not.toContain(supportUser);
    await saveScreenshot(desk, 'support-case-detail');

    // The staff member sees the change on their own list.
    await page.reload();
    await page
      .getByRole('row', { name: /Porten på Storgatan 1 öppnas inte/ })
      .getByText('Pågår')
      .waitFor();
  });

  it('tells a property owner at night that support is closed, when it opens, and to ask for emergency opening', async () => {
    clock = night;
    try {
      const page = await openAs(owner, '/support');
      const closed = page.locator('[data-support="closed"]');
      await closed.getByRole('heading', { name: 'Supporten är stängd just nu.' }).waitFor();
      await closed.getByText('Öppettider: måndag–fredag 08:00–17:00, utom helgdagar.').waitFor();
      await closed.getByText('Supporten öppnar igen torsdag 11 mars kl. 08:00.').waitFor();
      await closed.getByText(/Till dess kan bara nödöppning begäras/).waitFor();
      // A property owner cannot report an emergency opening itself: no way there is offered.
      expect(await closed.getByRole('link', { name: 'Begär nödöppning' }).count()).toBe(0);
      // The staff member's case is the provider's: the owner sees none of it.
      await page.getByText('Inga ärenden.').waitFor();
      await saveScreenshot(page, 'support-closed-night');
      await page.getByRole('button', { name: 'Nytt ärende' }).click();
      const dialog = page.getByRole('dialog', { name: 'Nytt supportärende' });
      await dialog.getByText('Nya ärenden kan registreras när supporten har öppet.').waitFor();
      expect(await dialog.getByLabel('Rubrik').count()).toBe(0);
      await saveScreenshot(page, 'support-closed-dialog-owner', { fullPage: false });
      const { rows } = await server.db.pool.query(
        'SELECT count(*)::int AS n FROM support_case WHERE property_owner_id = $1',
        [world.propertyOwner.a],
      );
      expect(rows[0].n).toBe(0);

      // Staff who stand outside a door are pointed to emergency opening, in the page and the dialog.
      const staffPage = await openAs(staff, '/support');
      const staffClosed = staffPage.locator('main [data-support="closed"]');
      await staffClosed.getByText('Supporten öppnar igen torsdag 11 mars kl. 08:00.').waitFor();
      expect(await staffClosed.getByRole('link', { name: 'Begär nödöppning' }).getAttribute('href')).toBe(
        '/emergency',
      );
      await staffPage.getByRole('button', { name: 'Nytt ärende' }).click();
      const staffDialog = staffPage.getByRole('dialog', { name: 'Nytt supportärende' });
      await staffDialog.getByText('Nya ärenden kan registreras när supporten har öppet.').waitFor();
      expect(await staffDialog.getByRole('link', { name: 'Begär nödöppning' }).getAttribute('href')).toBe(
        '/emergency',
      );
      await saveScreenshot(staffPage, 'support-closed-dialog', { fullPage: false });
    } finally {
      clock = day;
    }
  });

  it('says the hours with consecutive days as a range, and round-the-clock hours as such', async () => {
    clock = day;
    const setHours = async (supportHours: Record<string, unknown>) =>
      expect((await admin.patch('/api/v1/municipality', { settings: { supportHours } })).status).toBe(200);
    try {
      await setHours({ from: '00:00', until: '24:00', weekdays: [1, 2, 3, 4, 5, 6, 7] });
      const page = await openAs(staff, '/support');
      await page.getByText('Supporten har öppet dygnet runt.').waitFor();
      await saveScreenshot(page, 'support-open-round-the-clock', { fullPage: false });
      await setHours({ from: '07:00', until: '16:00', weekdays: [1, 2, 3, 5] });
      await page.reload();
      await page.getByText('Supporten har öppet nu (måndag–onsdag, fredag 07:00–16:00).').waitFor();
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByText('Support is open now (Monday–Wednesday, Friday 07:00–16:00).').waitFor();
    } finally {
      await setHours({ from: '08:00', until: '17:00', weekdays: [1, 2, 3, 4, 5] });
    }
  });

  it('tells a work lead two customers of the same name apart in “Nytt ärende”', async () => {
    clock = day;
    // A second Karl Berg, served by the same provider, in another apartment of the same address.
    const namesake = await admin.post('/api/v1/customers', {
      districtId: world.district.a,
      givenName: 'Karl',
      familyName: 'Berg',
      residencePropertyId: world.property.a,
      apartment: 'Lgh 1302',
    });
    expect(namesake.status, JSON.stringify(namesake.body)).toBe(201);
    const served = await admin.post('/api/v1/customer-services', {
      customerId: namesake.body.id,
      service: 'home_care',
      providerId: world.provider.a,
      startsOn: '2026-01-01',
    });
    expect(served.status, JSON.stringify(served.body)).toBe(201);
    const page = await openAs(workLead, '/support');
    await page.getByRole('button', { name: 'Nytt ärende' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nytt supportärende' });
    const customers = dialog.getByLabel('Kund', { exact: true }).locator('option');
    await expect.poll(() => customers.count()).toBe(3);
    const labels = (await customers.allTextContents()).slice(1);
    expect(labels).toEqual(['Karl Berg, Storgatan 1', 'Karl Berg, Storgatan 1, Lgh 1302']);
    await dialog.getByLabel('Kund', { exact: true }).selectOption({ label: labels[1]! });
    await saveScreenshot(page, 'support-raise-dialog-namesakes', { fullPage: false });
  });
});
