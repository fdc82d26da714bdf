// Emergency opening in a real browser (Debian's Chromium via playwright-core) against the real
// server with its clock fixed at night and a real SMTP receiver (docs/support.md "Emergency
// opening"): a staff member reports "Kommer inte in", support assigns the contracted locksmith
// from the board (the on-call contacts shown), the board's clocks tick every second and turn
// amber near the deadline and red past it, the mailed link opens the phone arrival page that
// names only the address and doors and works once, and the SLA report shows the table, the chart
// and the breach (its period kept in the address, the menu naming no fixed minutes); the
// emergency's steps read on its case's timeline in Swedish and in English, the same for rows
// written as Swedish sentences before migration 0045; a link mailed to nobody is a warning on the
// case's timeline, in Swedish and in English. Screenshots go to test-artifacts/screenshots/.
import {
  ApiClient,
  startMailReceiver,
  startTestWorld,
  testPassword,
  type MailReceiver,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { workOrderReferencePattern } from '@portvakt/core';
import { appendSupportCaseNote } from '@portvakt/storage';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, readQuery, saveScreenshot, screenshotPath, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const minute = 60_000;
// Saturday 6 February 2027, 03:00 in Stockholm.
const night = new Date('2027-02-06T02:00:00Z');
let clock = night;
let server: TestServer;
let mail: MailReceiver;
let world: World;
let admin: ApiClient;
let staffName: string;
let supportName: string;
let adminName: string;
let arrivalUrl: string;
let municipalityId: string;

async function reportAndAssign(customerId: string, doorId: string, assignedAgo: number): Promise<void> {
  const support = await new ApiClient(server.url).login(supportName, testPassword);
  clock = new Date(night.getTime() - assignedAgo * minute);
  const made = await support.post('/api/v1/emergency-openings', { customerId, doorId });
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  const assigned = await support.post(`/api/v1/emergency-openings/${made.body.id}/assign`, {
    locksmithCompanyId: world.locksmithCompany.a,
    version: 1,
  });
  if (assigned.status !== 200) throw new Error(JSON.stringify(assigned.body));
  clock = night;
}

beforeAll(async () => {
  await ensureWebBuild();
  mail = await startMailReceiver();
  const started = await startTestWorld({
    now: () => clock,
    mailer: mail.mailer,
    municipalityName: 'Portviks kommun',
  });
  ({ server, municipalityId, adminName, admin, world } = started);
  staffName = await started.createUser('staff', {
    providerId: world.provider.a,
    staffMemberId: world.staffMember.a,
  });
  supportName = await started.createUser('support');
  await admin.patch(`/api/v1/locksmith-companies/${world.locksmithCompany.a}`, {
    isEmergencyContracted: true,
  });
  const contacts = `/api/v1/locksmith-companies/${world.locksmithCompany.a}/on-call-contacts`;
  await admin.post(contacts, {
    name: 'Alva Jour',
    phone: '070-111 11 11',
    email: 'alva@akutlas.example',
    callOrder: 1,
  });
  await admin.post(contacts, { name: 'Bo Jour', phone: '070-222 22 22', callOrder: 2 });
  // Two emergencies already running: one with ten minutes left, one overdue.
  await reportAndAssign(world.customer.a, world.door.a, 50);
  await reportAndAssign(world.customer.b, world.door.b, 70);
}, 180_000);

afterAll(async () => {
  await server?.close();
  await mail?.close();
});

const { openAs, openPage } = useBrowser(() => server.url);

const timerText = async (card: ReturnType<Page['locator']>) =>
  (await card.getByRole('timer').locator('.emergency-clock-time').textContent()) ?? '';

describe('emergency board and arrival page', () => {
  it('lets a staff member report that they cannot get in', async () => {
    const page = await openAs(staffName, '/emergency');
    await page.getByRole('heading', { name: 'Nödöppning', level: 1 }).waitFor();
    const form = page.locator('[data-section="emergency-report"]');
    await form.getByLabel('Kund', { exact: true }).selectOption(world.customer.a);
    expect(await form.getByLabel('Kund', { exact: true }).locator('option:checked').textContent()).toMatch(
      /^Karl Berg/,
    );
    await form.getByLabel('Dörr', { exact: true }).selectOption(world.door.apartmentA);
    await form.getByLabel('Vad händer? (frivilligt)').fill('Låset svarar inte');
    await form.getByRole('button', { name: 'Anmäl nödöppning' }).click();
    await page.getByText(/Anmält: SUP-2027-[0-9A-Z]{6}/).waitFor();
    await saveScreenshot(page, 'emergency-report-staff');
    // Staff see their provider's emergencies but get no support buttons.
    await expect(page.getByRole('button', { name: 'Tilldela låssmed' }).count()).resolves.toBe(0);
  });

  it('lets support assign the contracted locksmith while the clocks tick', async () => {
    const page = await openAs(supportName, '/emergency');
    page.setDefaultTimeout(8000);
    const cards = page.locator('[data-emergency]');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(3);
    const near = page.locator('.emergency-card-near');
    const overdue = page.locator('.emergency-card-overdue');
    await near.waitFor();
    await overdue.waitFor();
    expect(await near.getByRole('timer').getAttribute('data-tone')).toBe('near');
    expect(await overdue.getByText('Försenad').count()).toBeGreaterThan(0);
    const before = await timerText(near);
    expect(before).toMatch(/^(09|10):\d\d$/);
    await page.waitForTimeout(2100);
    expect(await timerText(near)).not.toBe(before);
    expect(await timerText(overdue)).toMatch(/^\+1[01]:\d\d$/);

    const fresh = page.locator('[data-emergency]').filter({ hasText: 'Lgh 1001' });
    await fresh.getByRole('button', { name: 'Tilldela låssmed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tilldela låssmed' });
    const company = (await admin.get(`/api/v1/locksmith-companies/${world.locksmithCompany.a}`)).body.name;
    // Sent without a company, the dialog stays open and says what is missing, in plain Swedish.
    await dialog.getByRole('button', { name: 'Tilldela låssmed' }).click();
    expect((await dialog.getByRole('alert').textContent())?.trim()).toBe('Välj företag');
    await dialog.getByLabel('Låssmedsföretag').selectOption({ label: company });
    await dialog.getByText('Alva Jour').waitFor();
    await dialog.getByText('Bo Jour').waitFor();
    await saveScreenshot(page, 'emergency-assign-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Tilldela låssmed' }).click();
    const shown = page.locator('[data-section="arrival-link"]');
    await shown.waitFor();
    arrivalUrl = ((await shown.locator('code').textContent()) ?? '').trim();
    expect(arrivalUrl).toMatch(/\/emergency-arrival\/[A-Za-z0-9_-]{43}$/);
    await shown.getByText('Mejlad till: alva@akutlas.example').waitFor();
    const assignedCard = page.locator('[data-emergency]').filter({ hasText: 'Lgh 1001' });
    await assignedCard.getByRole('timer').waitFor();
    const first = await timerText(assignedCard);
    expect(first).toMatch(/^(60:00|59:\d\d)$/);
    await page.waitForTimeout(1100);
    expect(await timerText(assignedCard)).not.toBe(first);
    await saveScreenshot(page, 'emergency-board');
  });

  it('shows the locksmith only the address and doors on a phone, and takes the arrival once', async () => {
    const message = await mail.waitForMessage(3);
    expect(message.text).toContain(arrivalUrl);
    clock = new Date(night.getTime() + 25 * minute);
    const page = await openPage(phone);
    await page.goto(arrivalUrl);
    await page.getByRole('heading', { name: 'Nödöppning', level: 1 }).waitFor();
    await page.getByText('Lgh 1001').waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    for (const secret of ['Karl', 'Berg', 'Låset svarar inte', 'SUP-']) expect(text).not.toContain(secret);
    await saveScreenshot(page, 'emergency-arrival-phone');
    await page.getByRole('button', { name: 'Jag är på plats' }).click();
    await page.getByText(/Tack! Ankomsten registrerad/).waitFor();
    await saveScreenshot(page, 'emergency-arrival-confirmed');
    await page.reload();
    await page.locator('[data-code="arrival_link_used"]').waitFor();
    expect(await page.getByRole('button', { name: 'Jag är på plats' }).count()).toBe(0);
  });

  it('lets support record the door opened, close with a cause and open a work order', async () => {
    clock = new Date(night.getTime() + 28 * minute);
    const page = await openAs(supportName, '/emergency');
    page.setDefaultTimeout(8000);
    const card = page.locator('[data-list="open"] [data-emergency]').filter({ hasText: 'Lgh 1001' });
    await card.getByRole('button', { name: 'Dörren öppnad' }).click();
    // Each step is a fact of its own, named by what happened (not "Dörr" and "Låssmed" twice).
    await card
      .locator('div', { has: page.locator('dt', { hasText: /^Dörren öppnad$/ }) })
      .locator('dd', { hasText: /^6 feb\. 2027 \d\d:\d\d$/ })
      .waitFor();
    await card.getByRole('button', { name: 'Avsluta' }).click();
    const dialog = page.getByRole('dialog', { name: 'Avsluta nödöppning' });
    await dialog.getByLabel('Orsak').selectOption('battery');
    await dialog.getByLabel('Anteckning (frivilligt)').fill('Batteriet var slut.');
    await dialog.getByRole('button', { name: 'Avsluta' }).click();
    const closed = page.locator('[data-list="closed"] [data-emergency]').filter({ hasText: 'Lgh 1001' });
    await closed.getByText(/orsak: Batteriet/).waitFor();
    expect(await closed.getByRole('timer').count()).toBe(0);
    // The closing's fact is named by a noun, not the button's verb; nobody waits for the deadline now.
    const facts = await closed.locator('dt').allTextContents();
    expect(facts).toContain('Avslut');
    expect(facts).not.toContain('Avsluta');
    expect(await closed.locator('dd', { hasText: 'Batteriet' }).innerText()).toMatch(
      /^6 feb\. 2027 \d\d:\d\d, orsak: Batteriet$/,
    );
    expect(await closed.innerText()).not.toContain('På plats senast');
    expect(facts.filter((fact) => fact === 'Dörr' || fact === 'Låssmed')).toEqual(['Dörr', 'Låssmed']);
    await closed.getByRole('button', { name: 'Skapa arbetsorder' }).click();
    await closed.getByText(workOrderReferencePattern).waitFor();
    expect(await closed.getByRole('button', { name: 'Skapa arbetsorder' }).count()).toBe(0);
    await saveScreenshot(page, 'emergency-closed-follow-up');
  });

  it("reads the emergency's steps on its case's timeline in Swedish and in English, old sentences alike", async () => {
    clock = new Date(night.getTime() + 29 * minute);
    const board = await openAs(supportName, '/emergency');
    const closed = board.locator('[data-list="closed"] [data-emergency]').filter({ hasText: 'Lgh 1001' });
    await closed.getByRole('button', { name: 'Skapa supportärende' }).click();
    await closed.getByText(/^SUP-2027-[0-9A-Z]{6}$/).waitFor();
    const support = await new ApiClient(server.url).login(supportName, testPassword);
    const emergency = (await support.get('/api/v1/emergency-openings?state=closed')).body.items.find(
      (item: { doorId: string }) => item.doorId === world.door.apartmentA,
    );
    const company: string = emergency.locksmithCompanyName;
    const order: string = emergency.followUpWorkOrderReference;
    const followCase: string = emergency.followUpCaseReference;
    // The same steps as the server wrote them before migration 0045: Swedish sentences, on record,
    // support's with its account (as the server wrote them), so named on the timeline alike.
    const last = (await support.get(`/api/v1/support-cases/${emergency.supportCaseId}`)).body.timeline.at(-1);
    const supportLabel: string = last.author;
    const supportWho: string = last.authorName;
    expect(supportWho).toBe('Test support');
    const supportUserId: string = (await support.get('/api/v1/auth/me')).body.id;
    for (const old of [
      { kind: 'note', body: 'Låssmeden på plats', author: `Låssmed (${company}) via ankomstlänk` },
      { kind: 'note', body: 'Dörren öppnad', author: supportLabel },
      {
        kind: 'note',
        body: 'Nödöppningen avslutad, orsak: battery. Batteriet var slut.',
        author: supportLabel,
      },
      { kind: 'link', body: `Uppföljning: arbetsorder ${order} (battery)`, author: supportLabel },
      { kind: 'link', body: `Uppföljning: supportärende ${followCase}`, author: supportLabel },
    ] as const)
      await appendSupportCaseNote(
        server.db.pool,
        {
          municipalityId,
          supportCaseId: emergency.supportCaseId,
          authorUserId: old.author === supportLabel ? supportUserId : null,
          ...old,
        },
        clock,
      );

    const page = await openAs(supportName, `/support/${emergency.supportCaseId}`);
    const timeline = page.locator('[data-section="timeline"]');
    /** Who and what each entry of `kind` says, new and old alike. */
    const said = async (kind: string) => {
      const rows = timeline.locator(`tr[data-kind="${kind}"]`);
      await expect.poll(() => rows.count()).toBeGreaterThan(1);
      return Promise.all(
        (await rows.all()).map(async (row) => (await row.locator('td').allInnerTexts()).slice(1).join(' | ')),
      );
    };
    const expectSaid = async (texts: Record<string, string[]>) => {
      for (const [kind, expected] of Object.entries(texts)) expect(await said(kind)).toEqual(expected);
    };
    const twice = (text: string) => [text, text];
    await expectSaid({
      locksmith_on_site: twice(`Låssmed (${company}) via ankomstlänk | Låssmeden på plats`),
      door_opened: twice(`${supportWho} | Dörren öppnad`),
      emergency_closed: twice(`${supportWho} | Nödöppningen avslutad, orsak: Batteriet. Batteriet var slut.`),
      follow_up_opened: [
        `${supportWho} | Uppföljning: arbetsorder ${order} (Batteribyte)`,
        `${supportWho} | Uppföljning: supportärende ${followCase}`,
        `${supportWho} | Uppföljning: arbetsorder ${order} (Batteribyte)`,
        `${supportWho} | Uppföljning: supportärende ${followCase}`,
      ],
    });
    expect(await timeline.innerText()).not.toContain(supportLabel);
    await timeline.screenshot({ path: screenshotPath('support-case-emergency-timeline-sv') });

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await timeline.getByText('Door opened', { exact: true }).first().waitFor();
    await expectSaid({
      locksmith_on_site: twice(`Locksmith (${company}) via arrival link | The locksmith is on site`),
      door_opened: twice(`${supportWho} | Door opened`),
      // The cause in the reader's language; the note as the person wrote it.
      emergency_closed: twice(
        `${supportWho} | Emergency opening closed, cause: Battery. Batteriet var slut.`,
      ),
      follow_up_opened: [
        `${supportWho} | Follow-up: work order ${order} (Battery change)`,
        `${supportWho} | Follow-up: support case ${followCase}`,
        `${supportWho} | Follow-up: work order ${order} (Battery change)`,
        `${supportWho} | Follow-up: support case ${followCase}`,
      ],
    });
    expect(await timeline.innerText()).not.toMatch(
      /Låssmed|ankomstlänk|Dörren|Nödöppningen|Uppföljning|Tilldelat/,
    );
    await timeline.screenshot({ path: screenshotPath('support-case-emergency-timeline-en') });
  });

  it('shows the municipality the SLA per month and locksmith with the breaches and a chart', async () => {
    // Assigned and closed 0.2 seconds later (staff got in with the backup key, the locksmith was
    // cancelled): long past its deadline when the report is read, but no breach and not waiting.
    clock = new Date(night.getTime() + 30 * minute);
    const support = await new ApiClient(server.url).login(supportName, testPassword);
    const cancelled = await support.post('/api/v1/emergency-openings', {
      customerId: world.customer.b,
      doorId: world.door.apartmentB,
    });
    const assigned = await support.post(`/api/v1/emergency-openings/${cancelled.body.id}/assign`, {
      locksmithCompanyId: world.locksmithCompany.a,
      version: 1,
    });
    clock = new Date(clock.getTime() + 200);
    const closed = await support.post(`/api/v1/emergency-openings/${cancelled.body.id}/close`, {
      version: assigned.body.emergency.version,
      cause: 'other',
      note: 'Personalen kom in med reservnyckeln, låssmeden avbokad.',
    });
    expect(closed.status).toBe(200);
    clock = new Date(night.getTime() + 120 * minute);
    const page = await openAs(adminName, '/emergency-sla?from=2027-02-01&to=2027-02-28');
    await page.getByRole('heading', { name: 'Nödöppning: låssmed på plats inom tiden', level: 1 }).waitFor();
    const row = page.locator('[data-section="sla-table"] tr[data-month="2027-02"]');
    await row.waitFor();
    const headers = await page.locator('[data-section="sla-table"] thead th').allTextContents();
    expect(headers[6]).toBe('Avslutat innan låssmeden kom');
    // Four assigned: one on site in time (25 minutes), two past their deadline still waiting, and
    // the cancelled one apart, outside the share.
    expect(await row.locator('td').allTextContents()).toEqual([
      '2027-02',
      expect.any(String),
      '4',
      '1',
      '2',
      '0',
      '1',
      '33 %',
      '25',
      '25',
    ]);
    await page.locator('[data-section="sla-breaches"] tr[data-breach]').first().waitFor();
    expect(await page.locator('[data-section="sla-breaches"] tr[data-breach]').count()).toBe(2);
    expect(await page.locator(`tr[data-breach="${cancelled.body.reference}"]`).count()).toBe(0);
    await page.locator('figure.chart').waitFor();
    await saveScreenshot(page, 'emergency-sla');
  });

  it('writes the SLA period shown into the address, so a reload keeps it; the menu names no fixed minutes', async () => {
    const page = await openAs(adminName, '/emergency-sla');
    await page.getByRole('heading', { name: 'Nödöppning: låssmed på plats inom tiden', level: 1 }).waitFor();
    const february = page.locator('[data-section="sla-table"] tr[data-month="2027-02"]');
    const from = page.getByLabel('Från', { exact: true });
    // Not a month's end, so never the default period's last day whatever today is.
    await from.fill('2027-02-01');
    await page.getByLabel('Till', { exact: true }).fill('2027-02-27');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await february.waitFor();
    expect(readQuery(page)).toEqual({ from: '2027-02-01', to: '2027-02-27' });
    await page.reload();
    await february.waitFor();
    expect(await from.inputValue()).toBe('2027-02-01');
    // The deadline is the municipality's setting (60 minutes unless changed): the menu says none.
    const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
    expect(await menu.getByRole('link', { name: 'Nödöppningar i tid', exact: true }).count()).toBe(1);
    expect(await menu.innerText()).not.toMatch(/\d+ min/);
    await page.getByRole('button', { name: 'English' }).click();
    const menuEn = page.getByRole('navigation', { name: 'Main menu' });
    await menuEn.getByRole('link', { name: 'Emergency openings on time', exact: true }).waitFor();
    expect(await menuEn.innerText()).not.toMatch(/\d+ min/);
    await page.context().close();
  });
  it('warns support, in either language, that an arrival link mailed to nobody went nowhere', async () => {
    // A contracted company whose one on-call contact has no e-mail address.
    const companyB = world.locksmithCompany.b;
    await admin.patch(`/api/v1/locksmith-companies/${companyB}`, { isEmergencyContracted: true });
    await admin.post(`/api/v1/locksmith-companies/${companyB}/on-call-contacts`, {
      name: 'Cilla Jour',
      phone: '070-333 33 33',
      callOrder: 1,
    });
    const support = await new ApiClient(server.url).login(supportName, testPassword);
    const made = await support.post('/api/v1/emergency-openings', {
      customerId: world.customer.a,
      doorId: world.door.apartmentA,
    });
    expect(made.status).toBe(201);
    // A case assigned before migration 0044 kept the Swedish sentence on its timeline.
    await server.db.pool.query(
      `INSERT INTO support_case_note (municipality_id, support_case_id, kind, body, author, at)
       SELECT municipality_id, id, 'note', 'Ankomstlänk mejlad till ingen', 'Sara Support', $2
       FROM support_case WHERE id = $1`,
      [made.body.supportCaseId, clock],
    );

    const page = await openAs(supportName, '/emergency');
    const card = page.locator(`[data-emergency="${made.body.reference}"]`);
    await card.getByRole('button', { name: 'Tilldela låssmed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tilldela låssmed' });
    const company = (await admin.get(`/api/v1/locksmith-companies/${companyB}`)).body.name;
    await dialog.getByLabel('Låssmedsföretag').selectOption({ label: company });
    await dialog.getByRole('button', { name: 'Tilldela låssmed' }).click();
    const shown = page.locator('[data-section="arrival-link"]');
    await shown.getByText('Länken mejlades inte till någon', { exact: false }).waitFor();
    await shown.screenshot({ path: screenshotPath('emergency-link-mailed-to-nobody') });

    await page.goto(`${server.url}/support/${made.body.supportCaseId}`);
    const timeline = page.locator('[data-section="timeline"]');
    const warnings = timeline.locator('tr[data-kind="arrival_link_mailed"] [data-warning]');
    await expect.poll(() => warnings.count()).toBe(2);
    expect(await warnings.last().innerText()).toBe(
      'Varning Ankomstlänken mejlades inte till någon: företaget har ingen jourkontakt med e-postadress. Läs upp länken för låssmeden.',
    );
    expect(await warnings.first().innerText()).toBe(await warnings.last().innerText());
    await saveScreenshot(page, 'support-case-link-mailed-to-nobody-sv');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await timeline.getByText('Warning', { exact: true }).first().waitFor();
    expect(await warnings.last().innerText()).toBe(
      'Warning The arrival link was not mailed to anyone: the company has no on-call contact with an e-mail address. Read the link out to the locksmith.',
    );
    expect(await timeline.getByText('Ankomstlänk', { exact: false }).count()).toBe(0);
    await saveScreenshot(page, 'support-case-link-mailed-to-nobody-en');
  });
});
