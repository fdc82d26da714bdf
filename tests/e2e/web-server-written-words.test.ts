// What the server records as facts, put into words by the console in Swedish and in English, in
// a real browser (Debian's Chromium via playwright-core) against the real server with its clock
// fixed (docs/support.md "Support cases", docs/consents.md "Contact log"): the titles of the cases
// it opens (a backup key taken from a cabinet, an emergency opening, an emergency's follow-up) on
// the support list and a case's page, the emergency a work order follows up, the locksmith on an
// emergency's arrival link, the consent link's answerer, a relative's invitation and the consent
// reminder and retention jobs in the audit trail, the booking a battery round's apartment door
// needs, the reasons in an order's history (what made it, the customer's refusal that cancelled
// it; docs/work-orders.md "History") and the reminder job in an owner's contact log. Screenshots
// go to test-artifacts/screenshots/.
import {
  ApiClient,
  linksOfRole,
  makeServerWrittenFacts,
  startMailReceiver,
  startTestWorld,
  testPassword,
  type MailReceiver,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { retentionJobLabel } from '@portvakt/contract';
import { appendAudit, insertOwnerContactLog, insertWorkOrders } from '@portvakt/storage';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

// Saturday 6 February 2027, 03:00 in Stockholm.
const night = new Date('2027-02-06T02:00:00Z');
let clock = night;
let server: TestServer;
let world: World;
let municipalityId: string;
let adminName: string;
let supportName: string;
let companyName: string;
let inviterName: string;
let mail: MailReceiver;
const cabinetName = 'Nyckelskåp Storgatan';
const made = {} as Record<
  'takeCase' | 'emergencyCase' | 'followUpCase' | 'workOrder' | 'batteryOrder' | 'refusedOrder',
  string
>;

beforeAll(async () => {
  await ensureWebBuild();
  mail = await startMailReceiver();
  const started = await startTestWorld({
    now: () => clock,
    municipalityName: 'Portviks kommun',
    mailer: mail.mailer,
  });
  ({ server, world, municipalityId, adminName } = started);
  const { admin } = started;
  supportName = await started.createUser('support');
  const support = await new ApiClient(server.url).login(supportName, testPassword);
  const staff = await started.login('staff', linksOfRole(world, 'staff'));
  const facts = await makeServerWrittenFacts({
    server,
    municipalityId,
    world,
    admin,
    support,
    staff,
    cabinetName,
    night,
    arrivalMinutes: 30,
    setClock: (at) => (clock = at),
  });
  companyName = facts.companyName;
  Object.assign(made, facts);

  // What the consent reminder job records under its label (send-consent-reminders.ts).
  await appendAudit(server.db.pool, {
    municipalityId,
    actorLabel: 'system:consent-reminders',
    action: 'update',
    entity: 'consent_request',
    entityId: null,
  });
  await insertOwnerContactLog(server.db.pool, municipalityId, {
    propertyOwnerId: world.propertyOwner.a,
    kind: 'email',
    at: clock,
    madeBy: 'system:consent-reminders',
    outcome: 'Påminnelsen gick ut.',
    consentRequestId: null,
    recordedBy: 'system:consent-reminders',
    recordedAt: clock,
  });
  // Those who act through a link (consents/consent-link.ts, relatives/relative-link.ts), one of
  // them under the old English sentence, and the retention job's label.
  await appendAudit(server.db.pool, {
    municipalityId,
    actorLabel: 'Eva Ek, Förvaltare',
    action: 'answer',
    entity: 'consent_request',
    entityId: null,
    after: { ownerName: 'Brf Eken' },
  });
  await appendAudit(server.db.pool, {
    municipalityId,
    actorUserId: null,
    actorLabel: 'Olle Ström, Fastighetschef (consent link of Brf Eken)',
    action: 'answer',
    entity: 'consent_request',
    entityId: null,
  });
  await appendAudit(server.db.pool, {
    municipalityId,
    actorLabel: retentionJobLabel,
    action: 'update',
    entity: 'municipality',
    entityId: municipalityId,
  });
  const lead = await started.login('work_lead', linksOfRole(world, 'work_lead'));
  const invited = await lead.post(`/api/v1/customers/${world.customer.a}/relative-invitations`, {
    relativeName: 'Lena Berg',
    email: 'lena@example.se',
  });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  inviterName = invited.body.invitation.invitedBy;
  const invitation = `/api/v1/relative-links/${invited.body.link.split('/').at(-1)}/account`;
  const account = { username: 'lena.berg', password: 'a long relative password' };
  expect((await new ApiClient(server.url).post(invitation, account)).status).toBe(201);
  // A battery round's order on an apartment door (batteries/plan-battery-round.ts writes no note).
  const [batteryOrder] = await insertWorkOrders(
    server.db.pool,
    municipalityId,
    [{ kind: 'battery', doorId: world.door.apartmentB, origin: 'battery_round', batchPosition: 1 }],
    adminName,
    clock,
  );
  made.batteryOrder = batteryOrder!.id;
  // A granted service makes an install order on the customer's own door; their refusal cancels it
  // (work-orders/lock-triggers.ts, record-lock-consent.ts).
  const granted = await admin.post('/api/v1/customer-services', {
    customerId: world.customer.b,
    service: 'safety_alarm',
    providerId: world.provider.b,
    startsOn: '2027-02-01',
    endsOn: null,
  });
  expect(granted.status, JSON.stringify(granted.body)).toBe(201);
  const noPath = await admin.put(`/api/v1/customers/${world.customer.b}/access-path`, { doorIds: [] });
  expect(noPath.status, JSON.stringify(noPath.body)).toBe(200);
  const refused = await admin.post(`/api/v1/customers/${world.customer.b}/lock-consents`, {
    decision: 'refused',
    decidedOn: '2027-02-05',
    givenHow: 'phone',
  });
  expect([refused.status, refused.body.cancelledOrders?.length], JSON.stringify(refused.body)).toEqual([
    201, 1,
  ]);
  made.refusedOrder = refused.body.cancelledOrders[0].id;
}, 180_000);
afterAll(async () => {
  await server?.close();
  await mail?.close();
});

const { openAs } = useBrowser(() => server.url);

const toEnglish = async (page: Page) => page.getByRole('button', { name: 'Switch to English' }).click();

describe('what the server records, in the reader’s language', () => {
  it('titles the cases the server opened in Swedish and in English', async () => {
    const support = await new ApiClient(server.url).login(supportName, testPassword);
    const reference = async (id: string) => (await support.get(`/api/v1/support-cases/${id}`)).body.reference;
    const emergencyReference = await reference(made.emergencyCase);
    const references = {
      takeCase: await reference(made.takeCase),
      emergencyCase: emergencyReference,
      followUpCase: await reference(made.followUpCase),
    };
    const page = await openAs(supportName, '/support');
    const list = page.locator('table');
    /** The title cell of each case, by its reference. */
    const titles = async () => {
      const said: Record<string, string> = {};
      for (const [name, ref] of Object.entries(references)) {
        const row = list.getByRole('row').filter({ has: page.getByRole('cell', { name: ref, exact: true }) });
        await row.waitFor();
        said[name] = (await row.getByRole('cell').nth(1).innerText()).trim();
      }
      return said;
    };
    expect(await titles()).toEqual({
      takeCase: `Reservnyckel tagen ur ${cabinetName}, fack 2`,
      emergencyCase: 'Kommer inte in Nödöppning',
      followUpCase: `Uppföljning av nödöppning ${emergencyReference}`,
    });
    await page.screenshot({ path: screenshotPath('support-server-titles-sv'), fullPage: true });
    await toEnglish(page);
    await list.getByText(`Backup key taken from ${cabinetName}, slot 2`).waitFor();
    expect(await titles()).toEqual({
      takeCase: `Backup key taken from ${cabinetName}, slot 2`,
      emergencyCase: 'Cannot get in Emergency opening',
      followUpCase: `Follow-up of emergency opening ${emergencyReference}`,
    });
    expect(await list.innerText()).not.toMatch(/Reservnyckel|Uppföljning|Nödöppning/);
    await page.screenshot({ path: screenshotPath('support-server-titles-en'), fullPage: true });
    await page.context().close();

    const casePage = await openAs(supportName, `/support/${made.followUpCase}`);
    await casePage
      .getByRole('heading', {
        name: `${references.followUpCase}: Uppföljning av nödöppning ${emergencyReference}`,
      })
      .waitFor();
    await toEnglish(casePage);
    await casePage
      .getByRole('heading', {
        name: `${references.followUpCase}: Follow-up of emergency opening ${emergencyReference}`,
      })
      .waitFor();
    await casePage.context().close();
  });

  it('says which emergency a work order follows up, the note as written', async () => {
    const support = await new ApiClient(server.url).login(supportName, testPassword);
    const emergencyReference = (await support.get(`/api/v1/support-cases/${made.emergencyCase}`)).body
      .reference;
    const page = await openAs(adminName, `/work-orders/${made.workOrder}`);
    const facts = page.locator('section.card').first();
    await facts.getByText('Uppföljning av', { exact: true }).waitFor();
    await facts.getByText(`Nödöppning ${emergencyReference}`, { exact: true }).waitFor();
    expect(await page.getByLabel('Anteckningar').inputValue()).toBe('Ring på hos grannen.');
    await toEnglish(page);
    await facts.getByText('Follow-up of', { exact: true }).waitFor();
    await facts.getByText(`Emergency opening ${emergencyReference}`, { exact: true }).waitFor();
    expect(await facts.innerText()).not.toMatch(/Uppföljning|Nödöppning/);
    await page.context().close();
  });

  it('names those who act through a link and the jobs in the audit trail', async () => {
    const page = await openAs(adminName, '/audit');
    /** Who acted, per entry, as the trail's own rows say it (not the changes within them). */
    const actors = (caption: string) =>
      page
        .getByRole('table', { name: caption })
        .locator(':scope > tbody > tr > td:nth-child(2)')
        .allInnerTexts();
    await expect.poll(() => actors('Granskningslogg')).toContain(`Låssmed (${companyName}) via ankomstlänk`);
    const swedish = await actors('Granskningslogg');
    expect(swedish).toContain('Påminnelsejobbet (samtycken)');
    expect(swedish).toContain('Gallringsjobbet (loggar)');
    expect(swedish).toContain('Eva Ek, Förvaltare via samtyckeslänk från Brf Eken');
    expect(swedish).toContain('Olle Ström, Fastighetschef via samtyckeslänk från Brf Eken');
    expect(swedish).toContain(`Lena Berg via anhöriginbjudan från ${inviterName} (Anhörig)`);
    await page.screenshot({ path: screenshotPath('audit-link-actors-sv'), fullPage: true });
    await toEnglish(page);
    await expect.poll(() => actors('Audit trail')).toContain(`Locksmith (${companyName}) via arrival link`);
    const english = await actors('Audit trail');
    expect(english).toContain('The reminder job (consents)');
    expect(english).toContain('The retention job (logs)');
    expect(english).toContain('Eva Ek, Förvaltare via the consent link of Brf Eken');
    expect(english).toContain('Olle Ström, Fastighetschef via the consent link of Brf Eken');
    expect(english).toContain(`Lena Berg via a relative invitation from ${inviterName} (Relative)`);
    expect(english.join('\n')).not.toMatch(
      /Låssmed|ankomstlänk|Påminnelsejobbet|Gallringsjobbet|samtyckeslänk|anhöriginbjudan|system:|\(consent link of|\(relative invitation by/,
    );
    await page.screenshot({ path: screenshotPath('audit-link-actors-en'), fullPage: true });
    await page.context().close();
  });

  it('says that a battery round’s apartment door needs a booking, the notes left empty', async () => {
    const page = await openAs(adminName, `/work-orders/${made.batteryOrder}`);
    const facts = page.locator('section.card').first();
    await facts.getByText('Bokning', { exact: true }).waitFor();
    await facts.getByText('Lägenhetsdörr: boka tid med kunden före besöket', { exact: true }).waitFor();
    expect(await page.getByLabel('Anteckningar').inputValue()).toBe('');
    await page.screenshot({ path: screenshotPath('work-order-battery-booking-sv'), fullPage: true });
    await toEnglish(page);
    await facts.getByText('Booking', { exact: true }).waitFor();
    await facts
      .getByText('Apartment door: book a time with the customer before the visit', { exact: true })
      .waitFor();
    expect(await facts.innerText()).not.toMatch(/Lägenhetsdörr|boka tid/);
    await page.screenshot({ path: screenshotPath('work-order-battery-booking-en'), fullPage: true });
    await page.context().close();
  });

  it('says in an order’s history what made it and why it was cancelled, never a code', async () => {
    /** The history's reason column, oldest step first. */
    const reasons = (page: Page, caption: string) =>
      page
        .getByRole('table', { name: caption })
        .locator(':scope > tbody > tr > td:nth-child(5)')
        .allInnerTexts();
    const battery = await openAs(adminName, `/work-orders/${made.batteryOrder}`);
    await expect.poll(() => reasons(battery, 'Statusbyten för ordern')).toEqual(['Batterirunda']);
    await toEnglish(battery);
    await expect.poll(() => reasons(battery, 'State changes of the order')).toEqual(['Battery round']);
    await battery.context().close();

    const page = await openAs(adminName, `/work-orders/${made.refusedOrder}`);
    await expect
      .poll(() => reasons(page, 'Statusbyten för ordern'))
      .toEqual(['En insats beviljades', 'Kunden tackade nej till lås 2027-02-05 (R6.2).']);
    expect(await page.locator('main').innerText()).not.toMatch(
      /service_granted|customer_refused_lock|The customer refused/,
    );
    await page.screenshot({ path: screenshotPath('work-order-history-reasons-sv'), fullPage: true });
    await toEnglish(page);
    await expect
      .poll(() => reasons(page, 'State changes of the order'))
      .toEqual(['A service was granted', 'The customer refused a lock on 5 Feb 2027 (R6.2).']);
    expect(await page.locator('main').innerText()).not.toMatch(
      /service_granted|battery_round|customer_refused_lock/,
    );
    await page.screenshot({ path: screenshotPath('work-order-history-reasons-en'), fullPage: true });
    await page.context().close();
  });

  it("names the reminder job in an owner's contact log", async () => {
    const page = await openAs(adminName, `/property-owners/${world.propertyOwner.a}`);
    const log = page.locator('section[data-section="contact-log"]');
    const row = log.locator('tr[data-outcome="note"]').filter({ hasText: 'Påminnelsen gick ut.' });
    await row.getByText('Påminnelsejobbet (samtycken)', { exact: true }).waitFor();
    await toEnglish(page);
    await log.getByRole('heading', { name: 'Contact log' }).waitFor();
    await row.getByText('The reminder job (consents)', { exact: true }).waitFor();
    expect(await log.innerText()).not.toMatch(/system:consent-reminders/);
    await page.context().close();
  });
});
