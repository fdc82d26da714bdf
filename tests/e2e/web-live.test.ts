// "Idag live" in a real browser (Debian's Chromium via playwright-core) against the real server
// whose clock is the simulated world's: the page opens, then simulated keys open and are refused
// at simulated locks, a sync station uploads through the device gateway, and the new opening and
// refusal appear without a reload; a key is blocked, the block list reaches a lock at the next
// opening, and the lock's block-list version on the page changes. Screenshots: desktop and phone.
import { ManualWorldClock } from '@portvakt/devices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, saveScreenshot, useBrowser } from './browser.testing';
import { createLiveWorld, type LiveWorld } from './web-live.world';
import { ensureWebBuild } from './web-build';
import { createUser } from '@portvakt/server/testing';

const at = (hhmm: string) => Date.parse(`2026-03-03T${hhmm}:00+01:00`) / 1000;
const world = new ManualWorldClock(at('07:00'));
const moveTo = (hhmm: string) => world.advance(at(hhmm) - world.now());

let w: LiveWorld;
let adminName: string;

beforeAll(async () => {
  await ensureWebBuild();
  w = await createLiveWorld(world);
  adminName = await createUser(w.server.db.pool, w.municipalityId, 'municipality_admin');
  await w.admin.patch(
    `/api/v1/properties/${(await w.admin.get(`/api/v1/customers/${w.customers.karl}`)).body.residencePropertyId}`,
    {
      latitude: 59.3346,
      longitude: 18.0632,
    },
  );
  await w.box.activate(w.anna.key, w.anna.pin);
  expect((await w.anna.key.openLock(w.locks.entrance.lock)).isOpen).toBe(true);
  await w.station.sync(w.anna.key);
}, 240_000);

afterAll(async () => {
  await w?.server.close();
});

const { openAs } = useBrowser(() => w.server.url);

describe('Idag live', () => {
  it('shows new openings and refusals as they are uploaded, and a lock learning a new block list', async () => {
    const page = await openAs(adminName, '/live');
    await page.getByRole('heading', { name: 'Idag live', level: 1 }).waitFor({ timeout: 10_000 });
    await page.locator('[data-live="connection"]', { hasText: 'ansluten' }).waitFor({ timeout: 10_000 });
    const feed = page.locator('[data-section="live-feed"] li[data-event]');
    await expect.poll(() => feed.count()).toBe(1);

    // 08:10: Britt (provider B) is refused at Karl's door; 08:12 Anna opens it. Uploaded, no reload.
    moveTo('08:10');
    await w.boxB.activate(w.britt.key, w.britt.pin);
    expect((await w.britt.key.openLock(w.locks.karl.lock)).isOpen).toBe(false);
    await w.station.sync(w.britt.key);
    moveTo('08:12');
    expect((await w.anna.key.openLock(w.locks.karl.lock)).isOpen).toBe(true);
    await w.station.sync(w.anna.key);
    await expect.poll(() => feed.count(), { timeout: 15_000 }).toBe(3);
    const refused = page.locator('[data-section="live-feed"] li[data-result="refused"]');
    await expect.poll(() => refused.count()).toBe(1);
    expect(await refused.first().textContent()).toContain('Britt Öster');
    expect(await refused.first().textContent()).toContain('Lgh 1101');
    const karlRow = page.locator(`tr[data-lock="${w.locks.karl.id}"] [data-cell="today"]`);
    await expect.poll(() => karlRow.textContent()).toBe('1 / 1');
    await page
      .locator('[data-property][data-state="refused"], [data-property][data-state="opened"]')
      .first()
      .waitFor();
    // Pointing at the property shows its locks.
    const marker = page.locator('[data-property]').first();
    await marker.hover();
    const detail = page.locator('[data-live="property-detail"]');
    await expect.poll(() => detail.textContent()).toContain('Lgh 1101');
    await saveScreenshot(page, 'live-desktop');

    // The work lead reports Bo's key lost: the block list's version goes up. Karl's lock is now
    // behind until a key carries the new list there (Anna's, refreshed at the box).
    const before = Number(
      await page
        .locator(`tr[data-lock="${w.locks.karl.id}"] [data-cell="version"]`)
        .textContent()
        .then((text) => /har version (\d+) \(aktuell \d+\)/.exec(text!)![1]),
    );
    const lost = await w.workLead.patch(`/api/v1/keys/${w.bo.keyId}`, {
      status: 'lost',
      statusReason: 'Tappad',
    });
    expect(lost.status).toBe(200);
    moveTo('08:30');
    const version = page.locator(`tr[data-lock="${w.locks.karl.id}"]`);
    await expect.poll(() => version.getAttribute('data-lagging'), { timeout: 15_000 }).toBe('true');
    await w.box.activate(w.anna.key, w.anna.pin);
    expect((await w.anna.key.openLock(w.locks.karl.lock)).isOpen).toBe(true);
    await w.station.sync(w.anna.key);
    await expect.poll(() => version.getAttribute('data-lagging'), { timeout: 15_000 }).toBe('false');
    const after = Number(
      /har version (\d+)/.exec(
        (await page.locator(`tr[data-lock="${w.locks.karl.id}"] [data-cell="version"]`).textContent())!,
      )![1],
    );
    expect(after).toBeGreaterThan(before);
    await saveScreenshot(page, 'live-desktop-after-block');
  });

  it('fits a phone', async () => {
    const page = await openAs(adminName, '/live', phone);
    await page.locator('[data-live="connection"]', { hasText: 'ansluten' }).waitFor({ timeout: 10_000 });
    await page.locator('[data-section="live-feed"] li[data-event]').first().waitFor();
    await saveScreenshot(page, 'live-phone');
  });

  it('tells a lock manager, who sees no identities, that the person is not shown (not that it is unknown)', async () => {
    const lockManager = await createUser(w.server.db.pool, w.municipalityId, 'lock_manager');
    const page = await openAs(lockManager, '/live');
    const first = page.locator('[data-section="live-feed"] li[data-event] .live-who').first();
    await first.waitFor({ timeout: 10_000 });
    expect(await first.textContent()).toBe('person visas inte');
    // A lock that has never reported a block list says so, in words (it said "okänd av 2").
    const versions = page.locator('[data-cell="version"]');
    expect(await versions.filter({ hasText: 'inte rapporterad' }).count()).toBeGreaterThan(0);
    expect(await versions.filter({ hasText: 'okänd' }).count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => first.textContent()).toBe('person not shown');
    expect(await versions.filter({ hasText: 'not reported' }).count()).toBeGreaterThan(0);
  });

  // Last: it moves the shared clock to the next day.
  it('starts the new day at midnight without a reload: yesterday leaves the feed and today’s openings arrive', async () => {
    const page = await openAs(adminName, '/live');
    await page.locator('[data-live="connection"]', { hasText: 'ansluten' }).waitFor({ timeout: 10_000 });
    const feed = page.locator('[data-section="live-feed"] li[data-event]');
    await expect.poll(() => feed.count()).toBeGreaterThan(1);
    const karlToday = page.locator(`tr[data-lock="${w.locks.karl.id}"] [data-cell="today"]`);
    expect(await karlToday.textContent()).not.toBe('1 / 0');

    world.advance(Date.parse('2026-03-04T07:05:00+01:00') / 1000 - world.now());
    await w.box.activate(w.anna.key, w.anna.pin);
    expect((await w.anna.key.openLock(w.locks.karl.lock)).isOpen).toBe(true);
    await w.station.sync(w.anna.key);
    await expect.poll(() => feed.count(), { timeout: 15_000 }).toBe(1);
    expect(await feed.first().getAttribute('data-result')).toBe('opened');
    await expect.poll(() => karlToday.textContent()).toBe('1 / 0');
    await saveScreenshot(page, 'live-next-day');
  });
});
