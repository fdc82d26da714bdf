// How the console presents itself, in a real browser (Debian's Chromium via playwright-core)
// against the real server with its clock fixed at 2026-12-15: the header names the person, not
// the username. Screenshots go to test-artifacts/screenshots/.
import type { Page } from 'playwright-core';
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
import { saveScreenshot, useBrowser } from './browser.testing';
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
  await buildWorld(admin);
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
