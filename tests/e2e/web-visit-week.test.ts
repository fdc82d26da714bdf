// The work lead's week per customer and the day timeline's work shifts in a real browser
// (Debian's Chromium via playwright-core) against the real server with its clock fixed
// (docs/visits.md "Console"): a week of visits in every state beside the planned visits, the
// week's approval refused while an exception is open, the page in English, and a staff member's
// registered shift behind their day, approved with the day. Screenshots go to
// test-artifacts/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  startTestWorld,
  testPassword,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-03-25T12:00:00Z');
let server: TestServer;
let world: World;
let leadName: string;

/** Local Stockholm time (UTC+1 in this week) on a day of the week of Monday 16 March 2026. */
const at = (day: number, clock: string) => `2026-03-${day}T${clock}:00+01:00`;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world } = started);
  const { admin } = started;
  leadName = await started.createUser('work_lead', { providerId: world.provider.a });
  const lead = await new ApiClient(server.url).login(leadName, testPassword);
  const ok = (response: { status: number; body: unknown }, status: number) => {
    if (response.status !== status) throw new Error(JSON.stringify(response.body));
    return response.body as { id: string };
  };
  const karl = world.customer.a;
  const anna = world.staffMember.a;
  // Planned: Monday to Thursday around the visits, and Saturday's that nobody came to.
  ok(
    await admin.put(
      '/api/v1/planned-visits',
      [
        [16, '07:00', '09:00', 40],
        [17, '11:30', '13:00', 30],
        [18, '08:00', '09:00', 30],
        [19, '16:30', '18:00', 30],
        [21, '09:00', '10:00', 45],
      ].map(([day, from, to, minutes]) => ({
        externalId: `TES-${day}`,
        customerId: karl,
        providerId: world.provider.a,
        services: ['meals'],
        plannedMinutes: minutes,
        windowStart: at(day as number, from as string),
        windowEnd: at(day as number, to as string),
      })),
    ),
    200,
  );
  const visit = async (day: number, arrival: string, departure: string | null) =>
    ok(
      await lead.post('/api/v1/visits', {
        customerId: karl,
        staffMemberIds: [anna],
        arrival: at(day, arrival),
        departure: departure ? at(day, departure) : null,
        services: ['meals'],
      }),
      201,
    ).id;
  await visit(16, '07:30', '08:05');
  const tuesday = await visit(17, '12:00', '12:40');
  const wednesday = await visit(18, '08:10', '08:35');
  await visit(19, '17:00', null);
  ok(
    await lead.post(`/api/v1/visits/${tuesday}/corrections`, {
      version: 1,
      reason: 'Stämplade ut för sent',
      departure: at(17, '12:30'),
    }),
    200,
  );
  ok(await lead.post(`/api/v1/visits/${wednesday}/decline`, { version: 1, reason: 'Kunden sov' }), 200);
  // Anna's Monday: a shift registered by hand, and the day approved (her visit and her shift).
  ok(
    await lead.post('/api/v1/work-shifts', {
      staffMemberId: anna,
      startsAt: at(16, '06:30'),
      endsAt: at(16, '14:00'),
    }),
    201,
  );
  ok(await lead.post('/api/v1/visits/approvals', { staffMemberId: anna, day: '2026-03-16' }), 200);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

describe('the week per customer', () => {
  it('shows the seven days’ visits by state beside the planned visits, and refuses the week’s approval while an exception is open', async () => {
    // Any day of the week names the week; the customer is picked on the page.
    const page = await openAs(leadName, '/visit-week?week=2026-03-18');
    await page.getByRole('heading', { name: 'Vecka per kund', level: 1 }).waitFor();
    await page.getByText('Välj en kund för att se veckan.').waitFor();
    await page.getByRole('combobox', { name: 'Kund' }).fill('berg');
    await page.getByRole('option', { name: /^Berg, Karl/ }).click();
    const chart = page.locator('[data-chart="week"]');
    await chart.waitFor();
    await page.getByRole('heading', { name: /^Vecka 12, 16 mars – 22 mars 2026/ }).waitFor();
    expect(await chart.locator('[data-day]').count()).toBe(7);
    expect(
      await chart
        .locator('g[data-state]')
        .evaluateAll((bars) => bars.map((b) => b.getAttribute('data-state'))),
    ).toEqual(['approved', 'corrected', 'declined', 'incomplete']);
    // The planned visits come in their own request: wait for the fifth before counting (a loaded
    // machine drew the bars first and counted none).
    await chart.locator('g.planned-window').nth(4).waitFor();
    expect(await chart.locator('g.planned-window').count()).toBe(5);
    // Saturday's planned visit has an outline and no bar: the sixth row holds nothing else.
    expect(await chart.locator('[data-planned="TES-21"]').count()).toBe(1);
    await expect
      .poll(() =>
        chart.getByText('4 besök, 65 minuter kundtid; 5 planerade besök, 175 planerade minuter').count(),
      )
      .toBe(1);
    const states = await page
      .locator('tr[data-visit]')
      .evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[5]?.textContent));
    expect(states).toEqual(['Attesterat', 'Rättat', 'Avböjt', 'Saknar avfärd']);
    expect(await page.locator('tr[data-planned-visit]').count()).toBe(5);
    await saveScreenshot(page, 'visit-week');
    await page.getByRole('button', { name: /Attestera veckan för Karl/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Attestera' }).click();
    await page.getByRole('dialog').getByText('Lös avvikelserna först').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Avbryt' }).click();
    // The next week has nothing yet; back again, and in English.
    await page.getByRole('button', { name: 'Nästa vecka →' }).click();
    await page.getByText('Inga besök eller planerade besök den här veckan.').waitFor();
    expect(new URL(page.url()).searchParams.get('week')).toBe('2026-03-23');
    await page.getByRole('button', { name: '← Föregående vecka' }).click();
    await chart.waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Week per customer', level: 1 }).waitFor();
    await page
      .getByText('4 visits, 65 minutes of customer time; 5 planned visits, 175 planned minutes')
      .waitFor();
    await page.locator('.chart-legend').getByText('Planned visit (time window)').waitFor();
    await saveScreenshot(page, 'visit-week-en');
    await page.context().close();
  });
});

describe('the day timeline’s work shifts', () => {
  it('shows the staff member’s shift behind their visits, approved with the day', async () => {
    const page = await openAs(leadName, '/visits?day=2026-03-16');
    await page.locator('[data-chart="timeline"]').waitFor();
    const band = page.locator('.timeline-svg g.shift-band');
    await band.waitFor();
    expect(await band.count()).toBe(1);
    expect(await band.getAttribute('class')).toContain('shift-approved');
    expect(await band.getAttribute('data-shift')).toBe('manual');
    const row = page.locator('tr[data-work-shift]');
    expect(await row.locator('td').allInnerTexts()).toEqual([
      expect.stringMatching(/^Anna Svensson/),
      '06:30–14:00',
      'Registrerat i efterhand',
      // The approver by name (approvedByName), not by username.
      'Attesterat av Test work_lead',
    ]);
    await page.getByText('1 besök hos 1 kund, 35 minuter kundtid · 1 arbetspass').waitFor();
    await saveScreenshot(page, 'visits-day-shift');
    await page.context().close();
  });
});
