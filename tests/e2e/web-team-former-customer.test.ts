// A team's page (/teams/{id}) as the provider's work lead sees it, when a customer the team is
// still assigned to no longer has a service from the provider: the work lead may not read that
// customer any more, and the row says so truthfully (the provider's own former customer, whose
// doors the assignment does not open) instead of calling it another provider's. Real browser,
// real server with its clock fixed, real PostgreSQL.
import { startTestWorld, unique, type TestWorld } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-12-15T12:00:00Z');
let tw: TestWorld;
let workLead: string;
let formerCustomerId: string;

beforeAll(async () => {
  await ensureWebBuild();
  tw = await startTestWorld({ now: () => now });
  const { admin, world } = tw;
  workLead = await tw.createUser('work_lead', { providerId: world.provider.a });
  const customer = await admin.post('/api/v1/customers', {
    districtId: world.district.a,
    givenName: 'Signe',
    familyName: unique('Förr'),
  });
  expect(customer.status, JSON.stringify(customer.body)).toBe(201);
  formerCustomerId = customer.body.id;
  const service = await admin.post('/api/v1/customer-services', {
    customerId: formerCustomerId,
    service: 'home_care',
    providerId: world.provider.a,
    startsOn: '2021-05-26',
  });
  expect(service.status, JSON.stringify(service.body)).toBe(201);
  // Assigned since the service began (written as it stood then), and never taken away.
  await tw.server.db.pool.query(
    `INSERT INTO team_customer (municipality_id, team_id, customer_id, valid_from, granted_by)
     VALUES ($1, $2, $3, '2021-05-26T06:00:00Z', 'test')`,
    [tw.municipalityId, world.team.a, formerCustomerId],
  );
  // The service ended last month.
  await tw.server.db.pool.query(`UPDATE customer_service SET ends_on = '2026-11-30' WHERE id = $1`, [
    service.body.id,
  ]);
}, 180_000);

afterAll(async () => {
  await tw?.server.close();
});

const { openPage } = useBrowser(() => tw.server.url, { viewport: { width: 1400, height: 1000 } });

describe('a team’s customers on the work lead’s team page', () => {
  it('shows a former customer of the provider as such, opening nothing, not as another provider’s', async () => {
    const lead = await tw.login('work_lead', { providerId: tw.world.provider.a });
    // What the page builds on: the assignment is listed, the customer is no longer the lead's to read.
    const assignments = await lead.get(`/api/v1/team-customers?teamId=${tw.world.team.a}`);
    expect(assignments.body.items.map((row: { customerId: string }) => row.customerId)).toContain(
      formerCustomerId,
    );
    expect((await lead.get(`/api/v1/customers/${formerCustomerId}`)).status).toBe(404);

    const page = await openPage();
    // The console judges "current" by the browser's clock: the server's fixed one.
    await page.clock.setFixedTime(now);
    await logIn(page, `${tw.server.url}/teams/${tw.world.team.a}`, workLead);
    const section = page.getByRole('region', { name: 'Kunder i teamet' });
    await section
      .getByText('Kund som inte längre har insats hos er')
      .waitFor({ timeout: 10_000 })
      .catch(async (error) => {
        await saveScreenshot(page, 'debug-team');
        console.log(await page.locator('main').innerText());
        throw error;
      });
    const former = section
      .getByRole('listitem')
      .filter({ hasText: 'Kund som inte längre har insats hos er' });
    expect(await former.textContent()).toContain('Öppnar inga dörrar');
    expect(await former.textContent()).not.toContain('Gäller nu');
    expect(await section.textContent()).not.toContain('Annan utförare');
    // The intro no longer promises every listed customer's doors.
    expect(await section.textContent()).toContain('Så länge utföraren har insats hos kunden');
    // The customer the provider still serves is named and current.
    const served = section
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Karl Berg' }) });
    await served.getByText('Gäller nu').waitFor();
    await saveScreenshot(page, 'team-former-customer');
  });
});
