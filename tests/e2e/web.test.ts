// The web console in a real browser (Debian's Chromium, headless, driven by playwright-core)
// against the real server over a fresh real PostgreSQL, filled by `portvakt seed-demo` plus a
// small second municipality built through the API. Screenshots of each main screen are written
// to test-artifacts/screenshots/.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, seedDemo } from '@portvakt/cli/seed-demo';
import {
  addWorld,
  ApiClient,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { createEventWorld, type EventWorld } from './event-log.world';
import { logIn as logInAt, phone, saveScreenshot, screenshotPath, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';
import { recordActivity, type Activity } from './web-events.world';

let server: TestServer;
let demoAdmin: ApiClient;
let world: World;
let otherWorkLead: string;

beforeAll(async () => {
  await ensureWebBuild();
  server = await startTestServer();
  await seedDemo(server.db.pool);
  demoAdmin = await new ApiClient(server.url).login('demo.admin', demoPassword);
  // A second municipality with two providers, where who serves which customer is known exactly.
  const other = await addWorld(server);
  world = other.world;
  otherWorkLead = await other.createUser('work_lead', { providerId: world.provider.a });
}, 180_000);

afterAll(async () => {
  await server?.close();
});

// The machine's time zone: the event log's days below are Node's local days.
const browser = useBrowser(() => server.url, { timezoneId: undefined });

async function openPage(): Promise<Page> {
  return browser.openPage();
}

async function logIn(page: Page, username: string, password: string, path = '/'): Promise<void> {
  await logInAt(page, `${server.url}${path}`, username, password);
}

async function workLeadClient(): Promise<ApiClient> {
  return new ApiClient(server.url).login('demo.arbetsledare', demoPassword);
}

interface WhoCanOpenBody {
  doors: Array<{
    label: string;
    lockId: string | null;
    staff: Array<{ staffMemberId: string; name: string }>;
  }>;
}

interface StaffBody {
  id: string;
  givenName: string;
  familyName: string;
  employeeNumber: string;
  employmentEndsOn: string | null;
}

/**
 * A customer of the work lead's provider whose every door on the way in has a lock, and a staff
 * member of that provider who cannot open them now: the stand-in a temporary grant is for.
 */
async function findGrantCase(lead: ApiClient) {
  const me = (await lead.get('/api/v1/auth/me')).body as { providerId: string };
  const staff = (await lead.get(`/api/v1/staff?providerId=${me.providerId}&limit=500`)).body
    .items as StaffBody[];
  const today = new Date().toISOString().slice(0, 10);
  const customers = (await lead.get('/api/v1/customers?limit=100&sort=familyName')).body.items as Array<{
    id: string;
    givenName: string;
    familyName: string;
    hasRefusedLock: boolean;
  }>;
  for (const customer of customers.slice(5)) {
    if (customer.hasRefusedLock) continue;
    const services = (await lead.get(`/api/v1/customer-services?customerId=${customer.id}`)).body
      .items as Array<{
      service: string;
      providerId: string;
      endsOn: string | null;
    }>;
    const isServed = services.some(
      (service) =>
        service.providerId === me.providerId &&
        service.service === 'home_care' &&
        (!service.endsOn || service.endsOn >= today),
    );
    if (!isServed) continue;
    const who = (await lead.get(`/api/v1/customers/${customer.id}/who-can-open`)).body as WhoCanOpenBody;
    if (who.doors.length === 0 || who.doors.some((door) => !door.lockId)) continue;
    const canOpen = new Set(who.doors.flatMap((door) => door.staff.map((row) => row.staffMemberId)));
    if (canOpen.size === 0) continue;
    const standIn = staff.find((row) => !canOpen.has(row.id) && !row.employmentEndsOn);
    if (standIn) return { customer, standIn, doors: who.doors };
  }
  throw new Error('no customer with a lock and a stand-in found in the demo');
}

describe('web console', () => {
  it('serves the console for deep links and keeps JSON 404s for unknown API paths', async () => {
    const page = await fetch(`${server.url}/customers/00000000-0000-4000-8000-000000000000`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const api = await fetch(`${server.url}/api/v1/no-such-route`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { code: string }).code).toBe('route_not_found');
  });

  it('shows the login page in Swedish, rejects a wrong password in plain Swedish and switches to English', async () => {
    const page = await openPage();
    await page.goto(server.url);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('sv');
    await page.getByLabel('Användarnamn').fill('demo.admin');
    await page.getByLabel('Lösenord').fill('fel lösenord');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Fel användarnamn eller lösenord.' }).waitFor();
    await saveScreenshot(page, '00-login');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.context().close();
  });

  it('lets a work lead find a customer and see the way in, providers and services, and who can open now', async () => {
    const lead = await workLeadClient();
    const customer = (await lead.get('/api/v1/customers?limit=1&sort=familyName')).body.items[0];
    const page = await openPage();
    await logIn(page, 'demo.arbetsledare', demoPassword);
    const navigation = page.getByRole('navigation', { name: 'Huvudmeny' });
    // Navigation follows the role: a work lead has no lock inventory and no audit trail, and sees
    // its own provider's visits (by day and by customer's week), exceptions, compensation runs,
    // time given, alarm response times, break-glass openings to review, the work orders on its
    // customers' doors, its key cabinets and backup keys (deviation plans, readiness to return keys,
    // keys still held), support cases and emergency opening (report and follow its staff's emergencies),
    // as a reader of the event log, the live view of today's openings ("Idag live"), and its
    // provider's webhooks.
    expect(await navigation.getByRole('link').allInnerTexts()).toEqual([
      'Översikt',
      'Kunder',
      'Personal',
      'Nycklar',
      'Nyckelskåp',
      'Team',
      'Utförare',
      'Händelselogg',
      'Idag live',
      'Besök',
      'Vecka per kund',
      'Avvikelser',
      'Ersättning',
      'Utförd tid',
      'Larm',
      'Nödåtkomst',
      'Arbetsordrar',
      'Reservnycklar',
      'Avvikelseplaner',
      'Återlämning av nycklar',
      'Nycklar kvar',
      'Support',
      'Nödöppning',
      'Webhooks',
    ]);
    await navigation.getByRole('link', { name: 'Kunder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kunder' }).waitFor();
    await page.getByRole('searchbox', { name: 'Sök' }).fill(customer.familyName);
    await page.getByRole('searchbox', { name: 'Sök' }).press('Enter');
    await page.getByRole('link', { name: customer.familyName }).first().waitFor();
    expect(page.url()).toContain(`q=${encodeURIComponent(customer.familyName)}`);
    await saveScreenshot(page, '02-customers');

    await page.goto(`${server.url}/customers/${customer.id}`);
    await page
      .getByRole('heading', { level: 1, name: `${customer.givenName} ${customer.familyName}` })
      .waitFor();
    await page.getByRole('heading', { name: 'Vägen in', exact: true }).waitFor();
    const path = (await lead.get(`/api/v1/customers/${customer.id}/access-path`)).body.doors as Array<{
      label: string;
    }>;
    for (const door of path)
      await page.locator('.access-path').getByText(door.label, { exact: true }).first().waitFor();
    const services = page.getByRole('region', { name: 'Utförare och insatser' });
    await services.getByText('Hemtjänsten Portvik', { exact: false }).first().waitFor();
    // Nothing on the page waits for the activation feature any more; the event log still comes later.
    expect(await page.locator('[data-pending-feature="activation"]').count()).toBe(0);
    await page.getByRole('heading', { name: 'Vem kan öppna nu' }).waitFor();
    await page.locator('[data-section="who-can-open"] .at-note').waitFor();
    await saveScreenshot(page, '03-customer-detail');
    await page.context().close();
  });

  it('lets a work lead add a temporary team membership and see it in the team', async () => {
    const lead = await workLeadClient();
    const team = (await lead.get('/api/v1/teams?limit=1&sort=name')).body.items[0];
    const members = new Set(
      (
        (await lead.get(`/api/v1/team-memberships?teamId=${team.id}&limit=500`)).body.items as Array<{
          staffMemberId: string;
        }>
      ).map((membership) => membership.staffMemberId),
    );
    const staff = (await lead.get(`/api/v1/staff?providerId=${team.providerId}&limit=500`)).body
      .items as Array<{
      id: string;
      givenName: string;
      familyName: string;
      employeeNumber: string;
      employmentEndsOn: string | null;
    }>;
    const standIn = staff.find((row) => !members.has(row.id) && !row.employmentEndsOn)!;
    expect(standIn).toBeDefined();
    expect(standIn.employeeNumber).toBeTruthy();

    const page = await openPage();
    await logIn(page, 'demo.arbetsledare', demoPassword);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Team' }).click();
    await page.getByRole('link', { name: team.name }).click();
    await page.getByRole('heading', { level: 1, name: team.name }).waitFor();
    const form = page.getByRole('region', { name: 'Lägg till medlem' });
    // The picker finds the person by part of the name as typed, given name first, in lower case;
    // every match shows the employee number, which tells two people of one name apart.
    const picker = form.getByRole('combobox', { name: 'Medarbetare' });
    await picker.fill('an');
    await form.getByRole('option').nth(1).waitFor();
    await saveScreenshot(page, '07-team-staff-picker', { fullPage: false });
    await picker.fill(`${standIn.givenName} ${standIn.familyName.slice(0, 3)}`.toLowerCase());
    const matches = form.getByRole('option');
    await matches.first().waitFor();
    for (const text of await matches.allTextContents())
      expect(text.toLowerCase()).toContain(standIn.familyName.slice(0, 3).toLowerCase());
    const match = matches.filter({ hasText: standIn.employeeNumber });
    expect(await match.textContent()).toMatch(
      new RegExp(`^${standIn.familyName}, ${standIn.givenName} · ${standIn.employeeNumber}`),
    );
    await match.click();
    expect(await picker.inputValue()).toMatch(
      new RegExp(`^${standIn.familyName}, ${standIn.givenName} · ${standIn.employeeNumber}`),
    );
    expect(await form.getByLabel('Tillfälligt medlemskap med slutdatum').isChecked()).toBe(true);
    const until = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    const pad = (value: number) => String(value).padStart(2, '0');
    const local = `${until.getFullYear()}-${pad(until.getMonth() + 1)}-${pad(until.getDate())}T15:00`;
    await form.getByLabel('Gäller till').fill(local);
    await form.getByRole('button', { name: 'Lägg till' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${standIn.givenName} ${standIn.familyName} är tillagd i teamet.` })
      .waitFor();
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: `${standIn.givenName} ${standIn.familyName}` }) });
    await row.getByText('Gäller nu').waitFor();
    await saveScreenshot(page, '07-team-detail');

    const created = (
      (await lead.get(`/api/v1/team-memberships?teamId=${team.id}&staffMemberId=${standIn.id}`)).body
        .items as Array<{
        validUntil: string | null;
      }>
    )[0]!;
    expect(new Date(created.validUntil!).getTime()).toBe(new Date(local).getTime());

    // Ending it, after a confirmation, says so in place of the addition's notice.
    await row.getByRole('button', { name: 'Avsluta' }).click();
    const dialog = page.getByRole('dialog', {
      name: `Avsluta medlemskapet för ${standIn.givenName} ${standIn.familyName}?`,
    });
    await dialog.getByRole('button', { name: 'Avsluta nu' }).click();
    await page.getByRole('status').filter({ hasText: 'Medlemskapet är avslutat.' }).waitFor();
    await row.getByText('Avslutad').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'är tillagd i teamet' }).count()).toBe(0);
    await page.context().close();

    // On a phone the matches drop down within the screen's width, under the field.
    const small = await browser.openPage(phone);
    await logIn(small, 'demo.arbetsledare', demoPassword, `/teams/${team.id}`);
    const smallPicker = small.getByRole('combobox', { name: 'Medarbetare' });
    await smallPicker.fill('an');
    await small.getByRole('option').nth(1).waitFor();
    await smallPicker.evaluate((input) =>
      input.closest('.search-picker')?.scrollIntoView({ block: 'start' }),
    );
    const list = (await small.getByRole('listbox', { name: 'Medarbetare' }).boundingBox())!;
    expect(list.x).toBeGreaterThanOrEqual(0);
    expect(list.x + list.width).toBeLessThanOrEqual(390);
    expect(list.y).toBeGreaterThan((await smallPicker.boundingBox())!.y);
    await saveScreenshot(small, '07-team-staff-picker-phone', { fullPage: false });
    await small.context().close();
  });

  it('lets a work lead block a key only with a reason and after confirming, then shows it blocked', async () => {
    const lead = await workLeadClient();
    const key = (await lead.get('/api/v1/keys?status=active&limit=1')).body.items[0];
    const page = await openPage();
    await logIn(page, 'demo.arbetsledare', demoPassword);
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Nycklar', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Nycklar' }).waitFor();
    await page.getByRole('link', { name: key.serial }).waitFor();
    await saveScreenshot(page, '05-keys');
    await page.getByRole('link', { name: key.serial }).click();
    // The key's activation state: whether it works now, and what stands in the way if not.
    const activation = page.getByRole('region', { name: 'Aktivering' });
    await activation.waitFor();
    expect(await activation.textContent()).toMatch(/Inte aktiverad|Aktiverad nu/);
    await page.getByRole('button', { name: 'Spärra nyckeln' }).click();
    const dialog = page.getByRole('dialog', { name: `Spärra nyckel ${key.serial}?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Spärra', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Skriv en anledning' }).waitFor();
    expect((await lead.get(`/api/v1/keys/${key.id}`)).body.status).toBe('active');
    await dialog.getByLabel('Anledning till spärren').fill('Borttappad under kvällspasset');
    await saveScreenshot(page, '06-block-key-dialog');
    await dialog.getByRole('button', { name: 'Spärra', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Nyckeln är spärrad.' }).waitFor();
    await page.locator('.facts').getByText('Spärrad', { exact: true }).waitFor();
    await page.locator('.facts').getByText('Borttappad under kvällspasset').waitFor();
    expect(await page.getByRole('button', { name: 'Spärra nyckeln' }).count()).toBe(0);
    const stored = (await lead.get(`/api/v1/keys/${key.id}`)).body;
    expect(stored).toMatchObject({ status: 'blocked', statusReason: 'Borttappad under kvällspasset' });
    const audit = (await demoAdmin.get(`/api/v1/audit?entity=digital_key&entityId=${key.id}`)).body.items;
    expect(audit[0]).toMatchObject({ action: 'update', actorLabel: 'demo.arbetsledare' });
    await page.context().close();
  });

  it('shows a municipality admin the overview charts filled with the fleet and key figures', async () => {
    const installed = (await demoAdmin.get('/api/v1/locks?status=installed&limit=500')).body.items.length;
    const districts = (await demoAdmin.get('/api/v1/districts?limit=500')).body.items as Array<{
      name: string;
    }>;
    const page = await openPage();
    await logIn(page, 'demo.admin', demoPassword);
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    const perDistrict = page.locator('figure[data-chart="Installerade lås per område"]');
    await perDistrict.getByText(`${installed} installerade lås totalt`).waitFor();
    for (const district of districts)
      await perDistrict.locator('.bar-label', { hasText: district.name }).waitFor();
    const widths = await perDistrict
      .locator('rect')
      .evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('width'))));
    expect(widths.filter((width) => width > 0).length).toBeGreaterThanOrEqual(districts.length);
    const battery = page.locator('figure[data-chart="Batterinivå i installerade lås"]');
    const batteryValues = await battery.locator('.bar-value').allTextContents();
    expect(batteryValues.map((text) => Number(text.replace(/\s/g, ''))).reduce((a, b) => a + b, 0)).toBe(
      installed,
    );
    const keys = page.locator('figure[data-chart="Nycklar: aktiva och spärrade"]');
    await keys.locator('.bar-label', { hasText: 'Spärrad' }).waitFor();
    expect(await keys.locator('rect').count()).toBe(4);
    // Openings and refusals per day come from the event log (seed-demo adds a week of them).
    await page
      .locator('figure[data-chart="Öppningar per dag"]')
      .getByText(/^[1-9][\d\s]* öppningar de senaste 14 dagarna$/)
      .waitFor();
    await page.locator('figure[data-chart="Nekade försök"]').waitFor();
    expect(await page.locator('[data-pending-feature="eventLog"]').count()).toBe(0);
    await saveScreenshot(page, '01-overview');
    await page.context().close();
  });

  it('gives a municipality admin a lock table that filters, sorts and pages, and lock and audit details', async () => {
    const page = await openPage();
    await logIn(page, 'demo.admin', demoPassword, '/locks');
    await page.getByRole('heading', { level: 1, name: 'Lås' }).waitFor();
    await page.getByLabel('Status').selectOption('installed');
    await expect.poll(() => page.url()).toContain('status=installed');
    const firstSerial = () => page.locator('tbody tr td:first-child').first().innerText();
    await page.locator('tbody tr').first().waitFor();
    const ascendingFirst = await firstSerial();
    await page.getByRole('button', { name: /Sortera efter Serienummer/ }).click();
    await expect.poll(() => page.url()).toContain('sort=-serial');
    await expect.poll(firstSerial).not.toBe(ascendingFirst);
    expect(await page.getByRole('columnheader', { name: /Serienummer/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    const firstPage = await page.locator('tbody tr td:first-child').allInnerTexts();
    await page.getByRole('button', { name: /Nästa sida/ }).click();
    await page.getByText('Sida 2').waitFor();
    await expect
      .poll(async () => (await page.locator('tbody tr td:first-child').allInnerTexts())[0])
      .not.toBe(firstPage[0]);
    await saveScreenshot(page, '04-locks');
    await page.locator('tbody tr td:first-child a').first().click();
    await page.getByRole('heading', { name: 'Batterihistorik' }).waitFor();
    await saveScreenshot(page, '04-lock-detail');

    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Granskningslogg' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Granskningslogg' }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    await saveScreenshot(page, '08-audit');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Personal' }).click();
    await page.locator('tbody tr td:first-child a').first().click();
    await page.getByRole('heading', { name: 'Kan öppna' }).waitFor();
    await page.getByRole('heading', { name: 'Behörighetshistorik' }).waitFor();
    await saveScreenshot(page, '09-staff-detail');
    await page.context().close();
  });

  it("does not show a work lead another provider's customer reached by URL", async () => {
    const foreignCustomer = world.customer.b;
    const lead = await new ApiClient(server.url).login(otherWorkLead, testPassword);
    expect((await lead.get(`/api/v1/customers/${foreignCustomer}`)).status).toBe(404);

    const page = await openPage();
    const apiStatuses: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes(`/api/v1/customers/${foreignCustomer}`))
        apiStatuses.push(response.status());
    });
    await logIn(page, otherWorkLead, testPassword, `/customers/${foreignCustomer}`);
    await page.getByRole('heading', { level: 1, name: 'Sidan finns inte' }).waitFor();
    // buildWorld names provider B's customer Greta Lund; nothing of her may reach the page.
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/Greta|Lund/);
    expect(await page.getByRole('heading', { name: 'Vägen in', exact: true }).count()).toBe(0);
    expect(apiStatuses.length).toBeGreaterThan(0);
    expect(apiStatuses.every((status) => status === 404)).toBe(true);
    await saveScreenshot(page, '10-foreign-customer-not-found');

    // Their own customer opens fine through the same route.
    await page.goto(`${server.url}/customers/${world.customer.a}`);
    await page.getByRole('heading', { level: 1, name: 'Karl Berg' }).waitFor();
    await page.context().close();
  });

  it('can be used from the keyboard: a skip link first, and a focus ring on controls', async () => {
    const loginPage = await openPage();
    await logIn(loginPage, 'demo.arbetsledare', demoPassword);
    // A fresh tab in the same session, as a keyboard user arriving by a bookmark would have it.
    const page = await loginPage.context().newPage();
    await page.goto(`${server.url}/customers`);
    await page.getByRole('heading', { level: 1, name: 'Kunder' }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till innehållet');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.context().close();
  });
  it('lets a work lead find a customer by the street address, shown in the list with the apartment', async () => {
    const lead = await workLeadClient();
    const rows = (await lead.get('/api/v1/customers?limit=100')).body.items as Array<{
      id: string;
      familyName: string;
      residenceAddress: string | null;
      apartment: string | null;
    }>;
    const customer = rows.find((row) => row.residenceAddress && row.apartment)!;
    expect(customer).toBeDefined();
    const address = customer.residenceAddress!;
    const page = await openPage();
    await logIn(page, 'demo.arbetsledare', demoPassword);
    await page.goto(`${server.url}/customers`);
    const search = page.getByRole('searchbox', { name: 'Sök' });
    expect(await search.getAttribute('placeholder')).toBe('Namn, adress eller personnummer');
    await search.fill(`${address} ${customer.apartment}`);
    await search.press('Enter');
    const row = page.locator('tbody tr', { has: page.locator(`a[href="/customers/${customer.id}"]`) });
    await row.waitFor();
    expect(await row.innerText()).toContain(address);
    // Every row found lives at that address and apartment.
    for (const text of await page.locator('tbody tr').allInnerTexts()) expect(text).toContain(address);
    await saveScreenshot(page, 'customers-by-address');
    await page.context().close();
  });

  it('lets a work lead find a customer, give a temporary grant and see the person in "who can open now"', async () => {
    const lead = await workLeadClient();
    const { customer, standIn, doors } = await findGrantCase(lead);
    const standInName = `${standIn.givenName} ${standIn.familyName}`;
    const reason = 'Vikarierar för ordinarie personal i kväll';

    const page = await openPage();
    await logIn(page, 'demo.arbetsledare', demoPassword);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kunder' }).click();
    await page.getByRole('searchbox', { name: 'Sök' }).fill(customer.familyName);
    await page.getByRole('searchbox', { name: 'Sök' }).press('Enter');
    await page.locator(`a[href="/customers/${customer.id}"]`).first().click();
    await page
      .getByRole('heading', { level: 1, name: `${customer.givenName} ${customer.familyName}` })
      .waitFor();

    // Before: every door on the way in is listed, and the stand-in is not among those who can open.
    const whoCanOpen = page.locator('[data-section="who-can-open"]');
    for (const door of doors) await whoCanOpen.locator(`[data-door="${door.label}"]`).first().waitFor();
    await whoCanOpen.locator('.at-note').waitFor();
    expect(await whoCanOpen.locator(`[data-staff="${standInName}"]`).count()).toBe(0);
    // The team's people are there, each with the rule as a Swedish badge.
    await whoCanOpen.locator('[data-rule="team_service"]').first().waitFor();
    expect(await whoCanOpen.locator('[data-rule="team_service"]').first().innerText()).toBe('Teamets kund');

    const form = page.getByRole('form', { name: 'Ge tillfällig behörighet' });
    // Found by the employee number typed into the picker, chosen with the keyboard.
    const picker = form.getByRole('combobox', { name: 'Medarbetare' });
    await picker.fill(standIn.employeeNumber);
    await form
      .getByRole('option', { name: new RegExp(`^${standIn.familyName}, ${standIn.givenName}`) })
      .waitFor();
    expect(await form.getByRole('option').count()).toBe(1);
    await picker.press('Enter');
    expect(await picker.inputValue()).toContain(`${standIn.familyName}, ${standIn.givenName}`);
    expect(await form.getByLabel('Gäller till').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    // The reason is required: nothing is sent without it.
    await form.getByRole('button', { name: 'Ge behörighet' }).click();
    await form.getByRole('alert').filter({ hasText: 'Skriv en anledning' }).waitFor();
    expect((await lead.get(`/api/v1/access-grants?customerId=${customer.id}`)).body.items).toHaveLength(0);
    await form.getByLabel(/Anledning/).fill(reason);
    await form.getByRole('button', { name: 'Ge behörighet' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${standInName} har fått tillfällig behörighet` })
      .waitFor();

    // After: the stand-in can open every door, by the individual grant, with its reason.
    const standInRow = whoCanOpen.locator(`tr[data-staff="${standInName}"]`);
    await standInRow.waitFor();
    for (const door of doors) {
      const cell = standInRow.locator(`td[data-door="${door.label}"]`);
      expect(await cell.locator('[data-rule="individual_grant"]').innerText()).toBe('Individuell behörighet');
    }
    await standInRow.getByText('Visa förklaring').click();
    await standInRow.getByText(reason, { exact: false }).waitFor();
    const grants = page.locator('[data-section="grants"]');
    const grantRow = grants.getByRole('row').filter({ has: page.getByRole('link', { name: standInName }) });
    await grantRow.getByText('Gäller nu').waitFor();
    // "Beviljad av" names the work lead as people know them; the record keeps the username.
    const leadName = (await lead.get('/api/v1/auth/me')).body.displayName as string;
    expect(leadName).toBe('Lena Sundberg');
    await grantRow.getByRole('cell', { name: leadName, exact: true }).waitFor();
    // A grant that has begun is ended, never deleted: "who could open at T?" keeps its answer.
    expect(await grantRow.getByRole('button', { name: 'Ta bort' }).count()).toBe(0);
    await page.getByRole('region', { name: 'Behörighetshistorik' }).getByText(reason).first().waitFor();
    await saveScreenshot(page, '11-customer-grant');
    await whoCanOpen.screenshot({ path: screenshotPath('11-who-can-open-section') });
    await grants.screenshot({ path: screenshotPath('11-grants-section') });

    const stored = (await lead.get(`/api/v1/access-grants?customerId=${customer.id}`)).body.items as Array<{
      staffMemberId: string;
      reason: string;
      grantedBy: string;
      validUntil: string;
    }>;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ staffMemberId: standIn.id, reason, grantedBy: 'demo.arbetsledare' });
    expect(Date.parse(stored[0]!.validUntil)).toBeGreaterThan(Date.now());
    const api = (await lead.get(`/api/v1/customers/${customer.id}/who-can-open`)).body as WhoCanOpenBody;
    for (const door of api.doors) expect(door.staff.map((row) => row.staffMemberId)).toContain(standIn.id);

    // "Avsluta" ends it now, after a confirmation; the person drops out of "who can open now".
    await grantRow.getByRole('button', { name: 'Avsluta' }).click();
    const dialog = page.getByRole('dialog', { name: `Avsluta behörigheten för ${standInName}?` });
    await dialog.getByRole('button', { name: 'Avsluta nu' }).click();
    await page.getByRole('status').filter({ hasText: 'Behörigheten är avslutad.' }).waitFor();
    await grantRow.getByText('Avslutad').waitFor();
    await expect.poll(() => whoCanOpen.locator(`[data-staff="${standInName}"]`).count()).toBe(0);
    await page.context().close();
  });

  it('lets a work lead see what a staff member can open and explain a lock at a time', async () => {
    const lead = await workLeadClient();
    const me = (await lead.get('/api/v1/auth/me')).body as { providerId: string };
    const staff = (await lead.get(`/api/v1/staff?providerId=${me.providerId}&limit=50`)).body
      .items as StaffBody[];
    let chosen: { row: StaffBody; locks: Array<{ doorLabel: string; lockId: string }> } | undefined;
    for (const row of staff) {
      const list = (await lead.get(`/api/v1/staff/${row.id}/lock-list`)).body as {
        locks: Array<{ doorLabel: string; lockId: string }>;
      };
      if (list.locks.length > 0) {
        chosen = { row, locks: list.locks };
        break;
      }
    }
    expect(chosen).toBeDefined();
    const page = await openPage();
    await logIn(page, 'demo.arbetsledare', demoPassword, `/staff/${chosen!.row.id}`);
    const lockList = page.locator('[data-section="lock-list"]');
    await lockList.getByText(`${chosen!.locks.length} lås`).waitFor();
    await lockList.getByRole('cell', { name: chosen!.locks[0]!.doorLabel }).first().waitFor();
    const explain = page.locator('[data-section="explain"]');
    await explain.getByLabel('Lås', { exact: true }).selectOption(chosen!.locks[0]!.lockId);
    await explain.getByRole('button', { name: 'Förklara' }).click();
    const answer = explain.locator('.explain-answer');
    await answer.waitFor();
    expect(await answer.getAttribute('data-allowed')).toBe('true');
    expect(await answer.innerText()).toContain('Får öppna');
    await saveScreenshot(page, '13-staff-permissions');
    await page.context().close();
  });

  it('resets a PIN after a confirmation and shows the one-time code exactly once', async () => {
    const lead = await workLeadClient();
    const keys = (await lead.get('/api/v1/keys?status=active&kind=hardware_key&limit=10&sort=-serial')).body
      .items as Array<{ id: string; serial: string }>;
    const key = keys[2]!;
    const page = await openPage();
    await logIn(page, 'demo.arbetsledare', demoPassword, `/keys/${key.id}`);
    await page.getByRole('button', { name: 'Återställ PIN-kod' }).click();
    const confirm = page.getByRole('dialog', { name: `Återställa PIN-koden för nyckel ${key.serial}?` });
    await confirm.getByRole('button', { name: 'Avbryt' }).click();
    await confirm.waitFor({ state: 'hidden' });
    let audit = (await demoAdmin.get(`/api/v1/audit?entity=digital_key&entityId=${key.id}`)).body.items;
    expect(audit.filter((entry: { action: string }) => entry.action === 'pin_reset')).toHaveLength(0);

    await page.getByRole('button', { name: 'Återställ PIN-kod' }).click();
    await confirm.getByRole('button', { name: 'Skapa engångskod' }).click();
    const codeDialog = page.getByRole('dialog', { name: 'Engångskod för ny PIN-kod' });
    await codeDialog.waitFor();
    const code = await codeDialog.locator('[data-pin-code]').getAttribute('data-pin-code');
    expect(code).toMatch(/^\d{8}$/);
    expect(await codeDialog.innerText()).toContain(
      'Lämna koden personligen till medarbetaren; den gäller i 72 timmar och används vid aktiveringsdosan.',
    );
    await saveScreenshot(page, '14-pin-reset-code');
    await codeDialog.getByRole('button', { name: 'Jag har noterat koden' }).click();
    await codeDialog.waitFor({ state: 'hidden' });
    expect(await page.content()).not.toContain(code!);
    await page.reload();
    await page.getByRole('button', { name: 'Återställ PIN-kod' }).waitFor();
    expect(await page.content()).not.toContain(code!);
    audit = (await demoAdmin.get(`/api/v1/audit?entity=digital_key&entityId=${key.id}`)).body.items;
    expect(audit[0]).toMatchObject({ action: 'pin_reset', actorLabel: 'demo.arbetsledare' });
    expect(JSON.stringify(audit[0])).not.toContain(code!);
    await page.context().close();
  });

  it('lists a freshly blocked key on the block list page, with the locks that have not caught up', async () => {
    const key = (await demoAdmin.get('/api/v1/keys?status=active&kind=hardware_key&limit=10&sort=-serial'))
      .body.items[5] as { id: string; serial: string };
    const before = (await demoAdmin.get('/api/v1/block-list')).body as { version: number };
    const page = await openPage();
    await logIn(page, 'demo.admin', demoPassword, `/keys/${key.id}`);
    await page.getByRole('button', { name: 'Spärra nyckeln' }).click();
    const dialog = page.getByRole('dialog', { name: `Spärra nyckel ${key.serial}?` });
    await dialog.getByLabel('Anledning till spärren').fill('Stulen ur bil under passet');
    await dialog.getByRole('button', { name: 'Spärra', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Nyckeln är spärrad.' }).waitFor();
    // The key page says the key is on the block list, in which version, and how many locks lag.
    const status = page.locator('.block-list-status');
    await status.getByRole('heading', { name: 'På spärrlistan' }).waitFor();
    await status.getByText(`Tillagd i spärrlisteversion ${before.version + 1}`).waitFor();
    expect(await page.getByRole('button', { name: 'Återställ PIN-kod' }).count()).toBe(0);

    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Spärrlista' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Spärrlista' }).waitFor();
    const row = page.locator(`tr[data-key-id="${key.id}"]`);
    await row.getByRole('link', { name: key.serial }).waitFor();
    expect(await row.innerText()).toContain('Stulen ur bil under passet');
    expect(await row.locator('td').last().innerText()).toBe(String(before.version + 1));
    const installed = (await demoAdmin.get('/api/v1/locks?status=installed&limit=500')).body.items.length;
    // Every installed lock lacks the new version: those with an older one lag, the rest never
    // reported one; the two counts are told apart, as "Idag live" counts them.
    const summary = page.getByText(
      new RegExp(
        `^(\\d+) av ${installed} installerade lås har en äldre version än ${before.version + 1} \\(ligger efter\\); (\\d+) har inte rapporterat någon version\\.$`,
      ),
    );
    await summary.waitFor();
    const [, lagging, notReported] = /^(\d+) av .*; (\d+) har/.exec((await summary.textContent())!)!;
    expect(Number(lagging) + Number(notReported)).toBe(installed);
    await saveScreenshot(page, '12-block-list');
    await page.context().close();

    // Oversight sees it too; a work lead has no block-list page.
    const support = await openPage();
    await logIn(support, 'demo.support', demoPassword, '/block-list');
    await support.locator(`tr[data-key-id="${key.id}"]`).waitFor();
    await support.context().close();
    const lead = await openPage();
    await logIn(lead, 'demo.arbetsledare', demoPassword, '/block-list');
    await lead.getByRole('heading', { level: 1, name: 'Ingen behörighet' }).waitFor();
    await lead.context().close();
  });

  it('shows the night patrol its hours and lets only a municipality admin change a provider’s hours', async () => {
    const providers = (await demoAdmin.get('/api/v1/providers?limit=50')).body.items as Array<{
      id: string;
      name: string;
      kinds: string[];
    }>;
    const night = providers.find((provider) => provider.kinds.includes('night_patrol'))!;
    const alarm = providers.find((provider) => provider.kinds.includes('alarm_patrol'))!;
    const page = await openPage();
    await logIn(page, 'demo.admin', demoPassword);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Utförare' }).click();
    await page.getByRole('row').filter({ hasText: night.name }).getByText('Hemtjänst: 22:00–07:00').waitFor();
    await page.getByRole('link', { name: alarm.name }).click();
    await page.getByRole('heading', { level: 1, name: alarm.name }).waitFor();
    const editor = page.locator('[data-section="service-windows"]');
    await editor.getByRole('button', { name: 'Lägg till tid för Hemsjukvård' }).click();
    const fieldset = editor.getByRole('group', { name: 'Hemsjukvård' });
    await fieldset.getByLabel('Från').fill('21:00');
    await fieldset.getByLabel('Till').fill('07:00');
    await fieldset.getByText('över midnatt').waitFor();
    await editor.getByRole('button', { name: 'Spara tider' }).click();
    await editor.getByRole('status').filter({ hasText: 'Tiderna är sparade.' }).waitFor();
    await saveScreenshot(page, '15-provider-hours');
    expect((await demoAdmin.get(`/api/v1/providers/${alarm.id}`)).body.serviceWindows).toEqual({
      home_health_care: [{ from: '21:00', to: '07:00' }],
    });
    await page.context().close();

    // The municipal work lead reads their own provider's hours but cannot change them.
    const lead = await workLeadClient();
    const own = (await lead.get('/api/v1/providers')).body.items[0] as { id: string; name: string };
    const leadPage = await openPage();
    await logIn(leadPage, 'demo.arbetsledare', demoPassword, `/providers/${own.id}`);
    await leadPage.getByRole('heading', { level: 1, name: own.name }).waitFor();
    await leadPage.getByText('Bara kommunadministratörer kan ändra tiderna.').waitFor();
    expect(await leadPage.getByRole('button', { name: 'Spara tider' }).count()).toBe(0);
    await leadPage.context().close();
  });
});

describe('web console: the event log', () => {
  let events: EventWorld;
  let activity: Activity;
  let eventAdmin: string;
  let eventAdminClient: ApiClient;
  // Three days ago at 09:00 local time: a day's activity (about 90 minutes) never crosses
  // midnight, whatever time the suite runs (the one-day filter below counts on it).
  const start = (() => {
    const morning = new Date();
    morning.setHours(9, 0, 0, 0);
    return Math.floor(morning.getTime() / 1000) - 3 * 86_400;
  })();

  beforeAll(async () => {
    // Three days of openings and refusals by the real simulated locks and keys, uploaded through
    // the server's ingest, in a municipality of their own.
    events = await createEventWorld(server.db.pool, start - 60);
    activity = await recordActivity(events, start, 3);
    eventAdmin = await createUser(server.db.pool, events.municipalityId, 'municipality_admin');
    eventAdminClient = await new ApiClient(server.url).login(eventAdmin, testPassword);
  }, 120_000);

  it('shows an admin the openings per day and the refused attempts from the event log', async () => {
    const page = await openPage();
    await logIn(page, eventAdmin, testPassword, '/overview');
    const openings = page.locator('figure[data-chart="Öppningar per dag"]');
    await openings.getByText(`${activity.openings} öppningar de senaste 14 dagarna`).waitFor();
    expect(await openings.locator('rect').count()).toBe(14);
    const widths = await openings
      .locator('rect')
      .evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('width'))));
    expect(widths.filter((width) => width > 0).length).toBeGreaterThanOrEqual(3);
    const values = await openings.locator('.bar-value').allTextContents();
    expect(values.map(Number).reduce((a, b) => a + b, 0)).toBe(activity.openings);
    const refusals = page.locator('figure[data-chart="Nekade försök"]');
    await refusals.getByText(`${activity.refused} nekade försök de senaste 14 dagarna`).waitFor();
    await openings.getByText('Visa uppgifterna som tabell').click();
    await openings.getByRole('columnheader', { name: 'Dag' }).waitFor();
    await saveScreenshot(page, '01-overview-events');
    await page.context().close();
  });

  it('searches the event log by customer, filters refused attempts and exports the filter as CSV', async () => {
    const page = await openPage();
    await logIn(page, eventAdmin, testPassword, '/overview');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Händelselogg' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Händelselogg' }).waitFor();
    await page.getByLabel('Visa händelser för').selectOption('customer');
    await page.getByRole('searchbox', { name: 'Sök kund' }).fill('Lund');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Karl Lund' })
      .getByRole('button', { name: 'Välj' })
      .click();
    await expect.poll(() => page.url()).toContain(`id=${events.customer}`);
    const table = page.locator('section[aria-label="Händelser"] table');
    // Every record at the customer's two doors in the default week: Anna's openings, Bertil's
    // refusals at the entrance, and what the locks log besides (clock and block-list updates).
    const count = async (query: string) =>
      (await eventAdminClient.get(`/api/v1/event-log/customer/${events.customer}?limit=500&${query}`)).body
        .items.length as number;
    const now = new Date();
    const weekFrom = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 6).toISOString();
    const weekTo = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).toISOString();
    const all = await count(`from=${weekFrom}&to=${weekTo}`);
    expect(all).toBeGreaterThanOrEqual(activity.openingsA + activity.refused);
    expect(await count(`from=${weekFrom}&to=${weekTo}&refused=true`)).toBe(activity.refused);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(all);
    await table.getByRole('cell', { name: 'Anna Andersson' }).first().waitFor();
    await table
      .getByRole('cell', { name: /Bertil Berg/ })
      .first()
      .waitFor();
    await table.getByRole('cell', { name: 'Biljetten gäller inte det här låset' }).first().waitFor();
    await table.getByRole('cell', { name: 'Port A' }).first().waitFor();
    await saveScreenshot(page, '16-event-log');

    await page.getByLabel('Bara nekade försök').check();
    await expect.poll(() => page.url()).toContain('refused=1');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(activity.refused);
    expect(await table.getByText('Öppnad').count()).toBe(0);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportera CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^handelselogg-customer-.*\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Tid;Dörr;Lås;Resultat;Orsak;Personal;Utförare;Verifierad;Batteri');
    expect(lines).toHaveLength(activity.refused + 1);
    for (const line of lines.slice(1)) {
      const cells = line.split(';');
      expect(cells[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(cells.slice(1)).toEqual([
        'Port A',
        expect.stringMatching(/^PV-/),
        'Nekad',
        'Biljetten gäller inte det här låset',
        'Bertil Berg',
        'Omsorg Syd AB',
        'Ja',
        expect.stringMatching(/^\d+$/),
      ]);
    }

    // One day only: the table agrees with the API for the same local day.
    await page.getByLabel('Bara nekade försök').uncheck();
    const day = new Date(start * 1000);
    const pad = (value: number) => String(value).padStart(2, '0');
    const dayText = `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
    await page.getByLabel('Från och med').fill(dayText);
    await page.getByLabel('Till och med').fill(dayText);
    const from = new Date(day.getFullYear(), day.getMonth(), day.getDate());
    const to = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
    const expected = (
      await eventAdminClient.get(
        `/api/v1/event-log/customer/${events.customer}?from=${from.toISOString()}&to=${to.toISOString()}`,
      )
    ).body.items.length as number;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(all);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(expected);
    await page.context().close();
  });

  it('shows recent openings on the customer page, and events and battery history on the lock page', async () => {
    const page = await openPage();
    page.setDefaultTimeout(10_000);
    await logIn(page, eventAdmin, testPassword, `/customers/${events.customer}`);
    const recent = page.locator('section', {
      has: page.getByRole('heading', { name: 'Senaste öppningar och nekade försök' }),
    });
    await recent.getByRole('cell', { name: 'Anna Andersson' }).first().waitFor();
    await recent.getByText('Öppnad').first().waitFor();
    expect(await recent.locator('tbody tr').count()).toBe(10);
    await recent.getByRole('button', { name: /Nästa sida/ }).waitFor();
    await saveScreenshot(page, '17-customer-events');
    await recent.getByRole('link', { name: 'Visa i händelseloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Händelselogg' }).waitFor();
    await expect.poll(() => page.url()).toContain(`subject=customer&id=${events.customer}`);

    await page.goto(`${server.url}/locks/${events.lockIds.apartment}`);
    const battery = page.locator('figure[data-chart="Batterihistorik"]');
    await battery.locator('path.line-path').waitFor({ state: 'attached' });
    await battery.getByText(/Senast \d+ %/).waitFor();
    expect(await battery.locator('circle').count()).toBeGreaterThan(3);
    const lockEvents = page.locator('section', { has: page.getByRole('heading', { name: 'Händelser' }) });
    await lockEvents.getByRole('cell', { name: 'Anna Andersson' }).first().waitFor();
    await saveScreenshot(page, '18-lock-events');
    await page.context().close();
  });
});
