// Property owners and the consent e-service in a real browser (Debian's Chromium via
// playwright-core) against the real server with its clock fixed and a real SMTP receiver
// (docs/consents.md): the lock manager adds a contact and sends a request from the owner's page,
// the mailed link is followed on a phone-sized screen, the owner's contact answers per entrance,
// the used link is refused, the badges show the answers, and the owner's own login sees its
// request. Nothing on the e-service names a customer or an apartment (R2.7). The contact log says
// what the server recorded (a request sent, a reminder, a withdrawal) in Swedish and in English,
// rows written as Swedish sentences before migration 0046 alike, and a person's note as written.
// Screenshots go to test-artifacts/screenshots/.
import {
  readConsentLink,
  startMailReceiver,
  startTestWorld,
  type ApiClient,
  type MailReceiver,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { insertOwnerContactLog } from '@portvakt/storage';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, saveScreenshot, screenshotPath, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2027-03-01T08:00:00Z');

let server: TestServer;
let mail: MailReceiver;
let world: World;
let lockManagerName: string;
let ownerName: string;
let admin: ApiClient;
let link: { url: string; token: string };
let municipalityId: string;

beforeAll(async () => {
  await ensureWebBuild();
  mail = await startMailReceiver();
  const started = await startTestWorld({
    now: () => now,
    mailer: mail.mailer,
    municipalityName: 'Portviks kommun',
  });
  ({ server, municipalityId, admin, world } = started);
  lockManagerName = await started.createUser('lock_manager');
  ownerName = await started.createUser('property_owner', { propertyOwnerId: world.propertyOwner.a });
}, 180_000);

afterAll(async () => {
  await server?.close();
  await mail?.close();
});

const { openAs, openPage } = useBrowser(() => server.url);

async function openOnPhone(url: string): Promise<Page> {
  const page = await openPage(phone);
  await page.goto(url);
  return page;
}

describe('owner page and consent e-service', () => {
  it('lets the lock manager add a contact and send a request from the owner’s page', async () => {
    const page = await openAs(lockManagerName, '/property-owners');
    await page.getByRole('heading', { name: 'Fastighetsägare', level: 1 }).waitFor();
    const ownerRow = (await admin.get(`/api/v1/property-owners/${world.propertyOwner.a}`)).body;
    await page.getByRole('link', { name: ownerRow.name }).click();
    await page.getByRole('heading', { name: ownerRow.name, level: 1 }).waitFor();
    const contactForm = page.locator('form[data-form="contact"]');
    await contactForm.getByLabel('Namn', { exact: false }).fill('Eva Ek');
    await contactForm.getByLabel('Befattning').fill('Förvaltare');
    await contactForm.getByLabel('E-post').fill('eva.ek@fastighet.example');
    await contactForm.getByLabel('Huvudkontakt').check();
    await contactForm.getByRole('button', { name: 'Lägg till kontakt' }).click();
    await page.getByRole('cell', { name: /Eva Ek/ }).waitFor();

    const logForm = page.locator('form[data-form="contact-log"]');
    await logForm.getByLabel('Sätt').selectOption('call');
    await logForm.getByLabel('Vem').fill('Lisa Låsansvarig');
    await logForm.getByLabel('Utfall').fill('Förvaltaren vill ha förfrågan via e-post.');
    await logForm.getByRole('button', { name: 'Logga kontakt' }).click();
    await page.getByRole('cell', { name: 'Förvaltaren vill ha förfrågan via e-post.' }).waitFor();

    const requestForm = page.locator('form[data-form="consent-request"]');
    await requestForm.getByRole('button', { name: 'Skicka förfrågan' }).click();
    await page.getByText('Förfrågan skickad.').waitFor();
    const card = page.locator('li[data-request]');
    await card.first().waitFor();
    expect(await card.first().locator('[data-status="asked"]').count()).toBe(1);
    await saveScreenshot(page, 'consent-owner-page-sent');

    const message = await mail.waitForMessage(1);
    expect(message.subject).toContain('Samtycke till digitala lås');
    link = readConsentLink(message);
    expect(link.url.startsWith(server.url)).toBe(true);
    await page.context().close();
  });

  it('shows the owner’s contact only the property’s entrances on a phone and takes the answer once', async () => {
    const page = await openOnPhone(link.url);
    await page.getByRole('heading', { name: 'Samtycke till digitala lås på entréer', level: 1 }).waitFor();
    const entrances = page.locator('li[data-door]');
    await expect.poll(() => entrances.count()).toBe(1);
    const html = await page.content();
    for (const secret of ['Karl', 'Berg', 'Lgh 1001', world.customer.a, world.door.apartmentA])
      expect(html).not.toContain(secret);
    expect(html).toContain('Storgatan 1');
    // No page content overflows the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'consent-eservice-phone');

    await page.getByRole('button', { name: 'Skicka svar' }).click();
    await page.getByText('Svara ja eller nej för varje entré.', { exact: true }).waitFor();
    await entrances.first().getByLabel('Ja, samtycke').check();
    await page.getByLabel('Ditt namn').fill('Eva Ek');
    await page.getByLabel('Din befattning').fill('Förvaltare');
    await saveScreenshot(page, 'consent-eservice-phone-filled');
    await page.getByRole('button', { name: 'Skicka svar' }).click();
    await page.getByText(/Tack! Svaret är registrerat/).waitFor();
    await saveScreenshot(page, 'consent-eservice-phone-done');
    const { rows } = await server.db.pool.query(
      'SELECT status, answered_by_name, answered_by_title FROM entrance_consent WHERE door_id = $1',
      [world.door.a],
    );
    expect(rows).toEqual([
      { status: 'consented', answered_by_name: 'Eva Ek', answered_by_title: 'Förvaltare' },
    ]);

    await page.reload();
    await page.locator('[data-code="consent_link_used"]').waitFor();
    expect(await page.getByText('Länken har redan använts. Svaret är registrerat.').count()).toBe(1);
    await saveScreenshot(page, 'consent-eservice-used');
    await page.goto(`${server.url}/consent/${'x'.repeat(43)}`);
    await page.locator('[data-code="not_found"]').waitFor();
    await page.context().close();
  });

  it('offers the e-service in English', async () => {
    const contacts = await admin.get(`/api/v1/property-owners/${world.propertyOwner.a}/contacts`);
    const sent = await admin.post('/api/v1/consent-requests', {
      propertyId: world.property.a,
      contactId: contacts.body.items[0].id,
      doorIds: [world.door.a, world.door.laundryA],
    });
    expect(sent.status).toBe(201);
    const second = readConsentLink(await mail.waitForMessage(2));
    const page = await openOnPhone(second.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Consent to digital locks on entrances', level: 1 }).waitFor();
    await page.getByText('Now: Consented').waitFor();
    await saveScreenshot(page, 'consent-eservice-phone-en');
    await page.context().close();
  });

  it('shows the answers as badges to the lock manager and the owner’s own login', async () => {
    const page = await openAs(lockManagerName, `/property-owners/${world.propertyOwner.a}`);
    const answered = page
      .locator('li[data-request]')
      .filter({ has: page.locator('[data-status="consented"]') });
    await answered.first().waitFor();
    await saveScreenshot(page, 'consent-owner-page-answered');
    await page.context().close();

    const ownerPage = await openAs(ownerName, '/consent-requests');
    await ownerPage.getByRole('heading', { name: 'Samtycken', level: 1 }).waitFor();
    // The owner reads about their own properties.
    await ownerPage.getByText('Förfrågningar om digitala lås på entréerna i era fastigheter').waitFor();
    await ownerPage.locator('li[data-request]').first().waitFor();
    expect(await ownerPage.locator('li[data-request]').count()).toBe(2);
    expect(await ownerPage.getByText('Registrera återkallat samtycke').count()).toBe(0);
    const text = await ownerPage.locator('main').innerText();
    for (const secret of ['Karl', 'Berg', 'Lgh 1001']) expect(text).not.toContain(secret);
    await saveScreenshot(ownerPage, 'consent-owner-own-requests');
    await ownerPage.context().close();
  });

  it('tells the lock manager what the consents page holds in words for the municipality, not the owner', async () => {
    const page = await openAs(lockManagerName, '/consent-requests');
    await page.getByRole('heading', { name: 'Samtycken', level: 1 }).waitFor();
    await page.locator('li[data-request]').first().waitFor();
    const intro = () => page.locator('main').innerText();
    expect(await intro()).toContain(
      'Förfrågningar till fastighetsägarna om digitala lås på deras entréer, och svaren per entré.',
    );
    expect(await intro()).not.toMatch(/era fastigheter/);
    await saveScreenshot(page, 'consent-requests-lock-manager-sv');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Consents', level: 1 }).waitFor();
    expect(await intro()).toContain(
      'Requests to property owners for digital locks on their entrances, and the answers per entrance.',
    );
    expect(await intro()).not.toMatch(/your properties/);
    await saveScreenshot(page, 'consent-requests-lock-manager-en');
    await page.context().close();
  });
  it('says what the contact log recorded in Swedish and in English, old sentences alike', async () => {
    const requests = (await admin.get(`/api/v1/consent-requests?propertyOwnerId=${world.propertyOwner.a}`))
      .body.items as { id: string; createdAt: string; doors: { doorId: string; label: string }[] }[];
    const [second, first] = requests;
    const door = second!.doors.find((candidate) => candidate.doorId === world.door.a)!.label;
    const withdrawn = await admin.post(`/api/v1/consent-requests/${second!.id}/withdrawals`, {
      kind: 'call',
      doorIds: [world.door.a],
      name: 'Eva Ek',
      note: 'Styrelsen vill vänta.',
    });
    expect(withdrawn.status).toBe(201);
    // The same outcomes as the server wrote them before migration 0046: Swedish sentences, on record.
    const old = {
      propertyOwnerId: world.propertyOwner.a,
      consentRequestId: first!.id,
      recordedBy: 'Lisa Låsansvarig',
      at: now,
      recordedAt: now,
    };
    for (const row of [
      {
        kind: 'email',
        madeBy: 'Lisa Låsansvarig',
        outcome:
          'Samtyckesförfrågan skickad till Eva Ek (eva.ek@fastighet.example) om 1 dörr(ar) på Storgatan 1.',
      },
      {
        kind: 'email',
        madeBy: 'system:consent-reminders',
        outcome: 'Påminnelse 1 skickad till Eva Ek (eva.ek@fastighet.example).',
      },
      { kind: 'call', madeBy: 'Eva Ek', outcome: `Samtycket återkallat för ${door}: Styrelsen vill vänta.` },
    ])
      await insertOwnerContactLog(server.db.pool, municipalityId, { ...old, ...row });

    const page = await openAs(lockManagerName, `/property-owners/${world.propertyOwner.a}`);
    const log = page.locator('section[data-section="contact-log"]');
    /** What each row of outcome `kind` says, in the order shown. */
    const said = async (kind: string) =>
      log
        .locator(`tr[data-outcome="${kind}"]`)
        .evaluateAll((rows) =>
          rows.map((row) => row.querySelectorAll('td')[row.querySelectorAll('td').length - 1]!.textContent),
        );
    await expect.poll(() => log.locator('tr[data-outcome="consent_request_sent"]').count()).toBe(3);
    const sent = (language: 'sv' | 'en') =>
      language === 'sv'
        ? 'Samtyckesförfrågan skickad till Eva Ek (eva.ek@fastighet.example) om 1 dörr på Storgatan 1.'
        : 'Consent request sent to Eva Ek (eva.ek@fastighet.example) about 1 door at Storgatan 1.';
    expect(await said('consent_request_sent')).toEqual([
      sent('sv'),
      'Samtyckesförfrågan skickad till Eva Ek (eva.ek@fastighet.example) om 2 dörrar på Storgatan 1.',
      sent('sv'),
    ]);
    expect(await said('consent_reminder_sent')).toEqual([
      'Påminnelse 1 skickad till Eva Ek (eva.ek@fastighet.example).',
    ]);
    expect(await said('consent_withdrawn')).toEqual([
      `Samtycket återkallat för ${door}. Styrelsen vill vänta.`,
      `Samtycket återkallat för ${door}. Styrelsen vill vänta.`,
    ]);
    expect(await said('note')).toEqual(['Förvaltaren vill ha förfrågan via e-post.']);
    await log.scrollIntoViewIfNeeded();
    await log.screenshot({ path: screenshotPath('consent-contact-log-sv') });

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await log.getByRole('heading', { name: 'Contact log' }).waitFor();
    expect(await said('consent_request_sent')).toEqual([
      sent('en'),
      'Consent request sent to Eva Ek (eva.ek@fastighet.example) about 2 doors at Storgatan 1.',
      sent('en'),
    ]);
    expect(await said('consent_reminder_sent')).toEqual([
      'Reminder 1 sent to Eva Ek (eva.ek@fastighet.example).',
    ]);
    // The doors and the note as written; the rest in the reader's language.
    expect(await said('consent_withdrawn')).toEqual([
      `Consent withdrawn for ${door}. Styrelsen vill vänta.`,
      `Consent withdrawn for ${door}. Styrelsen vill vänta.`,
    ]);
    expect(await said('note')).toEqual(['Förvaltaren vill ha förfrågan via e-post.']);
    expect(await log.innerText()).not.toMatch(/Samtyck|Påminnelse|skickad|återkallat|dörr/);
    await log.screenshot({ path: screenshotPath('consent-contact-log-en') });
    await page.context().close();
  });
});
