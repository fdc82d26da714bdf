// Nothing runs past the screen or its card (docs/web.md "Small screens"), in a real browser
// (Debian's Chromium via playwright-core) against the real server with its clock fixed: at 1280
// pixels the rollout table's fifteen columns fit in their card beside the menu, in Swedish and in
// English; on a 390-pixel phone a webhook's page whose heading is its receiver's long URL and the
// passkey reset form, whose account list is as wide as its longest name, keep the screen's width
// (a form's column is as wide as the form, not as its widest control). What sits in a scrolling
// region (a table's `.table-scroll`) may be wider: it scrolls there, not the page.
// Screenshots go to test-artifacts/screenshots/.
import type { Page } from 'playwright-core';
import {
  linksOfRole,
  signInNamedUser,
  startTestWorld,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-12-15T12:00:00Z');
/** A receiver's address as a care system's integration names it: one word wider than a phone. */
const receiverUrl =
  'https://verksamhetssystemet.omsorgshuset-portvik.example.org/api/integrations/portvakt/webhooks/inkommande-handelser?mottagare=arbetsledning';

let server: TestServer;
let world: World;
let adminName: string;
let webhookId: string;
const leadName = 'arbetsledare.omsorgshuset.portvik.norrviken';

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world, adminName } = started);
  const { admin } = started;
  // The demo's district names: the longest wraps at its hyphen, as the row headers do.
  await admin.patch(`/api/v1/districts/${world.district.a}`, {
    name: 'Norrviken-Ekbacken',
    rolloutStartQuarter: '2026-Q1',
  });
  await admin.patch(`/api/v1/districts/${world.district.b}`, {
    name: 'Söderhamnen',
    rolloutStartQuarter: '2026-Q3',
  });
  // A long name and username make the passkey reset form's account list as wide as its option.
  const { client: lead } = await signInNamedUser(started, {
    username: leadName,
    displayName: 'Arbetsledare Omsorgshuset Norrviken-Ekbacken',
    role: 'work_lead',
    ...linksOfRole(world, 'work_lead'),
  });
  const webhook = await lead.post('/api/v1/webhooks', { url: receiverUrl, eventTypes: ['key.blocked'] });
  expect(webhook.status).toBe(201);
  webhookId = (webhook.body as { id: string }).id;
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

/**
 * Every element that runs past the window's right edge or its card's, outside a scrolling region
 * (an element with sideways overflow of its own, `.table-scroll` among them): described by its tag,
 * classes and first words, so a failure names what sticks out.
 */
const readOverflow = (page: Page) =>
  page.evaluate(() => {
    const windowWidth = document.documentElement.clientWidth;
    const scrolls = (element: Element) =>
      element.matches('.table-scroll, [role="region"]') || getComputedStyle(element).overflowX !== 'visible';
    const isInsideScroll = (element: Element) => {
      for (let above = element.parentElement; above && above !== document.body; above = above.parentElement)
        if (scrolls(above)) return true;
      return false;
    };
    const sticking: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if ((box.width === 0 && box.height === 0) || isInsideScroll(element)) continue;
      const card = element.parentElement?.closest('.card');
      const edge = Math.min(windowWidth, card ? card.getBoundingClientRect().right : windowWidth);
      if (box.right > edge + 0.5)
        sticking.push(
          `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} "${(element.textContent ?? '').slice(0, 40)}" +${Math.round(box.right - edge)}px`,
        );
    }
    return {
      sticking,
      pageWidth: document.documentElement.scrollWidth,
      windowWidth: window.innerWidth,
    };
  });

/**
 * Nothing sticks out and the page is as wide as the window it was opened in (a phone's window
 * widens to what sticks out, so the page is held to the size it was opened at, not to innerWidth).
 */
async function expectNothingSticksOut(page: Page, label: string) {
  const width = page.viewportSize()!.width;
  expect([label, await readOverflow(page)]).toEqual([
    label,
    { sticking: [], pageWidth: width, windowWidth: width },
  ]);
}

describe('the console at 1280 pixels', () => {
  it('fits the rollout table’s fifteen columns in their card, in Swedish and in English', async () => {
    const page = await openAs(adminName, '/rollout', { viewport: { width: 1280, height: 900 } });
    const table = page.locator('table.rollout-table');
    for (const [language, total] of [
      ['sv', 'Totalt'],
      ['en', 'Total'],
    ] as const) {
      if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
      await table.getByRole('rowheader', { name: total, exact: true }).waitFor();
      await saveScreenshot(page, `layout-fit-rollout-${language}`, { fullPage: false });
      const edges = await table.evaluate((element) => {
        const card = element.closest('.card')!;
        const region = element.closest('.table-scroll')!;
        return {
          table: element.getBoundingClientRect().right,
          card: card.getBoundingClientRect().right,
          regionScrolls: region.scrollWidth > region.clientWidth,
        };
      });
      expect([language, edges.table <= edges.card, edges.regionScrolls]).toEqual([language, true, false]);
      await expectNothingSticksOut(page, `/rollout (${language})`);
    }
    await page.context().close();
  });
});

describe('the console on a phone', () => {
  it('wraps a webhook’s heading, its receiver’s URL, within the screen', async () => {
    const page = await openAs(leadName, `/webhooks/${webhookId}`, phone);
    const heading = page.getByRole('heading', { level: 1, name: receiverUrl });
    await heading.waitFor();
    await page.waitForLoadState('networkidle');
    await saveScreenshot(page, 'layout-fit-webhook-phone', { fullPage: false });
    expect((await heading.boundingBox())!.height).toBeGreaterThan(60);
    await expectNothingSticksOut(page, '/webhooks/:id');
    await page.context().close();
  });

  it('keeps the passkey reset form, its account list as wide as a long name, within its card', async () => {
    const page = await openAs(adminName, '/passkeys', phone);
    await page.getByRole('option', { name: /Arbetsledare Omsorgshuset Norrviken-Ekbacken/ }).waitFor({
      state: 'attached',
    });
    await saveScreenshot(page, 'layout-fit-passkeys');
    await expectNothingSticksOut(page, '/passkeys');
    await page.context().close();
  });
});
