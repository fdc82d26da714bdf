// "Logga in med kommunens inloggning" in a real browser (Debian's Chromium via playwright-core):
// the login page's button takes a person to a real OpenID Connect provider (`oidc-provider` on
// 127.0.0.1, its login and consent pages), and back into the console signed in as the account
// the admin linked to them (docs/oidc.md). Provider and server run on a chosen instant.
import {
  createUser,
  startTestOidcProvider,
  startTestWorld,
  type TestOidcProvider,
  type TestWorld,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const clockStart = new Date('2031-03-14T08:00:00Z');
const startedAt = Date.now();
const secret = 'a client secret of at least thirty-two characters';

let w: TestWorld;
let provider: TestOidcProvider;
let leadName: string;

beforeAll(async () => {
  await ensureWebBuild();
  w = await startTestWorld({ now: () => new Date(clockStart.getTime() + (Date.now() - startedAt)) });
  provider = await startTestOidcProvider({
    clockStart,
    clients: [
      {
        clientId: 'portvakt',
        clientSecret: secret,
        redirectUri: `${w.server.url}/api/v1/auth/oidc/callback`,
      },
    ],
    accounts: { 'sara-199001011234': { email: 'sara.lind@kommun.se', name: 'Sara Lind' } },
  });
  const configured = await w.admin.put('/api/v1/oidc/config', {
    issuerUrl: provider.issuer,
    clientId: 'portvakt',
    clientSecret: secret,
    matchClaim: 'email',
    isEnabled: true,
  });
  expect(configured.status).toBe(200);
  leadName = await createUser(w.server.db.pool, w.municipalityId, 'work_lead', {
    providerId: w.world.provider.a,
  });
  const { rows } = await w.server.db.pool.query<{ id: string }>(
    'SELECT id FROM user_account WHERE username = $1',
    [leadName],
  );
  const linked = await w.admin.put(`/api/v1/users/${rows[0]!.id}/oidc-link`, {
    claimValue: 'sara.lind@kommun.se',
  });
  expect(linked.status).toBe(200);
}, 180_000);

afterAll(async () => {
  await provider?.close();
  await w?.server.close();
});

const { openPage } = useBrowser(() => w.server.url);

describe('signing in through the municipality’s identity provider', () => {
  it('goes from the login page’s button through the provider’s login and consent back into the console', async () => {
    const page = await openPage();
    await page.goto(w.server.url);
    const button = page.getByRole('link', { name: 'Logga in med kommunens inloggning' });
    await button.waitFor();
    await saveScreenshot(page, 'oidc-login-page');
    await button.click();
    // The provider's own pages (oidc-provider's development login and consent).
    await page.waitForURL((url) => url.origin === new URL(provider.issuer).origin);
    await page.locator('input[name="login"]').fill('sara-199001011234');
    await page.locator('input[name="password"]').fill('vilket som helst');
    await saveScreenshot(page, 'oidc-provider-login');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    // Back in the console, signed in as the linked work lead.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(w.server.url).origin);
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    expect(me).toMatchObject({ label: leadName, role: 'work_lead' });
    await saveScreenshot(page, 'oidc-signed-in');
    await page.context().close();
  });

  it('explains a refusal on the login page when the person has no account', async () => {
    const page = await openPage();
    await page.goto(`${w.server.url}/?oidcError=oidc_account_unknown`);
    await page.getByText('inget konto i Portvakt är kopplat till dig', { exact: false }).waitFor();
    await saveScreenshot(page, 'oidc-refused');
    await page.context().close();
  });
});
