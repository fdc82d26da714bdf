// The real browser the console tests drive: Debian's Chromium through playwright-core (the
// npm-installed browsers are not on the build machines), a Swedish user in Stockholm by default,
// the console's login form, and screenshots under test-artifacts/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testPassword } from '@portvakt/server/testing';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const screenshotDir = fileURLToPath(new URL('../../test-artifacts/screenshots', import.meta.url));

export const desktopViewport = { width: 1280, height: 900 };

/** What a phone-sized screen looks like to the console (the e-service and the installer's view). */
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** Launches headless Chromium and makes sure the screenshots have somewhere to go. */
export async function launchBrowser(): Promise<Browser> {
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
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
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

/** A new page logged in as `username` (with the test password) at `url`. */
export async function openLoggedIn(
  browser: Browser,
  url: string,
  username: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await openPage(browser, options);
  await logIn(page, url, username);
  return page;
}

/** Saves the page (whole, unless `fullPage: false`) as `<name>.png` among the screenshots. */
export async function saveScreenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage });
}

/** Where the screenshot `<name>.png` goes, for screenshots of a part of a page. */
export function screenshotPath(name: string): string {
  return join(screenshotDir, `${name}.png`);
}
