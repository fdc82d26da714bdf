// The visit pages' periods in a real browser (Debian's Chromium via playwright-core) against the
// real server, both clocks fixed at Friday 20 March 2026, 13:00 in Stockholm (docs/visits.md
// "Approval", "Console"): today's day and this week cannot be approved before they are over, so
// the console offers no approval for them, with the reason; an exceptions period longer than the
// server reads is said beside the period's fields, with the limit, and the fields stay usable; a
// month in a dialog's title is written in words. Screenshots go to test-artifacts/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  startTestWorld,
  testPassword,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import type { Page } from 'playwright-core';
import { logIn, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-03-20T12:00:00Z');
let server: TestServer;
let world: World;
let adminName: string;
let leadName: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world, adminName } = started);
  leadName = await started.createUser('work_lead', { providerId: world.provider.a });
  const lead = await new ApiClient(server.url).login(leadName, testPassword);
  // Today's morning visit, long over at 13:00, and one on Monday of this week.
  for (const [arrival, departure] of [
    ['2026-03-20T09:21:00+01:00', '2026-03-20T09:52:00+01:00'],
    ['2026-03-16T08:00:00+01:00', '2026-03-16T08:30:00+01:00'],
  ] as const) {
    const response = await lead.post('/api/v1/visits', {
      customerId: world.customer.a,
      staffMemberIds: [world.staffMember.a],
      arrival,
      departure,
      services: ['meals'],
    });
    if (response.status !== 201) throw new Error(`visit: ${JSON.stringify(response.body)}`);
  }
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const browser = useBrowser(() => server.url);

/** A page whose clock is the server's, logged in as `username` at `path`. */
async function openAtNow(username: string, path: string): Promise<Page> {
  const page = await browser.openPage();
  await page.clock.setFixedTime(now);
  await logIn(page, `${server.url}${path}`, username);
  return page;
}

describe('periods on the visit pages', () => {
  it('offers no approval of today or this week before they are over, and says why', async () => {
    const page = await openAtNow(leadName, '/visits?day=2026-03-20');
    await page.locator('[data-chart="timeline"]').waitFor();
    const approveToday = page.getByRole('button', { name: /^Attestera dagen för Anna/ });
    await approveToday.waitFor();
    expect(await approveToday.isDisabled()).toBe(true);
    const hint = 'Dagen är inte slut än. Den kan attesteras från midnatt.';
    expect(await approveToday.getAttribute('aria-describedby')).toBe(
      await page.getByText(hint).getAttribute('id'),
    );
    await saveScreenshot(page, 'visits-approve-not-over', { fullPage: false });
    // Monday is over: its approval is offered.
    await page.goto(`${server.url}/visits?day=2026-03-16`);
    const approveMonday = page.getByRole('button', { name: /^Attestera dagen för Anna/ });
    await expect.poll(() => approveMonday.isEnabled()).toBe(true);
    expect(await page.getByText(hint).count()).toBe(0);

    await page.goto(`${server.url}/visit-week?customer=${world.customer.a}&week=2026-03-18`);
    await page.locator('[data-chart="week"]').waitFor();
    const approveWeek = page.getByRole('button', { name: /^Attestera veckan för Karl/ });
    expect(await approveWeek.isDisabled()).toBe(true);
    await page.getByText('Veckan är inte slut än. Den kan attesteras från midnatt efter söndagen.').waitFor();
    await page.context().close();
  });

  it('says an exceptions period too long beside its fields, with the limit, and the fields stay usable', async () => {
    const page = await openAtNow(leadName, '/visit-exceptions?from=2026-11-01&to=2026-12-31');
    await page.getByRole('heading', { name: 'Avvikelser', level: 1 }).waitFor();
    const problem = page.getByRole('alert');
    await problem.waitFor();
    expect(await problem.innerText()).toBe(
      'Perioden får inte sluta före den börjar och får vara högst 33 dagar.',
    );
    expect(await page.getByText('Något gick fel').count()).toBe(0);
    await saveScreenshot(page, 'visit-exceptions-bad-period', { fullPage: false });
    await page.getByLabel('Till och med').fill('2026-11-30');
    await page.getByText('Inga olösta avvikelser under perioden.').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.context().close();
  });

  it('titles the month’s compensation run with the month in words', async () => {
    const page = await openAtNow(adminName, '/compensation?month=2026-02');
    await page.getByRole('heading', { name: 'Ersättning', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Kör ersättning för månaden' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await page.getByRole('dialog').getByRole('heading').innerText()).toBe(
      'Kör ersättningen för februari 2026',
    );
    await page.getByRole('dialog').getByRole('button', { name: 'Avbryt' }).click();
    await page.context().close();
  });
});
