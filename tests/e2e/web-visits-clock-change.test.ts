// The day view on the night the clocks go back (Sunday 25 October 2026, 03:00 CEST → 02:00 CET)
// in a real browser (Debian's Chromium via playwright-core, in Stockholm's zone) against the real
// server, both clocks fixed (docs/visits.md "Console"): a correction that leaves the times as they
// were keeps them to the minute, a time the clock showed twice is asked which of the two, the
// day's counts agree with their numbers, an approved visit's correction says it takes the day's
// approval back, and staff are not offered the work leads' pages.
// Screenshots go to test-artifacts/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWorld, type ApiClient, type TestServer, type World } from '@portvakt/server/testing';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-10-27T12:00:00Z');
let server: TestServer;
let world: World;
let admin: ApiClient;
let adminName: string;
let staffName: string;
let afterChange: string;
let overnight: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world, admin, adminName } = started);
  staffName = await started.createUser('staff', {
    providerId: world.provider.a,
    staffMemberId: world.staffMember.a,
  });
  const visit = async (body: Record<string, unknown>) => {
    const response = await admin.post('/api/v1/visits', { services: ['meals'], ...body });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body.id as string;
  };
  // 02:10–02:40 after the clocks went back (CET), and 23:30 on Saturday to 02:30 CET: 240 minutes.
  afterChange = await visit({
    customerId: world.customer.a,
    staffMemberIds: [world.staffMember.a],
    arrival: '2026-10-25T01:10:00Z',
    departure: '2026-10-25T01:40:00Z',
  });
  overnight = await visit({
    customerId: world.customer.b,
    staffMemberIds: [world.staffMember.b],
    arrival: '2026-10-24T21:30:00Z',
    departure: '2026-10-25T01:30:00Z',
  });
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const browser = useBrowser(() => server.url);
const visitOf = async (id: string) => (await admin.get(`/api/v1/visits/${id}`)).body.visit;

describe('the day view across the autumn clock change', () => {
  it('keeps the times of a correction that changes only the reason, to the minute', async () => {
    const page = await browser.openAs(adminName, '/visits?day=2026-10-25');
    await page.locator('[data-chart="timeline"]').waitFor();
    await page.getByText('1 besök hos 1 kund, 30 minuter kundtid').waitFor();
    await page.locator('tr[data-visit]').getByRole('button', { name: 'Rätta' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Ankomst', { exact: true }).inputValue()).toBe('2026-10-25T02:10');
    // The stored instant is the second 02:10, and the form says so instead of picking one.
    const which = dialog.getByLabel(/^Ankomst: vilken 02:10\?/);
    expect(await which.locator('option:checked').innerText()).toBe('Andra gången, vintertid (UTC+01:00)');
    await saveScreenshot(page, 'visits-correct-repeated-hour', { fullPage: false });
    await dialog.getByLabel('Orsak', { exact: false }).fill('Fel insats angiven');
    await dialog.getByRole('button', { name: 'Spara rättelse' }).click();
    await expect.poll(async () => (await visitOf(afterChange)).state).toBe('corrected');
    expect(await visitOf(afterChange)).toMatchObject({
      arrival: '2026-10-25T01:10:00.000Z',
      departure: '2026-10-25T01:40:00.000Z',
      minutes: 30,
    });

    await page.goto(`${server.url}/visits?day=2026-10-24`);
    await page.locator('tr[data-visit]').getByRole('button', { name: 'Rätta' }).click();
    await page.getByRole('dialog').getByLabel('Orsak', { exact: false }).fill('Kontrollerad');
    await page.getByRole('dialog').getByRole('button', { name: 'Spara rättelse' }).click();
    await expect.poll(async () => (await visitOf(overnight)).state).toBe('corrected');
    expect(await visitOf(overnight)).toMatchObject({ departure: '2026-10-25T01:30:00.000Z', minutes: 240 });
    await page.context().close();
  });

  it('asks which of the two times a typed repeated time is, and stores the one chosen', async () => {
    const page = await browser.openAs(adminName, '/visits?day=2026-10-25');
    await page.locator('tr[data-visit]').getByRole('button', { name: 'Rätta' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Avfärd', { exact: true }).fill('2026-10-25T02:50');
    const which = dialog.getByLabel(/^Avfärd: vilken 02:50\?/);
    expect(await which.locator('option').allInnerTexts()).toEqual([
      'Första gången, sommartid (UTC+02:00)',
      'Andra gången, vintertid (UTC+01:00)',
    ]);
    await which.selectOption({ label: 'Andra gången, vintertid (UTC+01:00)' });
    await dialog.getByLabel('Orsak', { exact: false }).fill('Gick senare');
    await dialog.getByRole('button', { name: 'Spara rättelse' }).click();
    await expect.poll(async () => (await visitOf(afterChange)).minutes).toBe(40);
    expect(await visitOf(afterChange)).toMatchObject({
      arrival: '2026-10-25T01:10:00.000Z',
      departure: '2026-10-25T01:50:00.000Z',
    });
    await page.context().close();
  });

  it('says in the correction of an approved visit that it takes the day’s approval back', async () => {
    const approved = await admin.post('/api/v1/visits/approvals', {
      staffMemberId: world.staffMember.a,
      day: '2026-10-25',
    });
    expect(approved.body).toEqual({ approved: 1 });
    const page = await browser.openAs(adminName, '/visits?day=2026-10-25');
    await page
      .locator('tr[data-visit]', { hasText: 'Attesterat' })
      .getByRole('button', { name: 'Rätta' })
      .click();
    await page
      .getByRole('dialog')
      .getByText(/Besöket är attesterat: ändringen tar tillbaka attesteringen/)
      .waitFor();
    await page.context().close();
  });

  it('offers staff their own visits but not the work leads’ week and exceptions pages', async () => {
    const page = await browser.openAs(staffName, '/visits?day=2026-10-25');
    const navigation = page.getByRole('navigation', { name: 'Huvudmeny' });
    await navigation.getByRole('link', { name: 'Besök' }).waitFor();
    const links = await navigation.getByRole('link').allInnerTexts();
    expect(links).not.toContain('Vecka per kund');
    expect(links).not.toContain('Avvikelser');
    await page.context().close();
  });
});
