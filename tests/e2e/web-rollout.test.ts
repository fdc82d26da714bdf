// The rollout dashboard and the R2.6 warnings in a real browser (Debian's Chromium via
// playwright-core) against the real server with its clock fixed at 2026-12-15 (docs/rollout.md):
// the table per district with totals, the chart, the CSV download, a chosen day outliving a
// reload, the warnings list, and the warning on the customer page and on a night-patrol team's
// page. Screenshots go to test-artifacts/screenshots/.
import { readFileSync } from 'node:fs';
import { startTestWorld, type TestServer, type World } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQuery, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-12-15T12:00:00Z');

let server: TestServer;
let world: World;
const users: Record<string, string> = {};

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world, adminName: users.admin } = started);
  const { admin, municipalityId } = started;
  const pool = server.db.pool;
  users.lockManager = await started.createUser('lock_manager');
  users.leadB = await started.createUser('work_lead', { providerId: world.provider.b });
  for (const lock of [world.lockDevice.a, world.lockDevice.b, world.lockDevice.apartmentA])
    await admin.patch(`/api/v1/locks/${lock}`, { installedAt: '2026-03-04T08:00:00Z' });
  await admin.patch(`/api/v1/doors/${world.door.b}`, {
    openingMethod: 'door_code',
    openingHours: [{ from: '07:00', to: '21:00', days: [1, 2, 3, 4, 5] }],
  });
  await admin.patch(`/api/v1/doors/${world.door.a}`, {
    openingMethod: 'door_code',
    openingHours: [{ from: '06:00', to: '22:00' }],
  });
  await admin.patch(`/api/v1/districts/${world.district.a}`, {
    name: 'Kungsholmen',
    rolloutStartQuarter: '2026-Q2',
  });
  await admin.patch(`/api/v1/districts/${world.district.b}`, {
    name: 'Södermalm',
    rolloutStartQuarter: '2027-Q1',
  });
  await pool.query(
    `INSERT INTO provider_introduction (municipality_id, customer_id, provider_id, introduced_on, recorded_by)
     VALUES ($1, $2, $3, '2026-06-01', 'test')`,
    [municipalityId, world.customer.a, world.provider.a],
  );
  await pool.query(
    `INSERT INTO entrance_consent (door_id, municipality_id, status, answered_at)
     VALUES ($1, $2, 'consented', '2026-02-01T10:00:00Z'), ($3, $2, 'reminded', null)`,
    [world.door.a, municipalityId, world.door.b],
  );
  // The world's services may have proposed this install already (docs/work-orders.md "Triggers").
  await pool.query(
    `INSERT INTO work_order (municipality_id, reference, kind, state, door_id, origin, created_by)
     VALUES ($1, 'AO-E2E-1', 'install', 'planned', $2, 'manual', 'test')
     ON CONFLICT (municipality_id, door_id, kind) WHERE state IN ('requested', 'planned', 'in_progress') DO NOTHING`,
    [municipalityId, world.door.apartmentB],
  );
  // Keys count from the day they were registered (docs/rollout.md): the world's from a fixed day.
  await pool.query(`UPDATE digital_key SET created_at = '2026-02-01T08:00:00Z' WHERE municipality_id = $1`, [
    municipalityId,
  ]);
  await pool.query(
    `INSERT INTO team_customer (municipality_id, team_id, customer_id, valid_from, granted_by)
     VALUES ($1, $2, $3, '2026-02-01T00:00:00Z', 'test')`,
    [municipalityId, world.team.b, world.customer.b],
  );
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url, {
  viewport: { width: 1400, height: 1000 },
  acceptDownloads: true,
});

describe('rollout dashboard', () => {
  it('shows the table per district with totals, the chart, the R2.6 list, and downloads the CSV', async () => {
    const page = await openAs(users.lockManager!, '/rollout');
    await page.getByRole('heading', { name: 'Utrullning per distrikt', level: 1 }).waitFor();
    const table = page.locator('[data-section="rollout-table"] table');
    await table.waitFor();
    const kungsholmen = table.getByRole('row', { name: /Kungsholmen/ });
    // The start quarter as a Swedish reader writes it; the CSV keeps the stored 2026-Q2.
    expect(await kungsholmen.getByRole('cell').first().textContent()).toBe('kvartal 2 2026');
    // District a: its entrance and apartment locks in use since June, its customer fully keyless.
    // Start quarter; properties with entrances, asked, consented; entrance locks planned, mounted,
    // in use; apartment locks the same; customers served, keyless, behind a closed entrance; staff.
    expect((await kungsholmen.getByRole('cell').allTextContents()).join(' ')).toBe(
      'kvartal 2 2026 1 1 1 0 1 1 0 1 1 1 1 0 1',
    );
    expect(
      await table
        .getByRole('row', { name: /Totalt/ })
        .getByRole('cell')
        .nth(12)
        .textContent(),
    ).toBe('1');
    const warnings = page.locator('[data-section="night-access"]');
    expect(await warnings.getByRole('link', { name: 'Greta Lund' }).count()).toBe(1);
    expect(await warnings.getByText('mån–tors 21:00–07:00, fre 21:00 – mån 07:00').count()).toBe(1);
    expect(await page.locator('[data-chart="rollout"] svg path').count()).toBe(3);
    expect(await page.getByRole('link', { name: 'Utrullning' }).count()).toBe(1);
    await saveScreenshot(page, 'rollout-dashboard');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Ladda ned CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('utrullning-2026-12-15.csv');
    const bytes = readFileSync(await file.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain(';Kungsholmen;2026-Q2;1;1;1;0;1;1;0;1;1;1;1;0;1\r\n');

    // An earlier day: before the provider was introduced nothing was in use yet.
    await page.getByLabel('Per dag').fill('2026-05-31');
    await expect.poll(() => kungsholmen.getByRole('cell').nth(6).textContent()).toBe('0');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Rollout per district', level: 1 }).waitFor();
    await saveScreenshot(page, 'rollout-dashboard-en');
  });

  it('keeps the chosen day in the address, so a reload shows that day’s table and CSV', async () => {
    const page = await openAs(users.lockManager!, '/rollout');
    const kungsholmen = page
      .locator('[data-section="rollout-table"] table')
      .getByRole('row', { name: /Kungsholmen/ });
    // The entrance locks in use: one today, none before the provider was introduced.
    const inUse = () => kungsholmen.getByRole('cell').nth(6).textContent();
    await expect.poll(inUse).toBe('1');
    expect(readQuery(page)).toEqual({});
    await page.getByLabel('Per dag').fill('2026-05-31');
    await expect.poll(inUse).toBe('0');
    expect(readQuery(page)).toEqual({ asOf: '2026-05-31' });
    await page.reload();
    await expect.poll(inUse).toBe('0');
    expect(await page.getByLabel('Per dag').inputValue()).toBe('2026-05-31');
    expect(await page.getByRole('link', { name: 'Ladda ned CSV' }).getAttribute('href')).toBe(
      '/api/v1/rollout.csv?asOf=2026-05-31',
    );
    await page.context().close();
  });

  it('fits the table per district in a 1400 px wide window, in Swedish and in English', async () => {
    const page = await openAs(users.lockManager!, '/rollout');
    const region = page.locator('[data-section="rollout-table"] .table-scroll');
    await region.locator('table').waitFor();
    // Longer district names than the world's, as a real municipality has them.
    await page.evaluate(() => {
      for (const cell of document.querySelectorAll('.rollout-table tbody th')) {
        if (cell.textContent !== 'Totalt') cell.textContent = 'Norrviken–Ekbacken';
      }
    });
    const overflow = () => region.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Rollout per district', level: 1 }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'rollout-dashboard-1400-en');
  });

  it('warns on the customer page and on the night-patrol team’s page (R2.6)', async () => {
    const page = await openAs(users.admin!, `/customers/${world.customer.b}`);
    const notice = page.locator('[data-section="night-access"]');
    await notice.getByRole('heading', { name: 'Porten går inte att öppna när insatsen kommer' }).waitFor();
    expect(await notice.textContent()).toContain('öppnas med portkod mån–fre 07:00–21:00');
    await saveScreenshot(page, 'rollout-customer-warning');
    // Customer a's entrance has a lock in use: no warning.
    await page.goto(`${server.url}/customers/${world.customer.a}`);
    await page.getByRole('heading', { name: 'Karl Berg', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Utförare och insatser' }).waitFor();
    expect(await page.locator('[data-section="night-access"]').count()).toBe(0);

    const lead = await openAs(users.leadB!, `/teams/${world.team.b}`);
    const section = lead.locator('[data-section="night-access"]');
    await section.getByRole('link', { name: 'Greta Lund' }).waitFor();
    await saveScreenshot(lead, 'rollout-team-warning');
  });
});
