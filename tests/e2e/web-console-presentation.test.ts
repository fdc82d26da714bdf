// How the console writes dates and who is logged in, in a real browser (Debian's Chromium via
// playwright-core) against the real server with its clock fixed at 2026-12-15 (docs/web.md
// "Dates"): calendar dates are ISO 8601 in Swedish and words in English, in sentences and cells
// alike; a table's dates stay on one line; the header and the audit trail's "Vem" name the
// person, not the username; the rollout page's figures as a table fit a 390-pixel phone.
// Screenshots go to test-artifacts/screenshots/.
import type { Locator, Page } from 'playwright-core';
import {
  ApiClient,
  buildWorld,
  createMunicipality,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-12-15T12:00:00Z');

let server: TestServer;
const users: Record<string, string> = {};

beforeAll(async () => {
  await ensureWebBuild();
  server = await startTestServer({ now: () => now });
  const pool = server.db.pool;
  const municipalityId = await createMunicipality(pool);
  users.admin = await createUser(pool, municipalityId, 'municipality_admin');
  const admin = await new ApiClient(server.url).login(users.admin, testPassword);
  await buildWorld(admin, () => now.getTime());
  users.lockManager = await createUser(pool, municipalityId, 'lock_manager');
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

async function switchToEnglish(page: Page, heading: string): Promise<void> {
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

describe('the header', () => {
  it('names the person logged in, not the username', async () => {
    const page = await openAs(users.lockManager!, '/rollout');
    const who = page.locator('.topbar .who');
    expect(await who.textContent()).toBe('Inloggad som Test lock_manager (Låsansvarig)');
    expect(await who.textContent()).not.toContain(users.lockManager!);
    await switchToEnglish(page, 'Rollout per district');
    expect(await who.textContent()).toBe('Logged in as Test lock_manager (Lock manager)');
    await saveScreenshot(page, 'header-name-en', { fullPage: false });
  });
});

describe('the audit trail', () => {
  it('names who acted in “Vem”, not the username', async () => {
    const page = await openAs(users.admin!, '/audit');
    const who = page.locator('main table tbody tr td:nth-child(2)');
    await who.first().waitFor();
    expect(await page.locator('main table thead th').nth(1).textContent()).toBe('Vem');
    const cells = await who.allTextContents();
    expect(cells).toContain('Test municipality_admin (Kommunadministratör)');
    expect(cells.join(' ')).not.toContain(users.admin!);
    await saveScreenshot(page, 'audit-actor-name-sv', { fullPage: false });
  });
});

/** The rollout chart's figures as a table, opened. */
async function openChartTable(page: Page): Promise<Locator> {
  const chart = page.locator('[data-chart="rollout"]');
  await chart.locator('summary').click();
  const table = chart.locator('.chart-table table');
  await table.waitFor();
  return table;
}

/** How many lines the element's text takes on screen. */
const linesOf = (cell: Locator) =>
  cell.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });

describe('the console’s dates', () => {
  it('writes calendar dates as ISO 8601 in Swedish and in words in English, in a sentence and a table', async () => {
    const page = await openAs(users.lockManager!, '/rollout');
    const summary = page.locator('[data-chart="rollout"] .chart-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/^Den 2026-12-15: /);
    const table = await openChartTable(page);
    expect(await table.getByRole('rowheader').last().textContent()).toBe('2026-12-15');
    await saveScreenshot(page, 'dates-rollout-sv');

    await switchToEnglish(page, 'Rollout per district');
    expect(await summary.textContent()).toMatch(/^On 15 Dec 2026: /);
    expect(await table.getByRole('rowheader').last().textContent()).toBe('15 Dec 2026');
    await saveScreenshot(page, 'dates-rollout-en');
  });

  it('breaks no day or time in a table over lines, however narrow the column', async () => {
    const page = await openAs(users.admin!, '/audit');
    const time = page.locator('main table tbody tr').first().locator('td').first();
    await time.locator('.date').first().waitFor();
    // The audit trail's first column, a date-time: "3 dec. 2026 13:03".
    expect(await time.textContent()).toMatch(/^\d{1,2} \S+ \d{4} \d{2}:\d{2}$/);
    await time.evaluate((cell) => {
      (cell as HTMLElement).style.width = '1px';
    });
    const unbroken = time.locator('.date');
    const piecesAndLines = async () =>
      Promise.all(
        (await unbroken.all()).map(async (piece) => [await piece.textContent(), await linesOf(piece)]),
      );
    expect(await piecesAndLines()).toEqual([
      [expect.stringMatching(/^\d{1,2} \S+ \d{4}$/), 1],
      [expect.stringMatching(/^\d{2}:\d{2}$/), 1],
    ]);
    await switchToEnglish(page, 'Audit trail');
    expect(await time.textContent()).toMatch(/^\d{1,2} \S+ \d{4}, \d{2}:\d{2}$/);
    expect(await piecesAndLines()).toEqual([
      [expect.stringMatching(/^\d{1,2} \S+ \d{4},$/), 1],
      [expect.stringMatching(/^\d{2}:\d{2}$/), 1],
    ]);
    await saveScreenshot(page, 'dates-audit-en');

    const rollout = await openAs(users.lockManager!, '/rollout', phone);
    const day = (await openChartTable(rollout)).getByRole('rowheader').last().locator('.date');
    expect(await day.textContent()).toBe('2026-12-15');
    expect(await linesOf(day)).toBe(1);
  });
});

describe('the rollout page on a phone', () => {
  it('fits its figures as a table in 390 pixels, in Swedish and in English', async () => {
    const page = await openAs(users.lockManager!, '/rollout', phone);
    const table = await openChartTable(page);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    // The table fits inside the chart's card: no sideways scrolling needed to reach a column.
    const tableRight = () =>
      table.evaluate(
        (element) =>
          element.getBoundingClientRect().right - element.closest('details')!.getBoundingClientRect().right,
      );
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await tableRight()).toBeLessThanOrEqual(0);
    await table.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'rollout-phone-table-sv');
    await switchToEnglish(page, 'Rollout per district');
    await table.waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await tableRight()).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'rollout-phone-table-en');
  });
});
