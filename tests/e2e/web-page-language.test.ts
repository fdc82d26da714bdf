// The page's own language (`<html lang>`) follows the reader's choice on every page, in a real
// browser (Debian's Chromium via playwright-core) against the real server with its clock fixed:
// the public pages opened from single-use links without a session (the consent e-service, a
// relative's invitation, the locksmith's emergency arrival), the console and the staff phone app.
// A choice of English saved on one page holds on the next one opened and after a reload, so a
// screen reader reads the page in the language it is written in. Screenshots go to
// test-artifacts/screenshots/.
import {
  readConsentLink,
  sendTestConsentRequest,
  startMailReceiver,
  startTestWorld,
  type MailReceiver,
  type TestServer,
} from '@portvakt/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2027-02-08T09:00:00Z');

let server: TestServer;
let mail: MailReceiver;
let adminName: string;
/** The three links' pages, each with its title in Swedish and English. */
const links: Array<{ name: string; url: string; sv: string; en: string }> = [];

beforeAll(async () => {
  await ensureWebBuild();
  mail = await startMailReceiver();
  const started = await startTestWorld({ now: () => now, mailer: mail.mailer });
  ({ server, adminName } = started);
  const { admin, world } = started;

  await sendTestConsentRequest(admin, world);
  const consent = readConsentLink(await mail.waitForMessage(1));

  const lead = await started.login('work_lead', { providerId: world.provider.a });
  const invited = await lead.post<{ link: string }>(
    `/api/v1/customers/${world.customer.a}/relative-invitations`,
    { relativeName: 'Per Berg', email: 'per@example.se' },
  );
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);

  const company = `/api/v1/locksmith-companies/${world.locksmithCompany.a}`;
  expect((await admin.patch(company, { isEmergencyContracted: true })).status).toBe(200);
  const support = await started.login('support');
  const emergency = await support.post('/api/v1/emergency-openings', {
    customerId: world.customer.a,
    doorId: world.door.apartmentA,
  });
  expect(emergency.status, JSON.stringify(emergency.body)).toBe(201);
  const assigned = await support.post(`/api/v1/emergency-openings/${emergency.body.id}/assign`, {
    locksmithCompanyId: world.locksmithCompany.a,
    version: 1,
  });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);

  // Each link as the server made it, on this server (the mailed one names the configured address).
  const onServer = (link: string) => `${server.url}${new URL(link, server.url).pathname}`;
  links.push(
    {
      name: 'consent',
      url: onServer(consent.url),
      sv: 'Samtycke till digitala lås på entréer',
      en: 'Consent to digital locks on entrances',
    },
    {
      name: 'relative-invitation',
      url: onServer(invited.body.link),
      sv: 'Konto för anhörig',
      en: 'Account for a relative',
    },
    {
      name: 'emergency-arrival',
      url: onServer(assigned.body.arrivalUrl as string),
      sv: 'Nödöppning',
      en: 'Emergency opening',
    },
  );
}, 180_000);

afterAll(async () => {
  await server?.close();
  await mail?.close();
});

const { openAs, openPage } = useBrowser(() => server.url);

const readDocumentLanguage = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe('the page’s language', () => {
  it('follows a saved English choice on every public link page, after a reload too, and Swedish again', async () => {
    const page = await openPage(phone);
    const [first, ...others] = links;
    await page.goto(first!.url);
    await page.getByRole('heading', { name: first!.sv, level: 1 }).waitFor();
    expect(await readDocumentLanguage(page)).toBe('sv');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: first!.en, level: 1 }).waitFor();
    expect(await readDocumentLanguage(page)).toBe('en');

    // Opened afresh, every link's page is in the saved language, and says so.
    for (const link of [first!, ...others]) {
      await page.goto(link.url);
      await page.getByRole('heading', { name: link.en, level: 1 }).waitFor();
      expect({ page: link.name, lang: await readDocumentLanguage(page) }).toEqual({
        page: link.name,
        lang: 'en',
      });
      await saveScreenshot(page, `page-language-${link.name}-en`);
    }

    // Back to Swedish on a link's page: the next page opened is Swedish, and says so.
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: others.at(-1)!.sv, level: 1 }).waitFor();
    expect(await readDocumentLanguage(page)).toBe('sv');
    await page.goto(first!.url);
    await page.getByRole('heading', { name: first!.sv, level: 1 }).waitFor();
    expect(await readDocumentLanguage(page)).toBe('sv');
    await page.context().close();
  });

  it('follows the choice in the console, before and after logging in, and after a reload', async () => {
    const page = await openAs(adminName, '/audit');
    expect(await readDocumentLanguage(page)).toBe('sv');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    expect(await readDocumentLanguage(page)).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    expect(await readDocumentLanguage(page)).toBe('en');
    // A public link opened in the same browser keeps the console's choice.
    await page.goto(links[1]!.url);
    await page.getByRole('heading', { name: links[1]!.en, level: 1 }).waitFor();
    expect(await readDocumentLanguage(page)).toBe('en');
    await page.context().close();
  });

  it('follows the choice in the staff phone app after a reload', async () => {
    const page = await openPage(phone);
    await page.goto(`${server.url}/app/`);
    const switchButton = page.getByRole('button', { name: 'English' });
    await switchButton.waitFor();
    expect(await readDocumentLanguage(page)).toBe('sv');
    await switchButton.click();
    await page.getByRole('button', { name: 'Svenska' }).waitFor();
    expect(await readDocumentLanguage(page)).toBe('en');
    await page.reload();
    await page.getByRole('button', { name: 'Svenska' }).waitFor();
    expect(await readDocumentLanguage(page)).toBe('en');
    await saveScreenshot(page, 'page-language-phone-app-en');
    await page.context().close();
  });
});
