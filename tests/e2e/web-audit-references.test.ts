// The audit trail's references in a real browser (Debian's Chromium via playwright-core) against
// the real server with its clock fixed: a changed field that holds another record's id (a lock's
// door, a service's provider and customer) is said by that record's name, linked to its page where
// the console has one; a record no longer there is "(borttagen)" with its id in the title; an
// object value (a door's opening hours) is a list of labelled values, not JSON. Screenshots go to
// test-artifacts/screenshots/.
import {
  makeAuditReferenceRecords,
  startTestWorld,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { findEntry, readChanges } from './web-audit.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-12-15T12:00:00Z');
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The changes' texts but the entry's own id (its "Id" row): what should name no record by id. */
const besidesOwnId = (rows: string[][]) =>
  rows
    .filter(([field]) => field !== 'Id')
    .flat()
    .join(' ');

let server: TestServer;
let world: World;
let adminName: string;
let customerName: string;
const made: Record<string, string> = {};

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world } = started);
  const { admin } = started;
  adminName = await started.createUser('municipality_admin');
  Object.assign(made, await makeAuditReferenceRecords(admin, world, '2026-12-01'));
  const customer = (await admin.get(`/api/v1/customers/${world.customer.a}`)).body;
  customerName = `${customer.givenName} ${customer.familyName}`;
  const hours = await admin.patch(`/api/v1/doors/${made.door}`, {
    openingMethod: 'door_code',
    openingHours: [{ from: '06:00', to: '22:00', days: [1, 2, 3, 4, 5] }],
  });
  expect(hours.status, JSON.stringify(hours.body)).toBe(200);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url, { viewport: { width: 1400, height: 900 } });

/** The cell of `field`'s row in the opened changes of the first entry naming `action`: before or after. */
const changeCell = (page: Page, action: RegExp, field: string, column: 'before' | 'after') =>
  findEntry(page, action)
    .locator('details.audit-changes tbody tr', {
      has: page.getByRole('rowheader', { name: field, exact: true }),
    })
    .locator('td')
    .nth(column === 'before' ? 0 : 1);

describe('the records the audit trail’s changes refer to', () => {
  it('names a lock’s door by its address and label, not its id', async () => {
    const page = await openAs(adminName, `/audit?entity=lock_device&action=create&entityId=${made.lock}`);
    const rows = await readChanges(page, /Skapade/);
    await saveScreenshot(page, 'audit-references-lock-door-sv');
    expect(rows).toContainEqual(['Dörr', '', 'Storgatan 3, port']);
    expect(besidesOwnId(rows)).not.toMatch(uuidPattern);
    // No console page shows one door: the name is not a link, and its id stays at hand.
    const door = changeCell(page, /Skapade/, 'Dörr', 'after');
    expect(await door.getByRole('link').count()).toBe(0);
    expect(await door.locator('[title]').getAttribute('title')).toBe(made.door);
    await page.context().close();
  });

  it('names a service’s provider and customer, linked to their pages, in Swedish and in English', async () => {
    const page = await openAs(adminName, `/audit?entity=customer_service&entityId=${made.service}`);
    const rows = await readChanges(page, /Skapade/);
    await saveScreenshot(page, 'audit-references-service-sv');
    expect(rows).toContainEqual(['Utförare', '', 'Omsorg AB']);
    expect(rows).toContainEqual(['Kund', '', customerName]);
    expect(besidesOwnId(rows)).not.toMatch(uuidPattern);
    const provider = changeCell(page, /Skapade/, 'Utförare', 'after').getByRole('link', {
      name: 'Omsorg AB',
    });
    expect(await provider.getAttribute('href')).toBe(`/providers/${made.provider}`);
    const customer = changeCell(page, /Skapade/, 'Kund', 'after').getByRole('link', { name: customerName });
    expect(await customer.getAttribute('href')).toBe(`/customers/${world.customer.a}`);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    await expect.poll(() => readChanges(page, /Created/)).toContainEqual(['Provider', '', 'Omsorg AB']);
    await page.getByRole('button', { name: 'Svenska' }).click();

    await provider.click();
    await page.getByRole('heading', { name: 'Omsorg AB', level: 1 }).waitFor();
    await page.context().close();
  });

  it('says a record no longer there as removed, its id kept in the title', async () => {
    const page = await openAs(adminName, `/audit?entity=team&action=create&entityId=${made.goneTeam}`);
    const rows = await readChanges(page, /Skapade/);
    await saveScreenshot(page, 'audit-references-removed-sv');
    expect(rows).toContainEqual(['Utförare', '', '(borttagen)']);
    const gone = changeCell(page, /Skapade/, 'Utförare', 'after');
    expect(await gone.getByRole('link').count()).toBe(0);
    expect(await gone.locator('[title]').getAttribute('title')).toBe(made.goneProvider);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    await expect.poll(() => readChanges(page, /Created/)).toContainEqual(['Provider', '', '(removed)']);
    await page.context().close();
  });

  it('says an object value as its labelled values, not as JSON', async () => {
    const page = await openAs(adminName, `/audit?entity=door&action=update&entityId=${made.door}`);
    const rows = await readChanges(page, /Ändrade/);
    await saveScreenshot(page, 'audit-references-opening-hours-sv');
    expect(rows).toContainEqual(['Öppnas med', '–', 'portkod']);
    expect(rows).toContainEqual([
      'Tider dörren kan öppnas',
      '–',
      'Från: 06:00; Till: 22:00; Dagar: mån, tis, ons, tors, fre',
    ]);
    expect(rows.flat().join(' ')).not.toMatch(/[{}[\]"]/);
    await page.context().close();
  });
});
