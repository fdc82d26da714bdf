// The console on a phone and beside its menu on a desktop (docs/web.md "Small screens"), in a real
// browser (Debian's Chromium via playwright-core) against the real server with its clock fixed:
// on a 390-pixel phone no list or detail page is wider than the screen (a wide table scrolls in
// its own region) and the menu is one row that scrolls sideways with the current page in view;
// at 1280 pixels support's worklist fits beside the menu, each case number on one line.
// Screenshots go to test-artifacts/screenshots/.
import type { Page } from 'playwright-core';
import {
  ApiClient,
  linksOfRole,
  signInNamedUser,
  startTestWorld,
  testPassword,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

/** Wednesday 10 March 2027, 10:00 in Stockholm: support is open. */
const clock = new Date('2027-03-10T09:00:00Z');

let server: TestServer;
let world: World;
let adminName: string;
let supportName: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => clock });
  ({ server, world, adminName } = started);
  supportName = await started.createUser('support');
  // A long dotted username, as the demo's work leads have, raises the cases the worklist shows.
  const leadName = 'arbetsledare.omsorgshuset.portvik';
  const { client: lead } = await signInNamedUser(started, {
    username: leadName,
    displayName: 'Arbetsledare Omsorgshuset',
    role: 'work_lead',
    ...linksOfRole(world, 'work_lead'),
  });
  for (const [category, title] of [
    ['lock_fault', 'Reservnyckel tagen ur Nyckelskåp Storgatan 12, fack 2'],
    ['property_owner_question', 'Vem ansvarar för låset i porten vid renovering?'],
    ['battery', 'Låg batterinivå på porten'],
  ] as const) {
    expect((await lead.post('/api/v1/support-cases', { category, title })).status).toBe(201);
  }
  const support = await new ApiClient(server.url).login(supportName, testPassword);
  const emergency = await support.post('/api/v1/emergency-openings', {
    customerId: world.customer.a,
    doorId: world.door.a,
  });
  expect(emergency.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

/** How wide the page is against the window: wider means something is cut off at the right. */
const readWidths = (page: Page) =>
  page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    window: document.documentElement.clientWidth,
  }));

describe('the console on a phone', () => {
  it('keeps support’s page within the screen, its case table scrolling in its own region', async () => {
    const page = await openAs(supportName, '/support', phone);
    await page.getByRole('heading', { name: 'Support', level: 1 }).waitFor();
    await page.getByRole('row', { name: /Låg batterinivå på porten/ }).waitFor();
    await saveScreenshot(page, 'small-screen-support', { fullPage: false });
    expect(await readWidths(page)).toEqual({ page: 390, window: 390 });
    const region = page.getByRole('region', { name: 'Support' });
    const { scrollWidth, clientWidth } = await region.evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    await page.context().close();
  });

  it('keeps every list and detail page within the screen, and the menu scrolls sideways with the current page in view', async () => {
    const page = await openAs(adminName, '/customers', phone);
    const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
    for (const [path, heading] of [
      ['/customers', 'Kunder'],
      [`/customers/${world.customer.a}`, /Berg/],
      ['/locks', 'Lås'],
      ['/visits', 'Besök'],
      ['/audit', 'Granskningslogg'],
      ['/locksmith-companies', 'Låssmedsföretag'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect([path, await readWidths(page)]).toEqual([path, { page: 390, window: 390 }]);
      await saveScreenshot(
        page,
        `small-screen${path.replace(/\/[0-9a-f-]{36}$/, '-detail').replace(/\//g, '-')}`,
        {
          fullPage: false,
        },
      );
    }
    // The menu is one row: every entry is there, the current one in view, the rest a swipe away.
    const current = menu.locator('a[aria-current="page"]');
    expect(await current.innerText()).toBe('Låssmedsföretag');
    const box = (await current.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const tops = await menu
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => Math.round(link.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await menu.getByRole('link', { name: 'Kunder' }).click();
    await page.getByRole('heading', { name: 'Kunder', level: 1 }).waitFor();
    await page.context().close();
  });

  it('gives every list page’s filters one bar, announced alike, that wraps within the screen', async () => {
    const page = await openAs(adminName, '/customers', phone);
    const looks = new Set<string>();
    for (const path of [
      '/customers',
      '/audit',
      '/work-orders',
      '/key-return-readiness',
      '/backup-keys',
      '/visits',
      '/visit-exceptions',
      '/event-log',
    ]) {
      await page.goto(`${server.url}${path}`);
      const bar = page.getByRole('search', { name: 'Urval' });
      await bar.waitFor();
      await page.waitForLoadState('networkidle');
      expect([path, await readWidths(page)]).toEqual([path, { page: 390, window: 390 }]);
      // Every filter (label, field, button) ends inside the screen: the bar wraps instead.
      const rights = await bar.evaluate((element) =>
        [...element.querySelectorAll('label, input, select, button, a')].map((child) =>
          Math.round(child.getBoundingClientRect().right),
        ),
      );
      expect([path, Math.max(...rights) <= 390]).toEqual([path, true]);
      looks.add(
        await bar.evaluate((element) => {
          const style = getComputedStyle(element);
          return [style.display, style.flexWrap, style.rowGap, style.columnGap, style.marginBottom].join(' ');
        }),
      );
    }
    expect([...looks]).toEqual(['flex wrap 12px 16px 16px']);
    await page.context().close();
  });
});

describe('the console at 1280 pixels', () => {
  it('fits support’s worklist beside the menu, each case number on one line', async () => {
    const page = await openAs(supportName, '/support', { viewport: { width: 1280, height: 800 } });
    await page.getByRole('row', { name: /Reservnyckel tagen ur Nyckelskåp/ }).waitFor();
    await saveScreenshot(page, 'small-screen-support-desktop');
    const region = page.getByRole('region', { name: 'Support' });
    const { scrollWidth, clientWidth } = await region.evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const references = page.getByRole('link', { name: /^SUP-2027-[0-9A-Z]{6}$/ });
    await expect.poll(() => references.count()).toBe(4);
    const lines = await references.evaluateAll((links) => links.map((link) => link.getClientRects().length));
    expect(lines).toEqual([1, 1, 1, 1]);
    // The sidebar menu is as it was: a column beside the page.
    const menuBox = (await page.getByRole('navigation', { name: 'Huvudmeny' }).boundingBox())!;
    expect(Math.round(menuBox.width)).toBe(208);
    await page.context().close();
  });
});
