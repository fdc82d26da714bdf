// Backup keys in the console (docs/backup-keys.md "Console") in a real browser (Debian's Chromium
// via playwright-core) against the real server with its clock fixed: a work lead sees the
// customer's key in its cabinet slot, is told what is missing when returning it too early,
// records a signed receipt with a scan, writes a deviation plan the municipality approves; the
// readiness list then shows the customer ready, the key goes back, and the keys-held report shows
// it; the three lists' filters outlive a reload. Screenshots go to test-artifacts/screenshots/.
import { insertTestKeyCabinet } from '@portvakt/storage/testing';
import {
  ApiClient,
  linksOfRole,
  startTestWorld,
  testPassword,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQuery, saveScreenshot, screenshotPath, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2027-03-10T10:00:00Z');
let server: TestServer;
let world: World;
let admin: ApiClient;
let lead: ApiClient;
let adminName: string;
let leadName: string;
let keyId: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world, admin, adminName } = started);
  const { municipalityId } = started;
  leadName = await started.createUser('work_lead', linksOfRole(world, 'work_lead'));
  lead = await new ApiClient(server.url).login(leadName, testPassword);
  const cabinetId = await insertTestKeyCabinet(server.db.pool, {
    municipalityId,
    providerId: world.provider.a,
    name: 'Nyckelskåp Nord',
    slotCount: 24,
  });
  const key = await lead.post('/api/v1/backup-keys', {
    customerId: world.customer.a,
    doorId: world.door.apartmentA,
    copies: 2,
    keyCabinetId: cabinetId,
    slot: 3,
    label: 'Blå bricka',
    receivedOn: '2027-01-15',
  });
  if (key.status !== 201) throw new Error(JSON.stringify(key.body));
  keyId = key.body.id;
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

describe('backup keys in the console', () => {
  it('shows the key, refuses an early return with what is missing, and records a signed receipt', async () => {
    const page = await openAs(leadName, `/customers/${world.customer.a}`);
    const section = page.locator('[data-section="backup-keys"]');
    await section.getByRole('heading', { name: 'Reservnycklar' }).waitFor();
    const row = section.locator('[data-backup-key="Lgh 1001"]');
    await row.waitFor();
    expect(await row.getByText('Nyckelskåp Nord, fack 3').count()).toBe(1);
    expect(await row.getByText('Blå bricka').count()).toBe(1);
    expect(await row.getByRole('link', { name: 'Kvittens att skriva ut (PDF)' }).getAttribute('href')).toBe(
      `/api/v1/backup-keys/${keyId}/receipt.pdf`,
    );
    const readiness = section.locator('[data-readiness="not-ready"]');
    await readiness.waitFor();
    expect(await readiness.getByText('saknar godkänd avvikelseplan').count()).toBe(1);
    expect(await readiness.getByText('Kommunens support dygnet runt är inte etablerad.').count()).toBe(1);

    await row.getByRole('button', { name: 'Lämna tillbaka till kunden' }).click();
    const returnForm = section.getByRole('form', { name: 'Återlämning av nyckeln' });
    await returnForm.getByLabel('Vittne').fill('Eva Ek');
    await returnForm.getByRole('button', { name: 'Registrera återlämning' }).click();
    const refused = returnForm.locator('[data-notice="not-ready"]');
    await refused.waitFor();
    expect(await refused.locator('[data-gap="provider_not_introduced"]').count()).toBe(1);
    expect(await refused.locator('[data-gap="deviation_plan_missing"]').count()).toBe(1);
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'backup-keys-return-refused');
    await section.screenshot({ path: screenshotPath('backup-keys-return-refused-section') });
    expect((await admin.get(`/api/v1/backup-keys/${keyId}`)).body.status).toBe('held');
    await returnForm.getByRole('button', { name: 'Avbryt' }).click();

    await row.getByRole('button', { name: 'Registrera underskriven kvittens' }).click();
    const receiptForm = section.getByRole('form', { name: 'Registrera underskriven kvittens' });
    await receiptForm.getByLabel('Vittne').fill('Eva Ek');
    await receiptForm.getByLabel(/Inskannad kvittens/).setInputFiles({
      name: 'kvittens.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'),
    });
    await receiptForm.getByRole('button', { name: 'Spara' }).click();
    await section.getByText('Kvittensen är registrerad.').waitFor();
    await expect.poll(() => row.locator('[data-receipt="received"]').count()).toBe(1);
    expect(await row.getByRole('link', { name: 'Inskannad kvittens' }).count()).toBe(1);
    await saveScreenshot(page, 'backup-keys-customer');
    await section.screenshot({ path: screenshotPath('backup-keys-customer-section') });
    const detail = await admin.get(`/api/v1/backup-keys/${keyId}`);
    expect(detail.body.receipts).toEqual([
      expect.objectContaining({
        kind: 'received',
        signedBy: 'Karl Berg',
        witnessedBy: 'Eva Ek',
        hasDocument: true,
      }),
    ]);

    await page.goto(`${server.url}/backup-keys`);
    await page.locator('[data-backup-key="Karl Berg"]').waitFor();
    await saveScreenshot(page, 'backup-keys-list');
    await page.context().close();
  });

  it('lets the provider write a deviation plan and the municipality approve it', async () => {
    const leadPage = await openAs(leadName, '/deviation-plans');
    const form = leadPage.getByRole('form', { name: 'Skriv en ny plan' });
    await form
      .getByLabel('Plan')
      .fill(
        'Kommer personalen inte in digitalt ringer de supporten. Reservnyckeln tas ur nyckelskåpet med angivet skäl och lämnas tillbaka direkt efter besöket.',
      );
    await form.getByLabel('Gäller från').fill('2027-03-01');
    await form.getByRole('button', { name: 'Skicka till kommunen' }).click();
    await leadPage.getByText('Planen är skickad till kommunen för beslut.').waitFor();
    await leadPage.locator('[data-status="pending"]').waitFor();
    await saveScreenshot(leadPage, 'deviation-plan-written');
    await leadPage.context().close();

    const page = await openAs(adminName, '/deviation-plans');
    const plan = page.locator('[data-status="pending"]');
    await plan.waitFor();
    await plan.getByRole('button', { name: 'Godkänn' }).click();
    await page.locator('[data-status="in_force"]').waitFor();
    expect(await page.locator('[data-status="in_force"]').getByText('Gäller', { exact: true }).count()).toBe(
      1,
    );
    await saveScreenshot(page, 'deviation-plan-approved');
    await page.context().close();
  });

  it('shows the customer ready, returns the key and shows it gone from keys held', async () => {
    expect(
      (
        await lead.post('/api/v1/provider-introductions', {
          customerId: world.customer.a,
          providerId: world.provider.a,
          introducedOn: '2027-02-01',
        })
      ).status,
    ).toBe(201);
    expect(
      (await admin.patch('/api/v1/municipality', { settings: { roundTheClockSupportSince: '2027-01-01' } }))
        .status,
    ).toBe(200);

    const page = await openAs(adminName, '/key-return-readiness');
    const ready = page.locator('[data-customer="Karl Berg"]');
    await ready.waitFor();
    expect(await ready.getAttribute('data-ready')).toBe('true');
    expect(await page.locator('[data-summary="readiness"]').textContent()).toContain(
      '1 av 1 kunder med reservnycklar',
    );
    await page.getByLabel('Bara kunder med reservnycklar').uncheck();
    await page.locator('[data-customer="Greta Lund"]').waitFor();
    expect(
      await page.locator('[data-customer="Greta Lund"] [data-gap="deviation_plan_missing"]').count(),
    ).toBe(1);
    await saveScreenshot(page, 'key-return-readiness');

    await page.goto(`${server.url}/keys-held?from=2027-01`);
    await page.locator('[data-chart="Nycklar kvar vid månadsslut"]').waitFor();
    const before = await page.locator('[data-day="2027-03-10"]').textContent();
    expect(before).toContain('2027-03-10');
    await page.context().close();

    const leadPage = await openAs(leadName, `/customers/${world.customer.a}`);
    const section = leadPage.locator('[data-section="backup-keys"]');
    await section.locator('[data-readiness="ready"]').waitFor();
    await section.getByRole('button', { name: 'Lämna tillbaka till kunden' }).click();
    const returnForm = section.getByRole('form', { name: 'Återlämning av nyckeln' });
    await returnForm.getByLabel('Vittne').fill('Eva Ek');
    await returnForm.getByRole('button', { name: 'Registrera återlämning' }).click();
    await section.getByText('Nyckeln är registrerad som återlämnad och facket är ledigt.').waitFor();
    await section.getByText('Återlämnad 2027-03-10 till Karl Berg').waitFor();
    await expect.poll(() => section.locator('[data-receipt="returned"]').count()).toBe(1);
    await saveScreenshot(leadPage, 'backup-keys-returned');
    await section.screenshot({ path: screenshotPath('backup-keys-returned-section') });
    await leadPage.context().close();

    const report = await openAs(adminName, '/keys-held');
    const today = report.locator('[data-day="2027-03-10"]');
    await today.waitFor();
    const cells = await today.locator('td').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['0', '0']);
    expect(cells[3]).toBe('1');
    expect(await report.locator('[data-avoided="customers"]').textContent()).toContain(
      'Kunder som fått tillbaka alla sina nycklar: 1.',
    );
    await saveScreenshot(report, 'keys-held');
    await report.getByRole('button', { name: 'English' }).click();
    await report.getByRole('heading', { name: 'Keys still held', level: 1 }).waitFor();
    await saveScreenshot(report, 'keys-held-en');
    await report.context().close();
  });

  it('keeps each list’s filters in the address, so a reload shows the same choice and rows', async () => {
    // The key went back above: the default (held) shows none, "returned" shows it.
    const page = await openAs(adminName, '/backup-keys');
    const status = page.getByRole('combobox', { name: 'Status' });
    const key = page.locator('[data-backup-key="Karl Berg"]');
    await page.getByText('Inga reservnycklar.').waitFor();
    await status.selectOption('returned');
    await key.waitFor();
    expect(readQuery(page)).toEqual({ status: 'returned' });
    await page.reload();
    await key.waitFor();
    expect(await status.inputValue()).toBe('returned');
    // "Alla" differs from the default, so it is kept too.
    await status.selectOption('');
    await expect.poll(() => readQuery(page)).toEqual({ status: 'all' });
    await page.reload();
    await key.waitFor();
    expect(await status.inputValue()).toBe('');
    // The default is not written.
    await status.selectOption('held');
    await page.getByText('Inga reservnycklar.').waitFor();
    expect(readQuery(page)).toEqual({});

    // Nobody holds keys any more: the default (only holders) is empty; all of district b is Greta Lund.
    await page.goto(`${server.url}/key-return-readiness`);
    await page.getByText('Inga kunder matchar urvalet.').waitFor();
    const holding = page.getByLabel('Bara kunder med reservnycklar');
    const district = page.getByRole('combobox', { name: 'Område' });
    await holding.uncheck();
    await page.locator('[data-customer="Karl Berg"]').waitFor();
    await district.selectOption(world.district.b);
    await expect.poll(() => page.locator('[data-customer="Karl Berg"]').count()).toBe(0);
    expect(readQuery(page)).toEqual({ holding: '0', district: world.district.b });
    await page.reload();
    await page.locator('[data-customer="Greta Lund"]').waitFor();
    expect(await holding.isChecked()).toBe(false);
    await expect.poll(() => district.inputValue()).toBe(world.district.b);
    expect(await page.locator('[data-customer="Karl Berg"]').count()).toBe(0);

    // Keys held from January: three month ends (January, February, today) instead of twelve.
    await page.goto(`${server.url}/keys-held`);
    const months = page.locator('[data-section="keys-held-totals"] tr[data-day]');
    await expect.poll(() => months.count()).toBeGreaterThan(3);
    await page.getByLabel('Från månad').fill('2027-01');
    await expect.poll(() => months.count()).toBe(3);
    expect(readQuery(page)).toEqual({ from: '2027-01' });
    await page.reload();
    await expect.poll(() => months.count()).toBe(3);
    expect(await page.getByLabel('Från månad').inputValue()).toBe('2027-01');
    await page.context().close();
  });
});
