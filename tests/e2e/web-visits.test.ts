// The visit pages of the console in a real browser (Debian's Chromium via playwright-core)
// against the real server, with the server's clock fixed (docs/visits.md): the work lead's day
// timeline and a correction, the exceptions queue and a confirmation, the municipality's
// compensation run with its PDF summary, and time given against granted. Screenshots go to
// test-artifacts/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  startTestWorld,
  testPassword,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { phone, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

let now = new Date('2026-03-20T12:00:00Z');
let server: TestServer;
let world: World;
let adminName: string;
let leadName: string;

/** Local Stockholm time on Monday 16 March 2026 (UTC+1). */
const at = (clock: string) => `2026-03-16T${clock}:00+01:00`;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, adminName, world } = started);
  const { admin } = started;
  leadName = await started.createUser('work_lead', { providerId: world.provider.a });
  const lead = await new ApiClient(server.url).login(leadName, testPassword);
  const created = async (path: string, body: Record<string, unknown>) => {
    const response = await admin.post(`/api/v1/${path}`, body);
    if (response.status !== 201) throw new Error(`${path}: ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  };
  const maj = await created('customers', {
    districtId: world.district.a,
    givenName: 'Maj',
    familyName: 'Ek',
  });
  await created('customer-services', {
    customerId: maj,
    service: 'home_care',
    providerId: world.provider.a,
    startsOn: '2026-01-01',
  });
  const bo = await created('staff', {
    providerId: world.provider.a,
    givenName: 'Bo',
    familyName: 'Lind',
    employmentStartsOn: '2026-01-01',
  });
  const anna = world.staffMember.a;
  const karl = world.customer.a;
  for (const [customerId, staff, arrival, departure, services] of [
    [karl, anna, '07:30', '08:05', ['personal_care', 'medication']],
    [maj, anna, '08:20', '09:00', ['meals']],
    [karl, anna, '12:00', '12:40', ['meals']],
    [maj, bo, '10:00', '13:30', ['cleaning', 'shopping']],
    [karl, bo, '17:00', null, ['meals']],
  ] as const) {
    const response = await lead.post('/api/v1/visits', {
      customerId,
      staffMemberIds: [staff],
      arrival: at(arrival),
      departure: departure ? at(departure) : null,
      services,
    });
    if (response.status !== 201) throw new Error(`visit: ${JSON.stringify(response.body)}`);
  }
  await admin.put('/api/v1/granted-time', [
    { customerId: karl, service: 'meals', month: '2026-03', minutes: 600 },
    { customerId: karl, service: 'personal_care', month: '2026-03', minutes: 120 },
    { customerId: karl, service: 'medication', month: '2026-03', minutes: 60 },
    { customerId: maj, service: 'meals', month: '2026-03', minutes: 300 },
    { customerId: maj, service: 'cleaning', month: '2026-03', minutes: 240 },
    { customerId: maj, service: 'shopping', month: '2026-03', minutes: 60 },
  ]);
  // Alarms: two answered by Anna's provider (an alarm patrol) 14 and 25 minutes later, at Karl's
  // door as a lock records it, and one that nobody was recorded arriving at.
  await admin.post('/api/v1/alarms', [
    { externalId: 'LARM-1', customerId: karl, raisedAt: at('02:00') },
    { externalId: 'LARM-2', customerId: karl, raisedAt: '2026-03-17T23:00:00+01:00' },
    { externalId: 'LARM-3', customerId: maj, raisedAt: '2026-03-18T04:00:00+01:00' },
  ]);
  const { rows } = await server.db.pool.query<{ pseudonym: string; municipality_id: string }>(
    'SELECT pseudonym, municipality_id FROM staff_member WHERE id = $1',
    [anna],
  );
  for (const [sequence, openedAt] of [
    [1, at('02:14')],
    [2, '2026-03-17T23:25:00+01:00'],
  ] as const)
    await server.db.pool.query(
      `INSERT INTO device_event (municipality_id, device_id, sequence, occurred_at, device_time, received_at, kind,
         result, reason, battery, staff_pseudonym, door_id, source, record, verified)
       VALUES ($1, gen_random_uuid(), $2, $3, $3, $3, 1, 0, 0, 90, $4, $5, 'sync_station', '\\x00', true)`,
      [rows[0]!.municipality_id, sequence, openedAt, rows[0]!.pseudonym, world.door.apartmentA],
    );
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

describe('visit pages in the console', () => {
  it('shows the work lead’s day as a timeline per staff member and corrects a visit as a new version', async () => {
    const page = await openAs(leadName, '/visits?day=2026-03-16');
    await page.getByRole('heading', { name: 'Besök', level: 1 }).waitFor();
    await page.locator('[data-chart="timeline"]').waitFor();
    expect(await page.locator('.timeline-svg [data-staff]').count()).toBe(2);
    expect(await page.locator('.visit-bar').count()).toBe(5);
    expect(await page.locator('tr[data-visit]').count()).toBe(5);
    await expect.poll(() => page.getByText('5 besök hos 2 kunder').count()).toBe(1);
    await saveScreenshot(page, 'visits-day');

    const open = page.locator('tr[data-visit]', { hasText: 'Saknar avfärd' });
    await open.getByRole('button', { name: 'Rätta' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Avfärd').fill('2026-03-16T17:40');
    await dialog.getByLabel('Orsak', { exact: false }).fill('Glömde stämpla ut');
    await saveScreenshot(page, 'visits-correct-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Spara rättelse' }).click();
    await expect.poll(() => page.locator('tr[data-visit]', { hasText: 'Saknar avfärd' }).count()).toBe(0);
    await expect.poll(() => page.locator('tr[data-visit]', { hasText: 'Rättat' }).count()).toBe(1);

    // Anna's day has no open exceptions: approved. Bo's has a too-long visit: refused, with why.
    await page.getByRole('button', { name: /Attestera dagen för Anna/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Attestera' }).click();
    await expect.poll(() => page.locator('tr[data-visit]', { hasText: 'Attesterat' }).count()).toBe(3);
    await page.getByRole('button', { name: 'Attestera dagen för Bo Lind' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Attestera' }).click();
    await page.getByRole('dialog').getByText('Lös avvikelserna först').waitFor();
    await saveScreenshot(page, 'visits-approve-refused', { fullPage: false });
    await page.getByRole('dialog').getByRole('button', { name: 'Avbryt' }).click();
    await page.context().close();
  });

  it('lists the exceptions queue and confirms the too-long visit with a reason', async () => {
    const page = await openAs(leadName, '/visit-exceptions?from=2026-03-16&to=2026-03-16');
    await page.getByRole('heading', { name: 'Avvikelser', level: 1 }).waitFor();
    const tooLong = page.locator('tr[data-exception="too_long"]');
    await tooLong.waitFor();
    expect(await tooLong.getByText('Håller inne').count()).toBe(1);
    await saveScreenshot(page, 'visit-exceptions');
    await tooLong.getByRole('button', { name: 'Bekräfta' }).click();
    await page.getByRole('dialog').getByLabel('Orsak', { exact: false }).fill('Storstädning enligt plan');
    await page.getByRole('dialog').getByRole('button', { name: 'Bekräfta' }).click();
    await expect.poll(() => page.locator('tr[data-exception="too_long"]').count()).toBe(0);
    await page.context().close();
  });

  it('runs the month for the municipality and shows the provider’s lines and given against granted', async () => {
    now = new Date('2026-04-10T12:00:00Z');
    try {
      const page = await openAs(adminName, '/compensation?month=2026-03');
      await page.getByRole('heading', { name: 'Ersättning', level: 1 }).waitFor();
      await page.getByText('Ingen körning för månaden ännu.').waitFor();
      await page.getByRole('button', { name: 'Kör ersättning för månaden' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Kör ersättning för månaden' }).click();
      const row = page.locator('tr[data-run]').first();
      await row.waitFor();
      expect(await page.locator('tr[data-run]').count()).toBe(2);
      const providerRow = page.locator('tr[data-run]', { hasText: /Hemtjänst A/ });
      await providerRow.getByRole('button', { name: 'Visa rader' }).click();
      await page.locator('[data-section="run-lines"] tbody tr').first().waitFor();
      expect(await page.locator('[data-section="run-lines"] tbody tr').count()).toBeGreaterThan(3);
      await saveScreenshot(page, 'compensation-run');
      // The provider's PDF summary downloads with the session's cookie and is a PDF.
      const pdfLink = providerRow.getByRole('link', { name: 'Ladda ned PDF' });
      const pdf = await page.request.get(`${server.url}${await pdfLink.getAttribute('href')}`);
      expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await page.getByRole('link', { name: 'Utförd mot beviljad tid för månaden' }).click();
      await page.getByRole('heading', { name: 'Utförd mot beviljad tid', level: 1 }).waitFor();
      await page.context().close();
    } finally {
      now = new Date('2026-03-20T12:00:00Z');
    }
  });

  it('reports time given against granted per customer and service, largest shortfall first, sortable, as a chart', async () => {
    now = new Date('2026-04-10T12:00:00Z');
    try {
      const page = await openAs(leadName, '/given-versus-granted?month=2026-03');
      await page.getByRole('heading', { name: 'Utförd mot beviljad tid', level: 1 }).waitFor();
      const rows = page.locator('table.data-table tbody tr');
      await rows.first().waitFor();
      // From the run above: Karl's meals 80 of 600 minutes (two 40-minute visits), Maj's meals
      // 40 of 300, Maj's cleaning and shopping 105 each (a 210-minute visit shared by its two
      // services) of 240 and 60, Karl's personal care and medication 18 and 17 of 120 and 60 (a
      // 35-minute visit: in whole minutes that add up to it, the first service recorded first).
      const cells = async (index: number) => rows.nth(index).locator('td').allInnerTexts();
      expect(await rows.count()).toBe(6);
      expect(await cells(0)).toEqual([
        expect.stringMatching(/^Karl /),
        'Måltider',
        '600',
        '80',
        expect.stringMatching(/^[−-]520$/),
        '13 %',
      ]);
      expect((await cells(1)).slice(0, 5)).toEqual([
        'Maj Ek',
        'Måltider',
        '300',
        '40',
        expect.stringMatching(/^[−-]260$/),
      ]);
      expect((await cells(5)).slice(1, 6)).toEqual(['Inköp', '60', '105', '+45', '175 %']);
      const chart = page.locator('[data-chart="Utförd mot beviljad tid"]');
      expect(await chart.locator('[data-bar]').count()).toBe(6);
      await page
        .getByText(/2 kunder med beslut: 365 av 1\s380 beviljade minuter utförda \(26\s%\)/)
        .waitFor();
      await saveScreenshot(page, 'given-versus-granted');
      // Sorted by share given, largest first: Maj's shopping leads, and the address keeps the order.
      await page.getByRole('button', { name: /Sortera efter Andel utförd/ }).click();
      await page.getByRole('button', { name: /Sortera efter Andel utförd/ }).click();
      await expect.poll(async () => (await cells(0))[1]).toBe('Inköp');
      expect(page.url()).toContain('sort=-givenPercent');
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Time given against granted', level: 1 }).waitFor();
      await saveScreenshot(page, 'given-versus-granted-en');
      await page.context().close();
    } finally {
      now = new Date('2026-03-20T12:00:00Z');
    }
  });

  it('shows the alarm response times per district and provider, and the unanswered alarm', async () => {
    now = new Date('2026-04-10T12:00:00Z');
    try {
      const page = await openAs(adminName, '/alarms?month=2026-03');
      await page.getByRole('heading', { name: 'Larm', level: 1 }).waitFor();
      const group = page.locator('tr[data-alarm-group]');
      await group.waitFor();
      expect(await group.locator('td').allInnerTexts()).toEqual([
        expect.any(String),
        expect.stringMatching(/^Hemtjänst A/),
        '2',
        '14',
        '25',
      ]);
      await page.locator('[data-section="unanswered"]').getByText('Maj Ek').waitFor();
      await saveScreenshot(page, 'alarm-response-times');
      await page.context().close();
    } finally {
      now = new Date('2026-03-20T12:00:00Z');
    }
  });

  it('keeps the day timeline readable on a phone: drawn at its own width, scrolling sideways in its region', async () => {
    const page = await openAs(leadName, '/visits?day=2026-03-16', phone);
    const timeline = page.locator('[data-chart="timeline"]');
    const hour = timeline.locator('.timeline-hour text').first();
    await hour.waitFor();
    // 12 px in the drawing; squeezed into the phone's width it was under 5 px.
    expect((await hour.boundingBox())!.height).toBeGreaterThanOrEqual(9);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'visits-timeline-phone', { fullPage: false });
    await page.context().close();
  });

  it('voids a visit registered by mistake from the day view: kept in the table, counted nowhere', async () => {
    const lead = await new ApiClient(server.url).login(leadName, testPassword);
    const mistaken = await lead.post('/api/v1/visits', {
      customerId: world.customer.a,
      staffMemberIds: [world.staffMember.a],
      arrival: '2026-03-19T10:00:00+01:00',
      departure: '2026-03-19T10:20:00+01:00',
      services: ['meals'],
    });
    expect(mistaken.status).toBe(201);
    const page = await openAs(leadName, '/visits?day=2026-03-19');
    const row = page.locator(`tr[data-visit="${mistaken.body.id}"]`);
    await row.waitFor();
    await expect.poll(() => page.getByText('1 besök hos 1 kund, 20 minuter').count()).toBe(1);
    const dialog = page.getByRole('dialog');
    // Both dialogs name the visit, as the correction's does.
    await row.getByRole('button', { name: 'Avböjt' }).click();
    await dialog.getByRole('heading', { name: 'Karl Berg avböjde besöket 19 mars 2026 10:00' }).waitFor();
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await row.getByRole('button', { name: 'Makulera' }).click();
    await dialog
      .getByRole('heading', { name: 'Makulera besöket hos Karl Berg 19 mars 2026 10:00' })
      .waitFor();
    await dialog.getByLabel('Orsak', { exact: false }).fill('Registrerat på fel dag');
    await saveScreenshot(page, 'visits-void-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Makulera besöket' }).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('voided');
    expect(await row.getByText('Makulerat').count()).toBe(1);
    expect(await row.getByRole('button', { name: 'Makulera' }).count()).toBe(0);
    await expect.poll(() => page.getByText('0 besök hos 0 kunder, 0 minuter').count()).toBe(1);
    expect(await page.locator('.timeline-svg .visit-voided').count()).toBe(1);
    await saveScreenshot(page, 'visits-day-voided');
    const trail = await lead.get(`/api/v1/visits/${mistaken.body.id}`);
    expect(
      trail.body.versions.map((v: { state: string; reason: string | null }) => [v.state, v.reason]),
    ).toEqual([
      ['registered', null],
      ['voided', 'Registrerat på fel dag'],
    ]);
    await page.context().close();
  });

  it('moves a visit to the spouse who shares the door, from the correction dialog', async () => {
    const admin = await new ApiClient(server.url).login(adminName, testPassword);
    const lead = await new ApiClient(server.url).login(leadName, testPassword);
    // Greta lives with Karl, behind his apartment door (docs/visits.md "A shared home").
    const greta = await admin.post('/api/v1/customers', {
      districtId: world.district.a,
      givenName: 'Greta',
      familyName: 'Berg',
      residencePropertyId: world.property.a,
      apartmentDoorId: world.door.apartmentA,
    });
    const served = await admin.post('/api/v1/customer-services', {
      customerId: greta.body.id,
      service: 'home_care',
      providerId: world.provider.a,
      startsOn: '2026-01-01',
    });
    const visit = await lead.post('/api/v1/visits', {
      customerId: world.customer.a,
      staffMemberIds: [world.staffMember.a],
      arrival: '2026-03-20T10:00:00+01:00',
      departure: '2026-03-20T10:25:00+01:00',
      services: ['meals'],
    });
    expect([greta.status, served.status, visit.status]).toEqual([201, 201, 201]);
    const page = await openAs(leadName, '/visits?day=2026-03-20');
    const row = page.locator(`tr[data-visit="${visit.body.id}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: 'Rätta' }).click();
    const dialog = page.getByRole('dialog');
    const customer = dialog.getByLabel('Kund');
    await customer.waitFor();
    expect(await customer.locator('option').allTextContents()).toEqual(['Karl Berg', 'Greta Berg']);
    await customer.selectOption({ label: 'Greta Berg' });
    await dialog.getByLabel('Orsak', { exact: false }).fill('Besöket gällde Greta');
    await saveScreenshot(page, 'visits-correct-move-to-spouse', { fullPage: false });
    await dialog.getByRole('button', { name: 'Spara rättelse' }).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('corrected');
    // The customer's cell (the row's dialogs name her too).
    expect(await row.locator('td').nth(1).textContent()).toContain('Greta Berg');
    const detail = await lead.get(`/api/v1/visits/${visit.body.id}`);
    expect(detail.body.visit).toMatchObject({ customerId: greta.body.id, services: ['meals'], minutes: 25 });

    // The history says who moved it, why and from whom (when is the recording's time, the database's
    // clock as in the audit trail, so not the test's fixed one); the first version all it said.
    await row.getByRole('button', { name: 'Historik' }).click();
    const history = page.getByRole('dialog', { name: /Historik för besöket hos Greta Berg/ });
    const moved = history.locator('[data-version="2"]');
    await moved.waitFor();
    expect(
      await history
        .locator('[data-version]')
        .evaluateAll((items) => items.map((item) => item.dataset.version)),
    ).toEqual(['2', '1']);
    expect(await moved.getByRole('heading').textContent()).toMatch(/^Version 2: .+, Test work_lead$/);
    expect(await moved.textContent()).toContain('Orsak: Besöket gällde Greta');
    expect(
      await moved.locator('[data-field]').evaluateAll((facts) => facts.map((fact) => fact.textContent)),
    ).toEqual(['Kundfrån Karl Berg till Greta Berg', 'Statusfrån Registrerat till Rättat']);
    const first = history.locator('[data-version="1"]');
    expect(
      await first.locator('[data-field]').evaluateAll((facts) => facts.map((fact) => fact.textContent)),
    ).toEqual([
      'KundKarl Berg',
      'Ankomst20 mars 2026 10:00',
      'Avfärd20 mars 2026 10:25',
      expect.stringMatching(/^PersonalAnna Svensson/),
      'InsatserMåltider',
      'StatusRegistrerat',
    ]);
    expect(await first.textContent()).toContain(
      'Ankomst: angiven av en person. Avfärd: angiven av en person.',
    );
    await saveScreenshot(page, 'visits-history', { fullPage: false });
    await history.getByRole('button', { name: 'Stäng' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await row.getByRole('button', { name: 'History' }).click();
    const inEnglish = page.getByRole('dialog', { name: /History of the visit to Greta Berg/ });
    await inEnglish.locator('[data-version="2"] [data-field="customerId"]').waitFor();
    expect(await inEnglish.locator('[data-version="2"] [data-field="customerId"]').textContent()).toBe(
      'Customerfrom Karl Berg to Greta Berg',
    );
    await saveScreenshot(page, 'visits-history-en', { fullPage: false });
    await inEnglish.getByRole('button', { name: 'Close' }).click();
    await page.context().close();
  });
});
