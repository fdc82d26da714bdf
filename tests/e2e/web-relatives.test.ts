// Relatives' self-service in a real browser (Debian's Chromium via playwright-core) against the
// real server with its clock fixed and a real SMTP receiver (docs/relatives.md): the customer's
// work lead invites a relative from the customer page ("Anhöriga") and sees the link once, the
// mailed link is opened on a phone-sized screen and the relative chooses a username and password,
// logs in, sees the customer's visit list (a visit without departure, the states, the staff and the
// period in Swedish, then in English) and downloads it as PDF and CSV; the work lead then sees
// every read in the read log and withdraws the account. A second relative then reads the list on a
// 390 × 844 phone (each visit a card: the page never scrolls sideways, every visit's date, times
// and staff on screen) and at 1400 × 900 (a table row per visit), in Swedish and English, and a
// chosen period outlives a reload.
// Screenshots go to test-artifacts/screenshots/.
import { readFileSync } from 'node:fs';
import {
  ApiClient,
  readRelativeLink,
  startMailReceiver,
  startTestWorld,
  testPassword,
  type MailReceiver,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { logIn, phone, readQuery, saveScreenshot, submitLogin, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-11-10T12:00:00Z');
const relativePassword = 'ett långt lösenord för Lena';
/** The username field's hint: exactly what the server takes (core's checkRelativeUsername). */
const usernameHint = {
  sv: '3–40 tecken: bokstäverna a–z (inte å, ä, ö), siffror, punkt, bindestreck eller understreck, först en bokstav eller siffra. Stora bokstäver sparas som små.',
  en: '3–40 characters: the letters a–z (not å, ä, ö), digits, dot, dash or underscore, starting with a letter or digit. Capital letters are saved in lower case.',
};

let server: TestServer;
let mail: MailReceiver;
let world: World;
let leadName: string;
let lead: ApiClient;
let admin: ApiClient;

/** The hint tied to the field labelled `label` (its `aria-describedby`). */
const readHint = (page: Page, label: string) =>
  page
    .getByLabel(label)
    .evaluate((field) => document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent);

beforeAll(async () => {
  await ensureWebBuild();
  mail = await startMailReceiver();
  const started = await startTestWorld({
    now: () => now,
    mailer: mail.mailer,
    municipalityName: 'Portviks kommun',
  });
  ({ server, world, admin } = started);
  leadName = await started.createUser('work_lead', { providerId: world.provider.a });
  lead = await new ApiClient(server.url).login(leadName, testPassword);
  for (const day of ['2026-11-03', '2026-11-05']) {
    const visit = await lead.post('/api/v1/visits', {
      customerId: world.customer.a,
      staffMemberIds: [world.staffMember.a],
      arrival: `${day}T08:00:00Z`,
      departure: `${day}T08:40:00Z`,
      services: ['meals'],
    });
    expect(visit.status).toBe(201);
  }
  // A visit without a departure: the list says so in the reader's language.
  const open = await lead.post('/api/v1/visits', {
    customerId: world.customer.a,
    staffMemberIds: [world.staffMember.a],
    arrival: '2026-11-07T09:00:00Z',
    departure: null,
    services: ['meals'],
  });
  expect(open.status, JSON.stringify(open.body)).toBe(201);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await mail?.close();
});

const { openAs, openPage } = useBrowser(() => server.url);

describe('relatives’ self-service in the console', () => {
  let link: { url: string; token: string };

  it('the work lead invites a relative from the customer page and sees the link once', async () => {
    const page = await openAs(leadName, `/customers/${world.customer.a}`);
    const section = page.locator('section[data-section="relatives"]');
    await section.getByRole('heading', { name: 'Anhöriga' }).waitFor();
    await section.getByText('Inga anhöriga är inbjudna.').waitFor();
    await section.getByLabel('Den anhöriges namn').fill('Lena Berg');
    await section.getByLabel('E-postadress').fill('lena@example.se');
    await section.getByRole('button', { name: 'Skicka inbjudan' }).click();
    const shown = section.locator('[data-invitation-link]');
    await shown.waitFor();
    link = readRelativeLink(await mail.waitForMessage(1));
    expect(await shown.textContent()).toBe(link.url);
    await section.locator('tr[data-status="pending"]').getByText('Lena Berg').waitFor();
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'relatives-invited');
    await page.context().close();
  });

  it('the relative opens the link on a phone, chooses a username and password, and sees the list', async () => {
    const page = await openPage(phone);
    await page.goto(link.url);
    await page.getByRole('heading', { name: 'Konto för anhörig', level: 1 }).waitFor();
    await page.getByText(/Hej Lena Berg!.*besökslista för Karl \(Portviks kommun\)/).waitFor();
    expect(await page.getByText('Karl Berg').count()).toBe(0);
    expect(await readHint(page, 'Användarnamn')).toBe(usernameHint.sv);
    await page.getByLabel('Användarnamn').fill('lena.berg');
    await page.getByLabel('Lösenord (minst 12 tecken)').fill(relativePassword);
    await page.getByLabel('Lösenordet igen').fill('något annat lösenord');
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await page.getByText('Lösenorden är inte lika.').waitFor();
    await page.getByLabel('Lösenordet igen').fill(relativePassword);
    await saveScreenshot(page, 'relatives-link');
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await page.getByText('Ditt konto lena.berg är skapat.').waitFor();
    await page.getByRole('link', { name: 'Logga in och se besökslistan' }).click();
    await submitLogin(page, 'lena.berg', relativePassword);
    await page.getByRole('heading', { name: 'Besökslista för Karl Berg', level: 1 }).waitFor();
    const rows = page.locator('tr[data-visit-date]');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.locator('[data-total]').getAttribute('data-total')).toBe('80');
    /** Each row's cells, date first (on a phone a row is a card, so its text is read cell by cell). */
    const cells = () =>
      rows.evaluateAll((all) =>
        all.map((row) =>
          [...row.querySelectorAll('th, td')].map((cell) => (cell as HTMLElement).innerText.trim()),
        ),
      );
    expect(await cells()).toEqual([
      ['2026-11-03', '09:00', '09:40', '40', 'Personal', expect.any(String), 'Registrerat'],
      ['2026-11-05', '09:00', '09:40', '40', 'Personal', expect.any(String), 'Registrerat'],
      ['2026-11-07', '10:00', 'okänd', '', 'Personal', expect.any(String), 'Avfärd saknas'],
    ]);
    const period = page.locator('[data-period]');
    expect(await period.innerText()).toBe('Period: 11 oktober–10 november 2026');
    // The server's default period: the 31 days up to its today.
    expect(await page.getByLabel('Från och med').inputValue()).toBe('2026-10-11');
    expect(await page.getByLabel('Till och med').inputValue()).toBe('2026-11-10');
    // The menu has the list and nothing else.
    const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Besökslista']);
    await saveScreenshot(page, 'relatives-visit-list');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Visit list for Karl Berg', level: 1 }).waitFor();
    // The page reads the list again in English (a read the log keeps, like any other).
    await expect.poll(cells).toEqual([
      ['3 Nov 2026', '09:00', '09:40', '40', 'Staff', expect.any(String), 'Registered'],
      ['5 Nov 2026', '09:00', '09:40', '40', 'Staff', expect.any(String), 'Registered'],
      ['7 Nov 2026', '10:00', 'unknown', '', 'Staff', expect.any(String), 'Departure missing'],
    ]);
    expect(await period.innerText()).toBe('Period: 11 October – 10 November 2026');
    await saveScreenshot(page, 'relatives-visit-list-en');

    for (const [format, check] of [
      ['pdf', (bytes: Buffer) => expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')],
      [
        'csv',
        (bytes: Buffer) => expect(bytes.toString('utf8')).toContain('2026-11-05;09:00;09:40;40;Personal;'),
      ],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`a[data-download="${format}"]`).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`besokslista-2026-10-11-2026-11-10.${format}`);
      check(readFileSync(await download.path()));
    }
    // The used link is refused.
    await page.goto(link.url);
    await page.locator('[data-code="invitation_used"]').waitFor();
    await page.context().close();
  });

  it('the work lead sees every read in the read log and withdraws the account', async () => {
    const page = await openAs(leadName, `/customers/${world.customer.a}`);
    const section = page.locator('section[data-section="relatives"]');
    const reads = section.locator('tr[data-read]');
    // The list read in Swedish, then again when the page switched to English, then downloaded.
    await expect.poll(() => reads.count()).toBeGreaterThanOrEqual(4);
    const kinds = await reads.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-read')));
    expect(kinds.slice(0, 2)).toEqual(['csv', 'pdf']);
    expect(new Set(kinds.slice(2))).toEqual(new Set(['json']));
    await section.locator('tr[data-status="used"]').getByText('lena.berg').waitFor();
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'relatives-read-log');
    await section.getByRole('button', { name: 'Dra tillbaka och stäng kontot' }).click();
    await section.locator('tr[data-status="withdrawn"]').getByText('lena.berg (avstängt)').waitFor();
    await page.context().close();
    await expect(new ApiClient(server.url).login('lena.berg', relativePassword)).rejects.toThrow(/401/);
  });
});

/** What a relative's phone shows of each visit: whether its date, times and staff lie within the screen. */
async function visitsOnScreen(page: Page) {
  return page.locator('tr[data-visit-date]').evaluateAll((rows) =>
    rows.map((row) => {
      const isOnScreen = (cell: Element | null) => {
        if (!(cell instanceof HTMLElement) || cell.innerText.trim() === '') return false;
        const box = cell.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= window.innerWidth;
      };
      const [date, arrival, departure, , staff] = row.querySelectorAll('th, td');
      return {
        date: row.getAttribute('data-visit-date'),
        isShown: [date, arrival, departure, staff].map((cell) => isOnScreen(cell ?? null)),
      };
    }),
  );
}

describe('the relative’s visit list on a phone and a desktop', () => {
  const username = 'per.berg';
  const password = 'ett långt lösenord för Per';

  beforeAll(async () => {
    // A relative of their own, after the first one's account is withdrawn: its reads come last.
    const invited = await lead.post<{ link: string }>(
      `/api/v1/customers/${world.customer.a}/relative-invitations`,
      { relativeName: 'Per Berg', email: 'per@example.se' },
    );
    expect(invited.status).toBe(201);
    const token = invited.body.link.split('/').pop()!;
    const made = await new ApiClient(server.url).post(`/api/v1/relative-links/${token}/account`, {
      username,
      password,
    });
    expect(made.status).toBe(201);
  });

  const languages = [
    { language: 'sv', heading: 'Besökslista för Karl Berg', staff: 'Personal' },
    { language: 'en', heading: 'Visit list for Karl Berg', staff: 'Staff' },
  ] as const;

  it('at 390 × 844 the page does not scroll sideways and each visit’s date, times and staff are on screen', async () => {
    const page = await openPage(phone);
    await logIn(page, `${server.url}/relative`, username, password);
    for (const { language, heading, staff } of languages) {
      if (language === 'en') await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      const rows = page.locator('tr[data-visit-date]');
      await expect.poll(() => rows.count()).toBe(3);
      await expect.poll(() => rows.first().innerText()).toContain(staff);
      await saveScreenshot(page, `relatives-phone-${language}`);
      const widths = await page.evaluate(() => ({
        document: document.documentElement.scrollWidth,
        screen: window.innerWidth,
      }));
      expect(widths.document, language).toBeLessThanOrEqual(widths.screen);
      expect(await visitsOnScreen(page), language).toEqual(
        ['2026-11-03', '2026-11-05', '2026-11-07'].map((date) => ({
          date,
          isShown: [true, true, true, true],
        })),
      );
    }
    await page.context().close();
  });

  it('at 1400 × 900 the list is one table row per visit', async () => {
    const page = await openPage({ viewport: { width: 1400, height: 900 } });
    await logIn(page, `${server.url}/relative`, username, password);
    for (const { language, heading } of languages) {
      if (language === 'en') await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      const rows = page.locator('tr[data-visit-date]');
      await expect.poll(() => rows.count()).toBe(3);
      // Every cell of a row on one line beside the others.
      const tops = await rows
        .first()
        .evaluate((row) =>
          [...row.querySelectorAll('th, td')].map((cell) => Math.round(cell.getBoundingClientRect().top)),
        );
      expect(new Set(tops).size, language).toBe(1);
      await saveScreenshot(page, `relatives-desktop-${language}`);
    }
    await page.context().close();
  });

  it('keeps a chosen period in the address, so a reload shows the same visits and downloads', async () => {
    const page = await openPage({ viewport: { width: 1400, height: 900 } });
    await logIn(page, `${server.url}/relative`, username, password);
    const rows = page.locator('tr[data-visit-date]');
    await expect.poll(() => rows.count()).toBe(3);
    expect(readQuery(page)).toEqual({});
    await page.getByLabel('Från och med').fill('2026-11-04');
    await expect.poll(() => rows.count()).toBe(2);
    expect(readQuery(page)).toEqual({ from: '2026-11-04', to: '2026-11-10' });
    await page.reload();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByLabel('Från och med').inputValue()).toBe('2026-11-04');
    expect(await page.locator('a[data-download="csv"]').getAttribute('href')).toContain('from=2026-11-04');
    await page.context().close();
  });
});

describe('an invitation made with an API token', () => {
  it('names the provider the token acts for, never the token; the hint says what a username may be', async () => {
    const made = await admin.post<{ token: string }>('/api/v1/api-tokens', {
      name: 'tD omsorgshuset',
      role: 'work_lead',
      providerId: world.provider.a,
    });
    expect(made.status).toBe(201);
    const providerName = (await admin.get<{ name: string }>(`/api/v1/providers/${world.provider.a}`)).body
      .name;
    const sent = mail.messages.length;
    const invited = await ApiClient.withToken(server.url, made.body.token).post(
      `/api/v1/customers/${world.customer.a}/relative-invitations`,
      { relativeName: 'Olle Berg', email: 'olle@example.se' },
    );
    expect(invited.status).toBe(201);
    const link = readRelativeLink(await mail.waitForMessage(sent + 1));
    const page = await openPage(phone);
    await page.goto(link.url);
    const intro = page.getByText(/^Hej Olle Berg!/);
    expect(await intro.innerText()).toBe(
      `Hej Olle Berg! ${providerName} har bjudit in dig att se hemtjänstens besökslista för Karl (Portviks kommun).`,
    );
    expect(await readHint(page, 'Användarnamn')).toBe(usernameHint.sv);
    await saveScreenshot(page, 'relatives-link-token');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await readHint(page, 'Username')).toBe(usernameHint.en);
    expect(await page.getByText(/^Hello Olle Berg!/).innerText()).toContain(
      `! ${providerName} has invited you`,
    );
    expect(await page.locator('main').innerText()).not.toMatch(/token:|tD /);
    await saveScreenshot(page, 'relatives-link-token-en');
    // Capital letters are taken and saved in lower case, as the hint says.
    await page.getByLabel('Username').fill('OLLE');
    await page.getByLabel('Password (at least 12 characters)').fill(relativePassword);
    await page.getByLabel('Password again').fill(relativePassword);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Your account olle has been created.').waitFor();
    await page.context().close();
  });
});
