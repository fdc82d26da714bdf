// The console fixes of issue #9 item 9 in a real browser (Debian's Chromium through
// playwright-core) against the real server and database, with a day of openings and refusals
// made by the simulated devices (tests/e2e/event-log.world.ts): event rows name doors without
// lookups the role may not make; the key list names holders without a request per row; a work
// lead blocks a key, sees how far the block has reached and issues a replacement; a lock manager
// dismounting a lock on a customer's way in is told who loses access and must give a reason.
// Screenshots go to test-artifacts/screenshots/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestServer, type TestServer } from '@portvakt/server/testing';
import { createEventWorld, type EventWorld } from './event-log.world';
import { logIn as logInAt, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';
import { recordActivity } from './web-events.world';

let server: TestServer;
let w: EventWorld;
let workLead: string;
let lockManager: string;

beforeAll(async () => {
  await ensureWebBuild();
  server = await startTestServer();
  // Two days ago at 07:00 UTC: inside the customer page's 30 days, whatever today is.
  const start = Math.floor(Date.now() / 86_400_000) * 86_400 - 2 * 86_400 + 7 * 3600;
  w = await createEventWorld(server.db.pool, start);
  await recordActivity(w, start, 1);
  workLead = await createUser(server.db.pool, w.municipalityId, 'work_lead', { providerId: w.providerA });
  lockManager = await createUser(server.db.pool, w.municipalityId, 'lock_manager');
}, 180_000);

afterAll(async () => {
  await server?.close();
});

// The machine's time zone, as the event rows' days are computed in Node.
const browser = useBrowser(() => server.url, { timezoneId: undefined });

/** A page that records every API answer it gets (path and status). */
async function openPage(): Promise<{ page: Page; answers: Array<{ path: string; status: number }> }> {
  const page = await browser.openPage();
  page.setDefaultTimeout(10_000);
  const answers: Array<{ path: string; status: number }> = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/')) answers.push({ path: url.pathname, status: response.status() });
  });
  return { page, answers };
}

async function logIn(page: Page, username: string, path: string): Promise<void> {
  await logInAt(page, `${server.url}${path}`, username);
}

describe('console fixes (issue #9 item 9)', () => {
  it('a work lead’s customer page names the doors and locks of recent events, without asking for doors or locks', async () => {
    const { page, answers } = await openPage();
    await logIn(page, workLead, `/customers/${w.customer}`);
    const table = page.getByRole('table', { name: 'Senaste öppningar och nekade försök' });
    await table.getByRole('cell', { name: 'Port A (Port)' }).first().waitFor();
    await expect(
      table.getByRole('cell', { name: 'Lgh 1001 (Lägenhetsdörr)' }).count(),
    ).resolves.toBeGreaterThan(0);
    await expect(table.getByRole('cell', { name: 'Lås nr 2' }).count()).resolves.toBeGreaterThan(0);
    await saveScreenshot(page, 'fix-work-lead-customer-events');
    expect(answers.filter((answer) => /^\/api\/v1\/(doors|locks)\//.test(answer.path))).toEqual([]);
    expect(answers.filter((answer) => answer.status >= 400 && answer.path !== '/api/v1/auth/me')).toEqual([]);
    await page.context().close();
  });

  it('the lock manager’s key list names the holders with no request per row', async () => {
    const { page, answers } = await openPage();
    await logIn(page, lockManager, '/keys');
    const table = page.getByRole('table');
    await table.getByRole('cell', { name: 'Anna Andersson' }).first().waitFor();
    await expect(table.getByRole('cell', { name: 'Bertil Berg' }).count()).resolves.toBeGreaterThan(0);
    await saveScreenshot(page, 'fix-lock-manager-keys');
    expect(answers.filter((answer) => answer.path.startsWith('/api/v1/staff'))).toEqual([]);
    // Only the session check before logging in may fail.
    expect(answers.filter((answer) => answer.status >= 400 && answer.path !== '/api/v1/auth/me')).toEqual([]);
    await page.context().close();
  });

  it('a work lead blocks a key, sees which locks lag, and issues a replacement', async () => {
    const { page } = await openPage();
    await logIn(page, workLead, `/keys/${w.keyIds.keyA}`);
    await page.getByRole('button', { name: 'Spärra nyckeln' }).click();
    await page.getByLabel('Anledning till spärren').fill('Borttappad vid besök');
    await page.getByRole('button', { name: 'Spärra', exact: true }).click();
    await page.getByText('0 av 2 berörda lås har fått spärren.').waitFor();
    const lagging = page.getByRole('table', { name: /Lås som ännu inte har fått spärren/ });
    await lagging.getByRole('cell', { name: 'Port A (Port)' }).waitFor();
    await expect(lagging.getByRole('cell', { name: 'Storgatan 1' }).count()).resolves.toBe(2);
    await saveScreenshot(page, 'fix-work-lead-block-list-reach');

    await page.getByRole('button', { name: 'Lämna ut ny nyckel' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Den nya nyckeln registreras på Anna Andersson').waitFor();
    await dialog.getByRole('button', { name: 'Registrera nyckeln' }).click();
    await dialog.getByText('Skriv in den nya nyckelns serienummer.').waitFor();
    // The old key's serial, typed in other case, is taken: the refusal names the field by its label.
    const { rows: old } = await server.db.pool.query<{ serial: string }>(
      'SELECT serial FROM digital_key WHERE id = $1',
      [w.keyIds.keyA],
    );
    await dialog.getByLabel(/Serienummer på den nya nyckeln/).fill(old[0]!.serial.toUpperCase());
    await dialog.getByRole('button', { name: 'Registrera nyckeln' }).click();
    await dialog.getByText(/^Serienummer på den nya nyckeln: /).waitFor();
    await dialog.getByLabel(/Serienummer på den nya nyckeln/).fill('HK-ERSATT-1');
    await saveScreenshot(page, 'fix-work-lead-replacement-dialog');
    await dialog.getByRole('button', { name: 'Registrera nyckeln' }).click();
    await page.getByRole('heading', { level: 1, name: /HK-ERSATT-1/ }).waitFor();
    await page.getByText('Den nya nyckeln är registrerad.').waitFor();
    await expect(page.getByText('Anna Andersson').count()).resolves.toBeGreaterThan(0);
    await saveScreenshot(page, 'fix-work-lead-replacement-issued');
    const { rows } = await server.db.pool.query<{ status: string; holder: string; provider: string }>(
      `SELECT status, holder_staff_member_id AS holder, provider_id AS provider FROM digital_key WHERE serial = 'HK-ERSATT-1'`,
    );
    expect(rows).toEqual([{ status: 'active', holder: w.staffA.id, provider: w.providerA }]);
    await page.context().close();
  });

  it('dismounting a lock on a customer’s way in shows who loses access and needs a reason', async () => {
    const { page } = await openPage();
    await logIn(page, lockManager, `/locks/${w.lockIds.apartment}`);
    await page.getByRole('button', { name: 'Montera ned' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Montera ned' }).click();
    await dialog.getByRole('link', { name: 'Karl Lund' }).waitFor();
    await dialog.getByText(/är på vägen in till en kund med pågående insats/).waitFor();
    await saveScreenshot(page, 'fix-dismount-who-loses-access');
    await dialog.getByRole('button', { name: 'Montera ned ändå' }).click();
    await dialog.getByText(/Skriv varför låset monteras ned ändå/).waitFor();
    await dialog.getByLabel('Varför monteras låset ned ändå?').fill('Låset byts mot ny modell');
    await dialog.getByRole('button', { name: 'Montera ned ändå' }).click();
    await page.getByText('Låset är nedmonterat.').waitFor();
    await page.getByText('Inte monterat på någon dörr').waitFor();
    await saveScreenshot(page, 'fix-dismount-done');
    const { rows } = await server.db.pool.query<{ after: { dismountReason: string } }>(
      `SELECT after FROM audit_entry WHERE action = 'dismount' AND entity_id = $1`,
      [w.lockIds.apartment],
    );
    expect(rows.map((row) => row.after.dismountReason)).toEqual(['Låset byts mot ny modell']);
    await page.context().close();
  });
});
