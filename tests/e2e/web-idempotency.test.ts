// The console's changes carry an Idempotency-Key and are sent again with it when the answer is
// lost (docs/idempotency.md "The web console"), in a real browser (Debian's Chromium via
// playwright-core) against the real server over real PostgreSQL with its clock fixed. The
// browser's first POST reaches the server and is saved, but its answer is cut on the way back, as
// a proxy does when a server process dies; the console sends it again with the same key, gets the
// first answer replayed and shows the company: one company, not two. Screenshots go to
// test-artifacts/screenshots/.
import { createMunicipality, createUser, startTestServer, type TestServer } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const clock = new Date('2027-02-08T09:00:00Z');
const companyName = 'Dubbellås Portvik AB';
let server: TestServer;
let lockManagerName: string;

beforeAll(async () => {
  await ensureWebBuild();
  server = await startTestServer({ now: () => clock });
  const municipality = await createMunicipality(server.db.pool, undefined, 'Portviks kommun');
  lockManagerName = await createUser(server.db.pool, municipality, 'lock_manager');
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

describe('the console through a lost answer', () => {
  it('sends a change again with the same key and saves it once', async () => {
    const page = await openAs(lockManagerName, '/locksmith-companies');
    await page.getByRole('heading', { name: 'Låssmedsföretag', level: 1 }).waitFor();
    const sent: { key: string | undefined; status: number; replayed: string | undefined }[] = [];
    await page.route('**/api/v1/locksmith-companies', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const key = route.request().headers()['idempotency-key'];
      const response = await route.fetch();
      sent.push({ key, status: response.status(), replayed: response.headers()['idempotent-replayed'] });
      // The first answer never reaches the page; the server has saved the company all the same.
      if (sent.length === 1) return route.abort('connectionreset');
      return route.fulfill({ response });
    });

    await page.getByRole('button', { name: 'Nytt låssmedsföretag' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nytt låssmedsföretag' });
    await dialog.getByLabel('Namn').fill(companyName);
    await dialog.getByLabel('Organisationsnummer').fill('556677-1233');
    await dialog.getByRole('button', { name: 'Registrera' }).click();
    await page.getByRole('heading', { name: companyName, level: 1 }).waitFor();
    await saveScreenshot(page, 'idempotency-company-saved-once');

    expect(sent).toHaveLength(2);
    expect(sent[0]!.key).toMatch(/^[0-9a-f]{32}$/);
    expect(sent[1]!.key).toBe(sent[0]!.key);
    expect(sent.map(({ status, replayed }) => [status, replayed])).toEqual([
      [201, undefined],
      [201, 'true'],
    ]);
    const { rows } = await server.db.superuser.query('SELECT id FROM locksmith_company WHERE name = $1', [
      companyName,
    ]);
    expect(rows).toHaveLength(1);
    expect(page.url()).toContain(rows[0].id);
    await page.context().close();
  });
});
