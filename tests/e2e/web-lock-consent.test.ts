// "Lås och samtycke" on the customer page and the usage badge on the lock page
// (docs/work-orders.md "Triggers, consent and introductions") in a real browser (Debian's
// Chromium via playwright-core) against the real server with its clock fixed: the customer's
// locks are mounted but not in use until their provider is introduced, the introduction is made
// with the page's button, and a consent is recorded with the form. A property owner sees no usage
// on their entrance's lock page (R2.7). Screenshots go to test-artifacts/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  linksOfRole,
  startTestWorld,
  type ApiClient,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2027-03-10T10:00:00Z');
let server: TestServer;
let world: World;
let admin: ApiClient;
let managerName: string;
let ownerName: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world, admin } = started);
  managerName = await started.createUser('lock_manager');
  ownerName = await started.createUser('property_owner', linksOfRole(world, 'property_owner'));
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

describe('lock and consent in the console', () => {
  it('shows the locks mounted but not in use until the provider is introduced, then in use', async () => {
    const page = await openAs(managerName, `/locks/${world.lockDevice.a}`);
    const notInUse = page.locator('[data-usage="not-in-use"]');
    await notInUse.waitFor();
    expect(await notInUse.getByText('Monterat men inte i bruk').count()).toBe(1);
    expect(await notInUse.getByText(/Kunder med insatser bakom dörren i dag: 1\./).count()).toBe(1);
    expect(await notInUse.getByText(/Utförare som ännu inte introducerats hos dem: 1\./).count()).toBe(1);
    await saveScreenshot(page, 'lock-not-in-use');

    await page.goto(`${server.url}/customers/${world.customer.a}`);
    const section = page.locator('[data-section="lock-consent"]');
    await section.getByRole('heading', { name: 'Lås och samtycke' }).waitFor();
    await expect.poll(() => section.getByText('Monterat, ej i bruk').count()).toBe(2);
    expect(await section.getByText('Inte introducerad').count()).toBe(1);
    // The doors' "Utförare" column names who uses each lock: here the one provider, still missing.
    const status = await admin.get(`/api/v1/customers/${world.customer.a}/lock-status`);
    const providerName = (status.body.providers as Array<{ name: string }>)[0]!.name;
    const providerCells = () => section.locator('tr[data-door] td:last-child').allTextContents();
    expect(await providerCells()).toEqual([`Saknas: ${providerName}`, `Saknas: ${providerName}`]);
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'customer-lock-consent-before');

    await section.getByRole('button', { name: 'Registrera introduktion' }).click();
    await expect.poll(() => section.getByText('I bruk', { exact: true }).count()).toBe(2);
    expect(await section.getByText('Introducerad 2027-03-10').count()).toBe(1);
    expect(await providerCells()).toEqual([providerName, providerName]);
    const introductions = await admin.get(`/api/v1/provider-introductions?customerId=${world.customer.a}`);
    expect(introductions.body.items.map((item: { introducedOn: string }) => item.introducedOn)).toEqual([
      '2027-03-10',
    ]);

    await section.getByLabel('Beslut').selectOption('consented');
    await section.getByLabel('Hur det lämnades').selectOption('signed_form');
    await section.getByLabel('Anteckning').fill('Blanketten undertecknad vid hembesöket');
    await section.getByRole('button', { name: 'Registrera', exact: true }).click();
    await section.getByText('Beslutet är registrerat.').waitFor();
    await expect.poll(() => section.getByRole('cell', { name: 'Undertecknad blankett' }).count()).toBe(1);
    expect(await section.getByRole('cell', { name: 'Blanketten undertecknad vid hembesöket' }).count()).toBe(
      1,
    );
    await saveScreenshot(page, 'customer-lock-consent-after');
    const consents = await admin.get(`/api/v1/customers/${world.customer.a}/lock-consents`);
    expect(
      consents.body.items.map((item: { decision: string; decidedOn: string }) => [
        item.decision,
        item.decidedOn,
      ]),
    ).toEqual([['consented', '2027-03-10']]);

    await page.goto(`${server.url}/locks/${world.lockDevice.a}`);
    await page.locator('[data-usage="in-use"]').waitFor();
    await saveScreenshot(page, 'lock-in-use');
    await page.context().close();
  });

  it('shows a property owner their entrance lock without any usage', async () => {
    const page = await openAs(ownerName, `/locks/${world.lockDevice.a}`);
    await page.getByRole('heading', { name: /Lås/, level: 1 }).waitFor();
    await page
      .getByText('Lås-ID', { exact: false })
      .first()
      .waitFor({ timeout: 2000 })
      .catch(() => undefined);
    expect(await page.locator('[data-usage]').count()).toBe(0);
    expect(await page.getByText('Kunder med insatser').count()).toBe(0);
    await saveScreenshot(page, 'lock-owner-view');
    await page.context().close();
  });
});
