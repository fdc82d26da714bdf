// Passkeys in the console (docs/sign-in.md "Passkeys") in a real browser: Debian's Chromium with
// a virtual authenticator attached over the DevTools protocol (a CTAP2 platform authenticator
// with resident keys and user verification), against the real server at http://localhost (a
// passkey's RP id must be a domain). An administrator registers a passkey, signs out and in with
// it, requires passkeys of administrative roles, is then refused the password alone; a lock
// manager without a passkey is led through the enrolment step; the administrator resets it.
// Screenshots go to test-artifacts/screenshots/.
import {
  ApiClient,
  createMunicipality,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
} from '@portvakt/server/testing';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, saveScreenshot, submitLogin, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

let server: TestServer;
let adminName: string;
let managerName: string;

beforeAll(async () => {
  await ensureWebBuild();
  server = await startTestServer({ publicHost: 'localhost' });
  const municipalityId = await createMunicipality(server.db.pool);
  adminName = await createUser(server.db.pool, municipalityId, 'municipality_admin');
  managerName = await createUser(server.db.pool, municipalityId, 'lock_manager');
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openPage } = useBrowser(() => server.url);

/** A page with a virtual platform authenticator that verifies its user without asking. */
async function openWithAuthenticator(): Promise<{ page: Page; cdp: CDPSession; authenticatorId: string }> {
  const page = await openPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { page, cdp, authenticatorId };
}

const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Huvudmeny' });

let admin: { page: Page; cdp: CDPSession; authenticatorId: string };

describe('passkeys in the console', () => {
  it('registers a passkey, signs out, and signs in with it without a username', async () => {
    admin = await openWithAuthenticator();
    const { page, cdp, authenticatorId } = admin;
    await logIn(page, `${server.url}/`, adminName);
    await page.getByRole('link', { name: 'Lösennycklar' }).click();
    await page.getByRole('heading', { name: 'Lösennycklar', level: 1 }).waitFor();
    await page.getByText('Du har inga lösennycklar än.').waitFor();
    const form = page.locator('form[data-form="add-passkey"]');
    await form.getByLabel('Namn på lösennyckeln').fill('Jobbdator');
    await form.getByRole('button', { name: 'Lägg till lösennyckel' }).click();
    await page.getByText('Lösennyckeln "Jobbdator" är sparad.').waitFor();
    await page.locator('tr[data-passkey="Jobbdator"]').waitFor();
    await saveScreenshot(page, 'passkeys-registered');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);
    expect(credentials[0]!.rpId).toBe('localhost');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('button', { name: 'Använd lösennyckel' }).waitFor();
    await saveScreenshot(page, 'passkeys-login');
    await page.getByRole('button', { name: 'Använd lösennyckel' }).click();
    await mainMenu(page).waitFor();
    expect(await page.getByText('Inloggad som Test municipality_admin', { exact: false }).count()).toBe(1);
    const { credentials: after } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after[0]!.signCount).toBeGreaterThan(credentials[0]!.signCount);
    const audit = await server.db.pool.query(
      `SELECT 1 FROM audit_entry WHERE action = 'login' AND actor_label = $1 AND after->>'method' = 'passkey'`,
      [adminName],
    );
    expect(audit.rowCount).toBe(1);
  });

  it('requires passkeys of administrators: the password alone is refused, the passkey signs in', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'Lösennycklar' }).click();
    const requirement = page.locator('section[data-section="passkey-requirement"]');
    await requirement.getByLabel('Kräv lösennyckel för administrativa roller').check();
    await requirement.getByText('Kravet är sparat.').waitFor();
    await saveScreenshot(page, 'passkeys-requirement');
    await page.getByRole('button', { name: 'Logga ut' }).click();

    await submitLogin(page, adminName);
    await page.getByText('Ditt konto loggar in med lösennyckel, inte bara lösenord.').waitFor();
    await page.getByText('Använd din lösennyckel', { exact: false }).waitFor();
    expect(await mainMenu(page).count()).toBe(0);
    await saveScreenshot(page, 'passkeys-password-refused');
    // With the username typed, only this account's passkeys are offered.
    await page.getByRole('button', { name: 'Använd lösennyckel' }).click();
    await mainMenu(page).waitFor();
  });

  it('leads a lock manager without a passkey through the enrolment step to a session', async () => {
    const manager = await openWithAuthenticator();
    const { page } = manager;
    await page.goto(`${server.url}/`);
    await submitLogin(page, managerName);
    await page.getByRole('heading', { name: 'Skapa en lösennyckel', level: 1 }).waitFor();
    expect(await mainMenu(page).count()).toBe(0);
    await saveScreenshot(page, 'passkeys-enrolment');
    await page.getByLabel('Namn på lösennyckeln').fill('Låsansvarigs telefon');
    await page.getByRole('button', { name: 'Skapa lösennyckel' }).click();
    await mainMenu(page).waitFor();
    const { credentials } = await manager.cdp.send('WebAuthn.getCredentials', {
      authenticatorId: manager.authenticatorId,
    });
    expect(credentials).toHaveLength(1);
    // From now on the password alone is refused for the lock manager too.
    const password = await new ApiClient(server.url).post('/api/v1/auth/login', {
      username: managerName,
      password: testPassword,
    });
    expect(password.body.code).toBe('passkey_required');
    await page.context().close();
  });

  it('lets the administrator reset the lock manager’s passkeys with a reason', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'Lösennycklar' }).click();
    const reset = page.locator('form[data-form="reset-passkeys"]');
    await reset
      .getByLabel('Konto')
      .selectOption({ label: `Test lock_manager (${managerName}, Låsansvarig)` });
    await reset.locator('[data-passkey-count="1"]').waitFor();
    await reset.getByLabel('Anledning').fill('Telefonen tappad på tunnelbanan');
    await reset.getByRole('button', { name: 'Återställ lösennycklar' }).click();
    await reset.getByText('Borttagna lösennycklar: 1.').waitFor();
    await saveScreenshot(page, 'passkeys-reset');
    const audit = await server.db.pool.query<{ after: { reason: string } }>(
      `SELECT after FROM audit_entry WHERE action = 'reset_passkeys' AND actor_label = $1`,
      [adminName],
    );
    expect(audit.rows.map((row) => row.after.reason)).toEqual(['Telefonen tappad på tunnelbanan']);
    await page.context().close();
  });
});
