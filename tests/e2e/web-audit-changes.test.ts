// The audit trail's changes column in a real browser (Debian's Chromium via playwright-core)
// against the real server with its clock fixed: each changed field by its label, not the name the
// server records it under (`statusReason`), and each stored enumeration value (`blocked`,
// `employment_ended`, `night_patrol`) in the words the rest of the console uses, in Swedish and in
// English; a relative's invitation withdrawn is said as such (not as a withdrawn consent) and found
// by that name in the action filter, with its status, the account it closed and who withdrew it in
// words; an API token's role and maker, and a municipality's settings, likewise.
// Screenshots go to test-artifacts/screenshots/.
import { findEntity } from '@portvakt/core';
import {
  ApiClient,
  blockKeysOfEndedEmployments,
  startTestWorld,
  testPassword,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { readChanges } from './web-audit.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-12-15T12:00:00Z');

let server: TestServer;
let world: World;
let auditorName: string;
let adminName: string;
/** The name of the admin who withdrew the invitation, made the token and changed the settings. */
let actingAdmin: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world } = started);
  auditorName = await started.createUser('auditor');
  // Staff member B leaves, today their last day; once it has passed, the employment-end sweep
  // blocks B's key with the reason code employment_ended.
  const left = await started.admin.patch(`/api/v1/staff/${world.staffMember.b}`, {
    employmentEndsOn: '2026-12-15',
  });
  expect(left.status).toBe(200);
  await blockKeysOfEndedEmployments({ pool: server.db.pool, now: new Date('2026-12-16T06:00:00Z') });

  const { admin } = started;
  adminName = await started.createUser('municipality_admin');
  actingAdmin = (await admin.get('/api/v1/auth/me')).body.displayName;
  // A relative makes an account with an invitation, which the admin then withdraws: the account closes.
  const invited = await admin.post(`/api/v1/customers/${world.customer.a}/relative-invitations`, {
    relativeName: 'Lena Berg',
    email: 'lena.berg@example.se',
  });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
  const linkToken = (invited.body.link as string).split('/').pop()!;
  const account = await new ApiClient(server.url).post(`/api/v1/relative-links/${linkToken}/account`, {
    username: 'lena.berg',
    password: testPassword,
  });
  expect(account.status, JSON.stringify(account.body)).toBe(201);
  const withdrawn = await admin.post(
    `/api/v1/relative-invitations/${invited.body.invitation.id}/withdrawal`,
    {},
  );
  expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
  const token = await admin.post('/api/v1/api-tokens', {
    name: 'Verksamhetssystemet',
    role: 'work_lead',
    providerId: world.provider.a,
  });
  expect(token.status, JSON.stringify(token.body)).toBe(201);
  const settings = await admin.patch('/api/v1/municipality', {
    settings: { relativesStaffNaming: 'first_name' },
  });
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url, { viewport: { width: 1400, height: 900 } });

describe('the audit trail’s changes', () => {
  it('names a blocked key’s fields by their labels and says its status and reason in words', async () => {
    const page = await openAs(auditorName, '/audit?entity=digital_key&action=block');
    expect(await readChanges(page, /Spärrade/)).toEqual([
      ['Status', 'Aktiv', 'Spärrad'],
      ['Anledning', '–', 'Anställningen har upphört'],
    ]);
    await saveScreenshot(page, 'audit-changes-key-blocked-sv');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    await expect
      .poll(() => readChanges(page, /Blocked/))
      .toEqual([
        ['Status', 'Active', 'Blocked'],
        ['Reason', '–', 'Employment ended'],
      ]);
    await saveScreenshot(page, 'audit-changes-key-blocked-en');
    await page.context().close();
  });

  it('says a new provider’s ownership and operations in words, and names no field by its stored name', async () => {
    const page = await openAs(auditorName, '/audit?entity=provider&action=create');
    const rows = await readChanges(page, /Skapade/);
    expect(rows).toContainEqual(['Driftform', '', 'Privat']);
    expect(rows).toContainEqual(['Verksamhet', '', 'Hemtjänst dag, Nattpatrull']);
    // Every field the registry writes has a label: none is shown by its stored name.
    const storedNames = new Set(['id', ...Object.keys(findEntity('provider').fields)]);
    expect(rows.map(([field]) => field).filter((field) => storedNames.has(field!))).toEqual([]);
    await saveScreenshot(page, 'audit-changes-provider-created-sv');
    await page.context().close();
  });

  it('says a withdrawn invitation as such, its status, who withdrew it and the account it closed in words', async () => {
    const page = await openAs(auditorName, '/audit?entity=relative_invitation');
    const withdrawal = /Drog tillbaka inbjudan/;
    const rows = await readChanges(page, withdrawal);
    // In the order the stored JSON has them (jsonb orders an object's keys by length).
    expect(rows).toEqual([
      ['Status', 'Konto skapat', 'Tillbakadragen'],
      ['Tillbakadragen', '–', '15 dec. 2026 13:00'],
      ['Tillbakadragen av', '–', actingAdmin],
      ['Kontot avstängt', 'Nej', 'Ja'],
    ]);
    expect(await page.locator('tbody').getByText('Registrerade återkallat samtycke').count()).toBe(0);
    await saveScreenshot(page, 'audit-changes-invitation-withdrawn-sv');

    // The action filter finds the withdrawal by the name the page gives it.
    await page.goto(`${server.url}/audit`);
    await page.getByLabel('Vad').selectOption({ label: 'Drog tillbaka inbjudan' });
    await expect.poll(() => new URL(page.url()).search).toContain('action=withdraw');
    expect(new URL(page.url()).searchParams.get('entity')).toBe('relative_invitation');
    // The unfiltered list stays on screen until the filtered one arrives, and it has the withdrawal
    // too: wait for the list that has it and nothing else.
    const isOnlyWithdrawals = async () =>
      (await page.locator('tbody > tr', { hasText: withdrawal }).count()) > 0 &&
      (await page.locator('tbody > tr', { hasText: /Skapade/ }).count()) === 0;
    await expect.poll(isOnlyWithdrawals).toBe(true);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    expect(await page.getByLabel('What').locator('option:checked').textContent()).toBe(
      'Withdrew the invitation',
    );
    await expect
      .poll(() => readChanges(page, /Withdrew the invitation/))
      .toEqual([
        ['Status', 'Account created', 'Withdrawn'],
        ['Withdrawn', '–', '15 Dec 2026, 13:00'],
        ['Withdrawn by', '–', actingAdmin],
        ['Account disabled', 'No', 'Yes'],
      ]);
    await saveScreenshot(page, 'audit-changes-invitation-withdrawn-en');
    await page.getByRole('button', { name: 'Svenska' }).click();

    await page.goto(`${server.url}/audit?entity=user_account&action=update`);
    expect(await readChanges(page, /Ändrade/)).toEqual([
      ['Avstängt', 'Nej', 'Ja'],
      ['Anledning', '', 'Anhöriginbjudan drogs tillbaka'],
    ]);
    await page.goto(`${server.url}/audit?entity=user_account&action=create`);
    const made = await readChanges(page, /Skapade/);
    expect(made).toContainEqual(['Roll', '', 'Anhörig']);
    expect(made).toContainEqual(['Inbjuden av', '', actingAdmin]);
    // The auditor reads no invitations: the invitation is left as recorded, by its label.
    expect(made.map(([field]) => field)).toContain('Inbjudan');
    await saveScreenshot(page, 'audit-changes-relative-account-sv');
    await page.context().close();
  });

  it('says an API token’s role and who made it by name, to the admin and the auditor', async () => {
    for (const reader of [adminName, auditorName]) {
      const page = await openAs(reader, '/audit?entity=api_token&action=create');
      const rows = await readChanges(page, /Skapade/);
      expect(rows).toContainEqual(['Roll', '', 'Arbetsledare']);
      expect(rows).toContainEqual(['Skapad av', '', actingAdmin]);
      expect(rows).toContainEqual(['Bara läsning', '', 'Nej']);
      expect(rows.flat().join(' ')).not.toMatch(/work_lead|createdBy|tokenPrefix/);
      if (reader === adminName) await saveScreenshot(page, 'audit-changes-api-token-sv');
      await page.context().close();
    }
  });

  it('says a municipality’s changed setting by what it sets, its value in words', async () => {
    const page = await openAs(auditorName, '/audit?entity=municipality&action=update');
    const rows = await readChanges(page, /Ändrade/);
    expect(rows).toContainEqual(['Inställningar', '–', 'Personal i anhörigas besökslista: Förnamn']);
    expect(rows.flat().join(' ')).not.toMatch(/relativesStaffNaming|first_name/);
    await saveScreenshot(page, 'audit-changes-settings-sv');
    await page.context().close();
  });
});
