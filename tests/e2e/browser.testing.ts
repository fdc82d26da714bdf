// The real browser the console tests drive: the machine's Chromium (/usr/bin/chromium, Debian's)
// through playwright-core, which brings no browser of its own; a Swedish user in Stockholm by
// default; the console's login form; screenshots under test-artifacts/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testPassword } from '@portvakt/server/testing';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const screenshotDir = fileURLToPath(new URL('../../test-artifacts/screenshots', import.meta.url));

const desktopViewport = { width: 1280, height: 900 };

/** What a phone-sized screen looks like to the console (the e-service and the installer's view). */
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** Launches headless Chromium and makes sure the screenshots have somewhere to go. */
async function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * A page in a context of its own (its own cookies), desktop-sized, Swedish, in Stockholm time
 * unless `options` say otherwise; `timezoneId: undefined` keeps the machine's zone, for tests
 * that compute local days in Node.
 */
async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: desktopViewport,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    ...options,
  });
  return context.newPage();
}

/** Fills in and sends the login form the console shows at any address before a session. */
export async function submitLogin(page: Page, username: string, password = testPassword): Promise<void> {
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

/** Goes to `url`, logs in there and waits for the console's menu, i.e. for the session. */
export async function logIn(
  page: Page,
  url: string,
  username: string,
  password = testPassword,
): Promise<void> {
  await page.goto(url);
  await submitLogin(page, username, password);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
}

export interface FileBrowser {
  /** A new page at no address yet, with the file's defaults and `options` over them. */
  openPage: (options?: BrowserContextOptions) => Promise<Page>;
  /** A new page logged in as `username` (with the test password) at `path` of the server. */
  openAs: (username: string, path: string, options?: BrowserContextOptions) => Promise<Page>;
}

/**
 * The browser of one test file, launched in a beforeAll and closed in an afterAll. Call it at the
 * top level after the file's own hooks: its launch then follows the file's world, and (vitest
 * runs after-hooks last registered first) it closes before the server does, so no kept-alive
 * browser connection holds the server's close.
 */
export function useBrowser(serverUrl: () => string, defaults: BrowserContextOptions = {}): FileBrowser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const openFilePage = (options: BrowserContextOptions = {}) =>
    openPage(browser!, { ...defaults, ...options });
  return {
    openPage: openFilePage,
    openAs: async (username, path, options) => {
      const page = await openFilePage(options);
      await logIn(page, `${serverUrl()}${path}`, username);
      return page;
    },
  };
}

/** Saves the page (whole, unless `fullPage: false`) as `<name>.png` among the screenshots. */
export async function saveScreenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage });
}

/** Where the screenshot `<name>.png` goes, for screenshots of a part of a page. */
export function screenshotPath(name: string): string {
  return join(screenshotDir, `${name}.png`);
}

/** The page address's query parameters, to compare as a whole (a filter kept in the address). */
export function readQuery(page: Page): Record<string, string> {
  return Object.fromEntries(new URL(page.url()).searchParams);
}
