// People by name and changed days in the reader's language, in a real browser (Debian's Chromium
// via playwright-core) against the real server with its clock fixed in support hours: a webhook's
// "Skapad av" and "Avstängd av", a support case's "Anmält av" and a deviation plan's writer and
// approver name the person, not their username (docs/api.md createdByName, raisedByName, "Names
// in answers"); the audit trail writes a changed calendar day as ISO 8601 in
// Swedish and in words in English (docs/web.md "Dates"); the rollout chart's figures as a table
// stand right-aligned. Screenshots (desktop and 390 px) go to test-artifacts/screenshots/.
import type { Page } from 'playwright-core';
import { signInNamedUser, startTestWorld, unique, type TestWorld } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

/** Wednesday 10 March 2027, 10:00 in Stockholm: support is open. */
const now = new Date('2027-03-10T09:00:00Z');
const leadName = 'Anna Arbetsledare';

let tw: TestWorld;
let leadUsername: string;
let webhookId: string;
let caseId: string;
let adminName: string;
let lead: Awaited<ReturnType<typeof signInNamedUser>>['client'];

beforeAll(async () => {
  await ensureWebBuild();
  tw = await startTestWorld({ now: () => now });
  adminName = tw.adminName;
  leadUsername = unique('arbetsledare.omsorgshuset').toLowerCase();
  ({ client: lead } = await signInNamedUser(tw, {
    username: leadUsername,
    displayName: leadName,
    role: 'work_lead',
    providerId: tw.world.provider.a,
  }));
  const webhook = await lead.post('/api/v1/webhooks', {
    url: 'https://receiver.example/hooks',
    eventTypes: ['key.blocked'],
  });
  webhookId = webhook.body.id;
  const raised = await lead.post('/api/v1/support-cases', { category: 'lock_fault', title: 'Låset kärvar' });
  caseId = raised.body.id;
  const changed = await tw.admin.patch(`/api/v1/staff/${tw.world.staffMember.a}`, {
    employmentStartsOn: '2026-11-02',
  });
  if (![webhook, raised, changed].every((response) => response.status < 300))
    throw new Error(JSON.stringify([webhook.body, raised.body, changed.body]));
}, 180_000);

afterAll(async () => {
  await tw?.server.close();
});

const { openAs } = useBrowser(() => tw.server.url);

async function toEnglish(page: Page, awaited: string): Promise<void> {
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText(awaited, { exact: true }).first().waitFor();
}

/** A fact's value (`<dt>` term, `<dd>` value) on a detail page. */
const fact = (page: Page, term: string) =>
  page.locator('.fact', { has: page.locator('dt', { hasText: term }) }).locator('dd');

describe('people by name', () => {
  it('names a webhook’s creator, not their username, in Swedish and English', async () => {
    for (const [options, size] of [
      [{}, 'desktop'],
      [phone, 'phone'],
    ] as const) {
      const page = await openAs(leadUsername, `/webhooks/${webhookId}`, options);
      const createdBy = fact(page, 'Skapad av');
      await createdBy.waitFor();
      expect(await createdBy.textContent()).toMatch(new RegExp(`^${leadName}, `));
      expect(await page.locator('main').textContent()).not.toContain(leadUsername);
      await saveScreenshot(page, `names-webhook-sv-${size}`);
      await toEnglish(page, 'Created by');
      expect(await fact(page, 'Created by').textContent()).toMatch(new RegExp(`^${leadName}, `));
      await saveScreenshot(page, `names-webhook-en-${size}`);
    }
  });

  it('names a support case’s raiser in the case and the list, in Swedish and English', async () => {
    for (const [options, size] of [
      [{}, 'desktop'],
      [phone, 'phone'],
    ] as const) {
      const page = await openAs(adminName, `/support/${caseId}`, options);
      const raisedBy = fact(page, 'Anmält av');
      await raisedBy.waitFor();
      expect(await raisedBy.textContent()).toBe(leadName);
      await saveScreenshot(page, `names-support-case-sv-${size}`);
      await toEnglish(page, 'Raised by');
      expect(await fact(page, 'Raised by').textContent()).toBe(leadName);
      // The timeline's Who still names note authors by username (not yet answered by name).
      expect(await page.locator('main .facts').textContent()).not.toContain(leadUsername);
      await saveScreenshot(page, `names-support-case-en-${size}`);
    }
    const list = await openAs(adminName, '/support');
    const row = list.locator('main table tbody tr', { hasText: 'Låset kärvar' });
    await row.waitFor();
    expect(await row.textContent()).toContain(leadName);
    expect(await row.textContent()).not.toContain(leadUsername);
    await saveScreenshot(list, 'names-support-list-sv');
  });
});

describe('who wrote, approved and disabled', () => {
  it('names a deviation plan’s writer and approver, and a webhook’s disabler', async () => {
    const plan = await lead.post('/api/v1/deviation-plans', {
      body: 'Personalen ringer jourhavande låssmed.',
      validFrom: '2027-03-01',
    });
    const approved = await tw.admin.post(`/api/v1/deviation-plans/${plan.body.id}/decision`, {
      decision: 'approved',
    });
    const disabled = await lead.patch(`/api/v1/webhooks/${webhookId}`, { isEnabled: false });
    expect([plan.status, approved.status, disabled.status]).toEqual([201, 200, 200]);
    const adminDisplayName = approved.body.approvedByName as string;
    expect(adminDisplayName).toBeTruthy();

    const plans = await openAs(leadUsername, '/deviation-plans');
    const article = plans.locator('article', { hasText: 'Personalen ringer jourhavande låssmed.' });
    await article.waitFor();
    const text = (await article.textContent()) ?? '';
    expect(text).toContain(`Skriven av ${leadName}`);
    expect(text).toContain(adminDisplayName);
    expect(text).not.toContain(leadUsername);
    expect(text).not.toContain(adminName);
    await saveScreenshot(plans, 'names-deviation-plan-sv');

    const page = await openAs(adminName, `/webhooks/${webhookId}`);
    await page.getByText(`Avstängd av ${leadName}`).waitFor();
    expect(await page.locator('main').textContent()).not.toContain(leadUsername);
    await saveScreenshot(page, 'names-webhook-disabled-sv');
    await lead.patch(`/api/v1/webhooks/${webhookId}`, { isEnabled: true });
  });
});

describe('a changed day in the audit trail', () => {
  it('is ISO 8601 in Swedish and in words in English', async () => {
    const page = await openAs(
      adminName,
      `/audit?entity=staff_member&entityId=${tw.world.staffMember.a}&action=update`,
    );
    const entry = page.locator('main table tbody tr').first();
    await entry.locator('details summary').click();
    const change = entry.locator('details tr', {
      has: page.getByRole('rowheader', { name: /^(Anställd från|Employed from)$/ }),
    });
    const cells = change.locator('td');
    expect(await cells.nth(1).textContent()).toBe('2026-11-02');
    expect(await cells.nth(0).textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await saveScreenshot(page, 'days-audit-sv');
    await toEnglish(page, 'Audit trail');
    expect(await cells.nth(1).textContent()).toBe('2 Nov 2026');
    expect(await cells.nth(0).textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    await saveScreenshot(page, 'days-audit-en');
  });
});

describe('the rollout chart’s figures as a table', () => {
  it('stands its figures right-aligned, on a desktop and a phone', async () => {
    for (const [options, size] of [
      [{}, 'desktop'],
      [phone, 'phone'],
    ] as const) {
      const page = await openAs(adminName, '/rollout', options);
      const chart = page.locator('[data-chart="rollout"]');
      await chart.locator('summary').click();
      const figure = chart.locator('.chart-table tbody td.numeric').first();
      await figure.waitFor();
      expect(await figure.evaluate((cell) => getComputedStyle(cell).textAlign)).toBe('right');
      const header = chart.locator('.chart-table thead th.numeric').first();
      expect(await header.evaluate((cell) => getComputedStyle(cell).textAlign)).toBe('right');
      await chart.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `rollout-table-numbers-${size}`);
    }
  });
});
