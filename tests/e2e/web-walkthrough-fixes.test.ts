// What a walk through the console as its daily users (work lead, lock manager, auditor, property
// owner) found wrong, in a real browser (Debian's Chromium through playwright-core) against the
// real server on a fixed clock: the audit trail's changed values in the reader's words, an
// emergency case's title in the reader's language, a new case's doors told apart by address, why a
// key was blocked in words.
// Screenshots go to test-artifacts/screenshots/.
import {
  blockKeysOfEndedEmployments,
  startTestWorld,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-12-15T12:00:00Z');

let server: TestServer;
let world: World;
const users: Record<string, string> = {};
let emergencyCaseId: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world, adminName: users.admin } = started);
  const { admin } = started;
  users.auditor = await started.createUser('auditor');
  users.owner = await started.createUser('property_owner', { propertyOwnerId: world.propertyOwner.a });
  await admin.patch(`/api/v1/locks/${world.lockDevice.a}`, { installedAt: '2026-03-04T08:00:00Z' });
  const company = await admin.post('/api/v1/locksmith-companies', {
    name: 'Akutlås Väster AB',
    isEmergencyContracted: true,
  });
  expect(company.status).toBe(201);
  const emergency = await admin.post('/api/v1/emergency-openings', {
    customerId: world.customer.a,
    doorId: world.door.apartmentA,
  });
  expect(emergency.status).toBe(201);
  emergencyCaseId = emergency.body.supportCaseId;
  // Staff member B leaves, today their last day; once it has passed, the employment-end sweep
  // blocks B's key with the reason code employment_ended.
  const left = await admin.patch(`/api/v1/staff/${world.staffMember.b}`, { employmentEndsOn: '2026-12-15' });
  expect(left.status).toBe(200);
  await blockKeysOfEndedEmployments({ pool: server.db.pool, now: new Date('2026-12-16T06:00:00Z') });
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url, { viewport: { width: 1400, height: 900 } });

describe('the console as its daily users meet it', () => {
  it('shows the audit trail’s changed instants in local time and an empty value as a dash, not as stored', async () => {
    const page = await openAs(users.auditor!, '/audit?entity=lock_device');
    const row = page.getByRole('row', { name: /Ändrade/ }).first();
    await row.getByText(/Visa ändringar/).click();
    // The field by its label (web-audit-changes.test.ts), not as the server records it (installedAt).
    const installed = page.getByRole('row', { name: /^Installerat/ });
    await installed.waitFor();
    expect(await installed.getByRole('cell').allTextContents()).toEqual(['–', '4 mars 2026 09:00']);
    await saveScreenshot(page, 'walkthrough-audit-changes');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    const installedEn = page.getByRole('row', { name: /^Installed/ });
    expect(await installedEn.getByRole('cell').allTextContents()).toEqual(['–', '4 Mar 2026, 09:00']);

    await page.goto(`${server.url}/audit?entity=locksmith_company`);
    const companyRow = page.getByRole('row', { name: /Created/ }).first();
    await companyRow.getByText(/Show changes/).click();
    const contracted = companyRow.getByRole('row', { name: /Emergency opening contract/ });
    expect(await contracted.getByRole('cell').last().textContent()).toBe('Yes');
  });

  it('names an emergency’s case in the reader’s language, once beside its tag', async () => {
    const page = await openAs(users.auditor!, '/support');
    const row = page.getByRole('row', { name: /Nödöppning/ });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Kommer inte in Nödöppning');
    await page.getByRole('button', { name: 'English' }).click();
    const rowEn = page.getByRole('row', { name: /Emergency opening/ });
    expect(await rowEn.getByRole('cell').nth(1).textContent()).toBe('Cannot get in Emergency opening');
    await saveScreenshot(page, 'walkthrough-support-emergency-en');
    await rowEn.getByRole('link').first().click();
    await page.getByRole('heading', { name: /: Cannot get in$/, level: 1 }).waitFor();
    expect(page.url()).toContain(emergencyCaseId);
  });

  it('names each door a property owner may raise a case about with its address', async () => {
    const page = await openAs(users.owner!, '/support');
    await page.getByRole('button', { name: 'Nytt ärende' }).click();
    const door = page.getByRole('dialog').getByLabel('Dörr');
    await expect.poll(() => door.locator('option').allTextContents()).toContain('Tvättstuga, Storgatan 1');
    await saveScreenshot(page, 'walkthrough-support-owner-doors');
  });

  it('says why a leaver’s key was blocked in words, not as the reason code', async () => {
    const page = await openAs(users.admin!, `/keys/${world.digitalKey.b}`);
    await page.getByText('Anställningen har upphört').first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain('employment_ended');
    await page.goto(`${server.url}/block-list`);
    await page.getByRole('cell', { name: 'Anställningen har upphört' }).first().waitFor();
    await page.goto(`${server.url}/staff/${world.staffMember.b}`);
    await page.getByText('Anställningen har upphört').first().waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Employment ended').first().waitFor();
    await page.goto(`${server.url}/keys`);
    await page.getByRole('cell', { name: 'Employment ended' }).first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain('employment_ended');
  });
});
