// The audit trail's changes column in a real browser (Debian's Chromium via playwright-core)
// against the real server with its clock fixed: each changed field by its label, not the name the
// server records it under (`statusReason`), and each stored enumeration value (`blocked`,
// `employment_ended`, `night_patrol`) in the words the rest of the console uses, in Swedish and in
// English. Screenshots go to test-artifacts/screenshots/.
import { findEntity } from '@portvakt/core';
import { startTestWorld, type TestServer, type World } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { readChanges } from './web-audit.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-12-15T12:00:00Z');

let server: TestServer;
let world: World;
let auditorName: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world } = started);
  auditorName = await started.createUser('auditor');
  // Staff member B leaves: the server blocks B's key with the reason code employment_ended.
  const left = await started.admin.patch(`/api/v1/staff/${world.staffMember.b}`, {
    employmentEndsOn: '2026-12-14',
  });
  expect(left.status).toBe(200);
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
});
