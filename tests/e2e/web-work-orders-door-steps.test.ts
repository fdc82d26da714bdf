// The work orders no action at the door finishes (battery, repair, cylinder change) in a real
// browser against the real server with its clock fixed (docs/work-orders.md "Console"): the
// installer, on a phone-sized screen, starts a battery order and marks the battery changed, which
// records the lock's battery change (R2.4); a repair that could not be done is failed with a
// reason. And the planner's booking that ends before it starts is refused in a booking's words.
// Screenshots go to test-artifacts/screenshots/.
import {
  ApiClient,
  startTestWorld,
  testPassword,
  unique,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2027-03-10T09:00:00Z');

let server: TestServer;
let world: World;
let lockManager: string;
let installer: string;
let planner: ApiClient;
let batteryOrder: { id: string; reference: string };
let repairOrder: { id: string; reference: string };

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world } = started);
  lockManager = await started.createUser('lock_manager');
  installer = unique('ines').toLowerCase();
  const made = await started.admin.post('/api/v1/users', {
    username: installer,
    displayName: 'Ines Montör',
    password: testPassword,
    role: 'installer',
    locksmithCompanyId: world.locksmithCompany.a,
  });
  planner = await new ApiClient(server.url).login(lockManager, testPassword);
  const plan = async (body: Record<string, unknown>) => {
    const order = (await planner.post('/api/v1/work-orders', body)).body;
    const patched = await planner.patch(`/api/v1/work-orders/${order.id}`, {
      version: order.version,
      assignedUserId: made.body.id,
      bookedFrom: '2027-03-10T09:30:00Z',
      bookedUntil: '2027-03-10T10:00:00Z',
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const planned = await planner.post(`/api/v1/work-orders/${order.id}/transitions`, { to: 'planned' });
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
    return { id: order.id as string, reference: order.reference as string };
  };
  batteryOrder = await plan({ kind: 'battery', doorId: world.door.a, lockDeviceId: world.lockDevice.a });
  repairOrder = await plan({ kind: 'repair', doorId: world.door.b, notes: 'Låset kärvar' });
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const browser = useBrowser(() => server.url);
const openAs = (username: string, viewport: { width: number; height: number }) =>
  browser.openAs(username, '/', { viewport });

async function expectPhoneFit(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

describe('the installer’s steps for orders finished by their state', () => {
  it('starts a battery order and marks the battery changed, recorded on the lock', async () => {
    const page = await openAs(installer, { width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Mina jobb', level: 1 }).waitFor();
    await page.goto(`${server.url}/installer/${batteryOrder.id}`);
    await page.getByRole('heading', { name: `Batteribyte · ${batteryOrder.reference}` }).waitFor();
    const start = page.getByRole('button', { name: 'Påbörja jobbet' });
    expect((await start.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await expectPhoneFit(page);
    await saveScreenshot(page, 'installer-battery-planned');
    await start.click();

    const changed = page.getByRole('button', { name: 'Batteriet är bytt' });
    await changed.waitFor();
    expect((await changed.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect(await page.getByRole('button', { name: 'Det gick inte att göra' }).count()).toBe(1);
    await expectPhoneFit(page);
    await saveScreenshot(page, 'installer-battery-in-progress');
    await changed.click();
    await page.getByText('Klart! Batteribytet är registrerat på låset.').waitFor();
    await saveScreenshot(page, 'installer-battery-done');

    const order = await planner.get(`/api/v1/work-orders/${batteryOrder.id}`);
    expect(order.body.state).toBe('done');
    expect(order.body.transitions.map((step: { toState: string }) => step.toState)).toEqual([
      'requested',
      'planned',
      'in_progress',
      'done',
    ]);
    const changes = await planner.get(`/api/v1/locks/${world.lockDevice.a}/battery-changes`);
    expect(changes.body.items).toMatchObject([
      { workOrderId: batteryOrder.id, doneBy: 'installer', changedAt: now.toISOString() },
    ]);
    await page.context().close();
  });

  it('fails a repair that could not be done, only with a reason', async () => {
    const page = await openAs(installer, { width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Mina jobb', level: 1 }).waitFor();
    await page.goto(`${server.url}/installer/${repairOrder.id}`);
    await page.getByRole('heading', { name: `Reparation · ${repairOrder.reference}` }).waitFor();
    await page.getByRole('button', { name: 'Påbörja jobbet' }).click();
    await page.getByRole('button', { name: 'Jobbet är klart' }).waitFor();
    await page.getByRole('button', { name: 'Det gick inte att göra' }).click();
    await page.getByText('Skriv varför jobbet inte gick att göra.').waitFor();
    expect((await planner.get(`/api/v1/work-orders/${repairOrder.id}`)).body.state).toBe('in_progress');
    await page.getByLabel('Varför gick det inte?', { exact: false }).fill('Ingen öppnade');
    await page.getByRole('button', { name: 'Det gick inte att göra' }).click();
    await page.getByText('Ordern är markerad som misslyckad.').waitFor();
    await expectPhoneFit(page);
    await saveScreenshot(page, 'installer-repair-failed');
    const order = await planner.get(`/api/v1/work-orders/${repairOrder.id}`);
    expect(order.body).toMatchObject({ state: 'failed', stateReason: 'Ingen öppnade' });
    await page.context().close();
  });
});

describe('the planner’s booking', () => {
  it('refuses a booking that ends before it starts in a booking’s words', async () => {
    const order = (
      await planner.post('/api/v1/work-orders', { kind: 'cylinder_change', doorId: world.door.b })
    ).body;
    const page = await openAs(lockManager, { width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Arbetsordrar' }).waitFor();
    await page.goto(`${server.url}/work-orders/${order.id}`);
    await page.getByRole('heading', { name: `Cylinderbyte · ${order.reference}`, level: 1 }).waitFor();
    await page.getByLabel('Bokad från').fill('2027-03-10T14:00');
    await page.getByLabel('Bokad till').fill('2027-03-10T13:00');
    await page.getByRole('button', { name: 'Spara planering' }).click();
    const problem = page.locator('form.work-order-plan [role="alert"]');
    await problem.waitFor();
    expect(await problem.innerText()).toBe(
      'Bokningen måste börja innan den slutar: ”Bokad till” ska vara senare än ”Bokad från”.',
    );
    await saveScreenshot(page, 'work-orders-booking-reversed');
    const unchanged = await planner.get(`/api/v1/work-orders/${order.id}`);
    expect(unchanged.body).toMatchObject({ bookedFrom: null, bookedUntil: null, version: order.version });
    await page.context().close();
  });
});
