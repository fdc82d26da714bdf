// The compensation run refused for rates that leave a day without one, in a real browser (Debian's
// Chromium via playwright-core) against the real server, both clocks fixed at 10 December 2026
// (docs/visits.md "Settings"): the run's dialog says what is wrong in Swedish and names the band
// and the day, so the billing officer knows which rate to put right. Screenshots go to
// test-artifacts/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWorld, type TestServer } from '@portvakt/server/testing';
import { logIn, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-12-10T10:00:00Z');
let server: TestServer;
let adminName: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, adminName } = started);
  // Rates stored before the table was checked: no day rate from 11 to 14 November.
  const rates = [
    { band: 'day', perHour: 450, validFrom: '2026-01-01', validTo: '2026-11-10' },
    { band: 'day', perHour: 460, validFrom: '2026-11-15', validTo: null },
    ...['evening', 'night', 'weekend'].map((band) => ({
      band,
      perHour: 520,
      validFrom: '2026-01-01',
      validTo: null,
    })),
  ];
  await server.db.superuser.query(
    `UPDATE municipality SET settings = settings || jsonb_build_object('compensationRates', $2::jsonb) WHERE id = $1`,
    [started.municipalityId, JSON.stringify(rates)],
  );
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const browser = useBrowser(() => server.url);

describe('a run the rates cannot price', () => {
  it('says why in the run’s dialog, naming the band and the day', async () => {
    const page = await browser.openPage();
    await page.clock.setFixedTime(now);
    await logIn(page, `${server.url}/compensation?month=2026-11`, adminName);
    await page.getByRole('heading', { name: 'Ersättning', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Kör ersättning för månaden' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Kör ersättning för månaden' }).click();
    await dialog.getByText('Ett tidsband saknar timpris för en dag.', { exact: false }).waitFor();
    expect(await dialog.locator('[data-notice="unpriced-day"]').innerText()).toBe(
      'Tidsband Dag, datum 2026-11-11.',
    );
    await saveScreenshot(page, 'compensation-run-unpriced-day', { fullPage: false });
    expect(await page.getByText('Ingen körning för månaden ännu.').count()).toBe(1);
    await page.context().close();
  });
});
