// The staff phone app's words and lists against what the phone and the server actually do
// (docs/phone-app.md): every time in the municipality's zone on a phone set to another, a
// check-in made before its planned window shown on that window's card, a refusal the app has no
// special words for (the phone's clock off) read as a sentence instead of a blank page, and one
// notion of being connected: the header says so while the server is out of reach, and the day's
// list is fetched again once it is back. The real server on real PostgreSQL, simulated locks over
// the loopback and Chromium (390×844), on one fixed instant: Monday 2 March 2026, 08:00 in Stockholm.
import { ManualWorldClock } from '@portvakt/devices';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { phone, saveScreenshot, useBrowser } from './browser.testing';
import { takeBoPhoneIntoUse, usePhoneAppWorld } from './phone-app.testing';
import type { VisitDayWorld } from './visit-day.world';

const world = new ManualWorldClock(Date.parse('2026-03-02T08:00:00+01:00') / 1000);
const phoneWorld = usePhoneAppWorld(world);
let w: VisitDayWorld;
beforeAll(() => ({ w } = phoneWorld));

const { openPage } = useBrowser(() => w.server.url, phone);

/** The care system's planned visits of the day (`withNils`: also a lunch visit at Nils's). */
async function importPlannedVisits({ withNils = false } = {}): Promise<void> {
  const planned = (externalId: string, customerId: string, windowStart: string, windowEnd: string) => ({
    externalId,
    customerId,
    providerId: w.providerA,
    services: ['personal_care'],
    plannedMinutes: 30,
    windowStart,
    windowEnd,
  });
  const imported = await w.admin.put('/api/v1/planned-visits', [
    // Karl's window starts ten minutes from now.
    planned('CN-KARL', w.customers.karl, '2026-03-02T08:10:00+01:00', '2026-03-02T08:40:00+01:00'),
    ...(withNils
      ? [planned('CN-NILS', w.customers.nils, '2026-03-02T11:30:00+01:00', '2026-03-02T12:30:00+01:00')]
      : []),
  ]);
  expect(imported.status).toBe(200);
}

describe('the phone app’s times, refusals and connection', () => {
  let page: Page;
  const pageErrors: string[] = [];

  it('shows every time in the municipality’s zone on a phone set to UTC', async () => {
    page = await openPage({ timezoneId: 'UTC' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.clock.setFixedTime(new Date(world.now() * 1000));
    await page.goto(`${w.server.url}/app/?lock-link=loopback`);
    await takeBoPhoneIntoUse(page, phoneWorld);
    await page.getByRole('heading', { name: 'Dörrar du kan öppna' }).waitFor();
    // Logged in at 08:00 Stockholm time (07:00 UTC) for a twelve-hour shift.
    await expect
      .poll(() => page.getByText(/^Passet gäller till/).textContent())
      .toBe('Passet gäller till 20:00');
    await expect
      .poll(() => page.getByText(/^Behörigheten gäller utan nät till/).textContent())
      .toMatch(/^Behörigheten gäller utan nät till 20:00\./);
  }, 60_000);

  it('shows a check-in made before its planned window on that window’s card, with Checka ut', async () => {
    await importPlannedVisits();
    await page.reload();
    const karl = page.locator('li[data-planned-visit]').first();
    await karl.getByText('08:10–08:40').waitFor();
    // "Uppdaterad" in the same zone as the windows and the shift.
    await page.getByText('Uppdaterad 08:00', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Checka in hos Karl Kund 08:10–08:40' }).click();
    await karl.getByText(/^Incheckad \d\d:\d\d\.$/).waitFor();
    await expect.poll(() => karl.getAttribute('data-state')).toBe('open');
    await karl.locator('.phone-planned-badge', { hasText: 'Incheckad 08:00' }).waitFor();
    await page.getByRole('button', { name: 'Checka ut hos Karl Kund 08:10–08:40' }).waitFor();
    await saveScreenshot(page, 'phone-app-early-check-in', { fullPage: false });
  });

  it('says it has no connection while the server is out of reach, and fetches the day’s list again once it is back', async () => {
    const badge = page.locator('.phone-header [role="status"]');
    await expect.poll(() => badge.textContent()).toBe('Ansluten');
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    try {
      // The browser still has a network; only the server cannot be reached. An opening's upload fails.
      await page.getByRole('button', { name: 'Öppna Lgh 1101, Västergatan 4' }).click();
      await page.getByText('Öppnad: Lgh 1101, Västergatan 4.').waitFor();
      await page.locator('[data-waiting]:not([data-waiting="0"])').waitFor();
      await expect.poll(() => badge.textContent()).toBe('Ingen anslutning');
      await page.getByText('Uppdaterad 08:00. Ingen kontakt med servern', { exact: false }).waitFor();
      await saveScreenshot(page, 'phone-app-server-away', { fullPage: false });
      // The care system adds a visit meanwhile.
      await importPlannedVisits({ withNils: true });
    } finally {
      await page.unroute('**/api/**');
    }
    // The server is back, and "Skicka nu" gets through.
    await page.getByRole('button', { name: 'Skicka nu' }).click();
    await page.locator('[data-waiting="0"]').waitFor();
    await expect.poll(() => badge.textContent()).toBe('Ansluten');
    // The list is fetched again without a reload: Nils's visit is there, and it is current.
    await expect.poll(() => page.locator('li[data-planned-visit]').count()).toBe(2);
    await expect.poll(() => page.locator('[data-fetched-at]').textContent()).toBe('Uppdaterad 08:00');
    expect(pageErrors).toEqual([]);
  });

  it('says in words that the phone’s clock is wrong when the server refuses its time, and stays on screen', async () => {
    // Ten minutes ahead: the server refuses the signed check (stale-challenge).
    await page.clock.setFixedTime(new Date((world.now() + 600) * 1000));
    const visits = page.getByRole('region', { name: 'Besök', exact: true });
    await page.getByLabel('Kundens kod').fill(w.customers.karl);
    await visits.getByRole('button', { name: 'Checka ut', exact: true }).click();
    await expect
      .poll(() =>
        visits
          .getByRole('status')
          .textContent({ timeout: 1_000 })
          .catch(() => `no status; page errors: ${pageErrors.join('; ')}`),
      )
      .toBe('Telefonens klocka stämmer inte med serverns. Ställ in rätt tid på telefonen och försök igen.');
    expect(pageErrors).toEqual([]);
    await page.getByRole('heading', { name: 'Dagens besök' }).waitFor();
    await page.context().close();
  });
});
