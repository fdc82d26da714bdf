// Reading the audit page's changes column in a real browser, for the tests of what it says
// (web-audit-changes.test.ts, web-audit-references.test.ts).
import type { Locator, Page } from 'playwright-core';

/** The first entry of the page whose row names `action`. */
export const findEntry = (page: Page, action: RegExp): Locator =>
  page.locator('tbody > tr', { hasText: action }).first();

/**
 * The changes of the first entry whose row names `action`, opened unless they are: each changed
 * field's row as its cells' texts (field, before, after).
 */
export async function readChanges(page: Page, action: RegExp): Promise<string[][]> {
  const changes = findEntry(page, action).locator('details.audit-changes');
  if ((await changes.getAttribute('open')) === null) await changes.locator('summary').click();
  const rows = changes.locator('tbody tr');
  await rows.first().waitFor();
  return Promise.all(
    (await rows.all()).map(async (row) => [
      (await row.locator('th').textContent()) ?? '',
      ...(await row.locator('td').allTextContents()),
    ]),
  );
}
