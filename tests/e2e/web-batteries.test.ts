// Batteries in the console (docs/batteries.md) in a real browser (Debian's Chromium via
// playwright-core) against the real server with its clock fixed a day after the world is built:
// the due list (its filters outliving a reload), a battery round previewed and created for a
// district, the lock page's predicted against actual with a battery change recorded, the lock
// list's battery filter and sort, and a property owner who sees none of it (R2.7). The locks' readings go into the event log through
// the COPY path ingest uses. Screenshots go to test-artifacts/screenshots/.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWorld, storeBatteryReadings, type TestServer, type World } from '@portvakt/server/testing';
import { readQuery, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const dayMs = 86_400_000;

let now: Date;
let server: TestServer;
let world: World;
let municipalityId: string;
let managerName: string;
let ownerName: string;
const extraLocks: Array<{ id: string; serial: string }> = [];

/** A reading every 6 hours for `days` days up to now, falling `perDay` from `level`, with noise. */
const storeReadings = (lockId: string, doorId: string, days: number, level: number, perDay: number) =>
  storeBatteryReadings(server.db.pool, {
    municipalityId,
    lockId,
    doorId,
    until: now,
    days,
    readingsPerDay: 4,
    level,
    perDay,
    report: (n, onLine) => Math.round(onLine + ((n * 7) % 5) - 2),
  });

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, municipalityId, world } = started);
  const { admin } = started;
  now = new Date(Date.now() + dayMs);
  managerName = await started.createUser('lock_manager');
  ownerName = await started.createUser('property_owner', { propertyOwnerId: world.propertyOwner.a });
  const created = async (path: string, body: Record<string, unknown>) => {
    const response = await admin.post(`/api/v1/${path}`, body);
    if (response.status !== 201) throw new Error(`${path}: ${JSON.stringify(response.body)}`);
    return response.body as { id: string; serial?: string };
  };
  await admin.patch(`/api/v1/properties/${world.property.a}`, { latitude: 59.3346, longitude: 18.0632 });
  // Three more buildings of district a around Stockholm, out of visiting order on purpose.
  const buildings: Array<[string, number, number]> = [
    ['Sveavägen 120', 59.3473, 18.0505],
    ['Götgatan 40', 59.3139, 18.0729],
    ['Odengatan 60', 59.3452, 18.0556],
  ];
  for (const [index, [street, latitude, longitude]] of buildings.entries()) {
    const property = await created('properties', {
      districtId: world.district.a,
      ownerId: world.propertyOwner.b,
      designation: `Batteri ${index + 1}-${randomUUID().slice(0, 6)}`,
      streetAddress: street,
      latitude,
      longitude,
    });
    const door = await created('doors', { propertyId: property.id, kind: 'entrance', label: 'Port 1' });
    const lock = await created('locks', {
      lockType: 'cylinder_ring',
      serial: `PV-BAT-${index + 1}-${randomUUID().slice(0, 4)}`,
      status: 'installed',
      doorId: door.id,
    });
    extraLocks.push({ id: lock.id, serial: lock.serial! });
    await storeReadings(lock.id, door.id, 50, 55 - index * 6, 0.5);
  }
  await storeReadings(world.lockDevice.a, world.door.a, 60, 60, 0.5);
  await storeReadings(world.lockDevice.apartmentA, world.door.apartmentA, 60, 75, 0.4);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

describe('batteries in the console', () => {
  it('lists the locks due and plans a battery round for a district in visiting order', async () => {
    const page = await openAs(managerName, '/batteries');
    await page.getByRole('heading', { name: 'Batterier', level: 1 }).waitFor({ timeout: 8000 });
    const due = page.locator('[data-section="battery-due"] tr[data-lock]');
    await page.getByLabel('Inom (veckor)').first().selectOption('8');
    await expect.poll(() => due.count()).toBeGreaterThanOrEqual(4);
    await saveScreenshot(page, 'batteries-due');

    const round = page.locator('[data-section="battery-round"]');
    await round.getByLabel('Område').selectOption({ index: 1 });
    await round.getByLabel('Inom (veckor)').selectOption('26');
    await round.getByRole('button', { name: 'Förhandsgranska' }).click();
    const planned = round.locator('li[data-position]');
    await expect.poll(() => planned.count()).toBe(5);
    await round.getByText('Boka tid med kunden').first().waitFor({ timeout: 8000 });
    // The path's length in Swedish, with a decimal comma.
    await round.getByText(/^Väg mellan fastigheterna: \d+,\d km \(4 fastigheter, 5 lås\)\.$/).waitFor();
    const orders = async () =>
      Number(
        (
          await server.db.pool.query<{ n: string }>(
            "SELECT count(*) AS n FROM work_order WHERE kind = 'battery'",
          )
        ).rows[0]!.n,
      );
    expect(await orders()).toBe(0);
    await saveScreenshot(page, 'batteries-round-preview');

    await round.getByRole('button', { name: 'Skapa rundan' }).click();
    await round.getByText(/Rundan är skapad: 5 arbetsordrar/).waitFor({ timeout: 8000 });
    const { rows } = await server.db.pool.query<{ position: number; street: string }>(
      `SELECT w.batch_position AS position, p.street_address AS street FROM work_order w
       JOIN door d ON d.id = w.door_id JOIN property p ON p.id = d.property_id
       WHERE w.kind = 'battery' AND w.origin = 'battery_round' ORDER BY w.batch_position`,
    );
    expect(rows.map((row) => row.position)).toEqual([1, 2, 3, 4, 5]);
    // One visit per building: the two locks of Storgatan 1 are next to each other.
    const streets = rows.map((row) => row.street);
    expect(streets.lastIndexOf('Storgatan 1') - streets.indexOf('Storgatan 1')).toBe(1);
    await saveScreenshot(page, 'batteries-round-created');
    await page.context().close();
  });

  it('keeps the due list’s weeks and district in the address, so a reload shows the same rows', async () => {
    const page = await openAs(managerName, '/batteries');
    const section = page.locator('[data-section="battery-due"]');
    const due = section.locator('tr[data-lock]');
    const weeks = section.getByLabel('Inom (veckor)');
    const district = section.getByLabel('Område');
    const noneDue = section.getByText('Inga lås behöver batteribyte inom den tiden.');
    await weeks.selectOption('8');
    await expect.poll(() => due.count()).toBeGreaterThanOrEqual(4);
    // Every lock of the world that reports is in district a.
    await district.selectOption(world.district.b);
    await noneDue.waitFor();
    expect(readQuery(page)).toEqual({ weeks: '8', district: world.district.b });
    await page.reload();
    await noneDue.waitFor();
    expect(await weeks.inputValue()).toBe('8');
    await expect.poll(() => district.inputValue()).toBe(world.district.b);
    // Back to every district, the default: left out of the address, the locks listed again.
    await district.selectOption('');
    await expect.poll(() => due.count()).toBeGreaterThanOrEqual(4);
    expect(readQuery(page)).toEqual({ weeks: '8' });
    await page.context().close();
  });

  it('shows predicted against actual on the lock page and records a battery change', async () => {
    const page = await openAs(managerName, `/locks/${world.lockDevice.a}`);
    const section = page.locator('[data-section="battery-forecast"]');
    await section.getByRole('heading', { name: 'Batteri: prognos och utfall' }).waitFor({ timeout: 8000 });
    await section.getByText(/Beräknat byte .*förbrukning 15,\d %\/mån/).waitFor({ timeout: 8000 });
    // The municipality's own view names the lock's serial number.
    expect(await page.locator('dl.facts dt', { hasText: /^Serienummer$/ }).count()).toBe(1);
    expect(await section.locator('path.forecast-line').count()).toBe(1);
    expect(await section.locator('line.forecast-threshold').count()).toBe(1);
    await saveScreenshot(page, 'lock-battery-forecast');

    // An hour before the server's clock, as the browser in Stockholm types it.
    const changedAt = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Stockholm',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(new Date(now.getTime() - 3_600_000))
      .replace(' ', 'T');
    await section.getByLabel('Bytt').fill(changedAt);
    await section.getByLabel('Nivå före').fill('21');
    await section.getByRole('button', { name: 'Registrera batteribyte' }).click();
    await section.getByText('Batteribytet är registrerat.').waitFor({ timeout: 8000 });
    // No reading since the change: the forecast starts over.
    await section
      .getByText(/Inget beräknat byte: inga batterirapporter sedan senaste byte/)
      .waitFor({ timeout: 8000 });
    expect(await section.locator('line.forecast-change').count()).toBe(1);
    expect(await section.getByRole('cell', { name: '21 %' }).count()).toBe(1);
    await saveScreenshot(page, 'lock-battery-changed');

    // A lock that never reported: the words only, and the rest of the page as before.
    await page.goto(`${server.url}/locks/${world.lockDevice.b}`);
    await page
      .locator('[data-section="battery-forecast"]')
      .getByText(/Inget beräknat byte: inga batterirapporter/)
      .waitFor({ timeout: 8000 });
    await page.getByRole('heading', { name: 'Batterihistorik' }).waitFor({ timeout: 8000 });
    await page.context().close();
  });

  it('filters the lock list by battery level, sorts by level and searches by address', async () => {
    const page = await openAs(managerName, '/locks');
    await page.getByLabel('Batteri högst (%)').fill('45');
    await page.getByRole('button', { name: 'Filtrera' }).click();
    const rows = page.locator('tr[data-lock]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    await page.getByLabel('Sortera').selectOption('batteryLevel');
    await expect
      .poll(async () => {
        const levels = await rows.locator('td.numeric .tag').allTextContents();
        const numbers = levels.map((text) => Number.parseInt(text, 10));
        return (
          numbers.length > 0 && numbers.every((level, index) => index === 0 || level >= numbers[index - 1]!)
        );
      })
      .toBe(true);
    await saveScreenshot(page, 'locks-battery-filter');
    // A lock without a forecast says so as a value of its own, not as a lowercase sentence's end.
    await page.getByRole('cell', { name: 'Okänt (inga rapporter sedan senaste byte)' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain(
      'inga batterirapporter sedan senaste byte.',
    );
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('cell', { name: 'Unknown (no reports since the last change)' }).waitFor();
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(page, 'locks-battery-filter-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Sök adress, fastighet eller serienummer').fill('götgatan');
    await page.getByRole('button', { name: 'Filtrera' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Götgatan 40');
    await page.context().close();
  });

  it('shows a property owner no battery page and no forecast (R2.7)', async () => {
    const page = await openAs(ownerName, `/locks/${world.lockDevice.a}`);
    await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 8000 });
    expect(await page.getByRole('link', { name: 'Batterier' }).count()).toBe(0);
    expect(await page.locator('[data-section="battery-forecast"]').count()).toBe(0);
    expect(await page.getByLabel('Batteri högst (%)').count()).toBe(0);
    await page.context().close();
  });

  it('shows a property owner the address of each of their locks, and only theirs (R2.7)', async () => {
    const page = await openAs(ownerName, '/locks');
    await page.getByRole('heading', { name: 'Lås', level: 1 }).waitFor({ timeout: 8000 });
    await page.getByText('Låsen på era fastigheters gemensamma dörrar', { exact: false }).waitFor();
    expect(await page.getByText('Kommunens låsenheter', { exact: false }).count()).toBe(0);
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const cells = await page.locator('tbody td').allInnerTexts();
    expect(cells).toContain('Storgatan 1');
    // The other owner's buildings of the round above are not theirs to see.
    for (const street of ['Sveavägen 120', 'Götgatan 40', 'Odengatan 60'])
      expect(cells).not.toContain(street);
    await page.context().close();
  });

  it('shows a property owner no district they may not read, rather than a district that looks missing', async () => {
    const refused: string[] = [];
    const page = await openAs(ownerName, '/');
    page.on('response', (response) => {
      if (response.status() === 403) refused.push(response.url());
    });
    await page.goto(`${server.url}/locks/${world.lockDevice.a}`);
    await page.locator('dl.facts dt', { hasText: 'Fastighet' }).first().waitFor({ timeout: 8000 });
    expect(await page.locator('dl.facts dt', { hasText: /^Område$/ }).count()).toBe(0);
    // The owner's reference is named as in their lock list and docs/api.md, never a serial number.
    expect(await page.locator('dl.facts dt', { hasText: /^Låsreferens$/ }).count()).toBe(1);
    expect(await page.locator('dl.facts dt', { hasText: /^Serienummer$/ }).count()).toBe(0);
    await saveScreenshot(page, 'lock-detail-owner-reference');
    await page.goto(`${server.url}/overview`);
    await page.getByText('Batterinivå i installerade lås').first().waitFor({ timeout: 8000 });
    expect(await page.getByText('Installerade lås per område').count()).toBe(0);
    expect(refused).toEqual([]);
    await page.context().close();
  });
});
