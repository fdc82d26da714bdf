// Ordering work by hand in the console (docs/work-orders.md "Console"), in a real browser against
// the real server with its clock fixed: the lock manager finds a property by typing part of its
// address, picks a door and orders a repair from the planning board, and lands on the new order;
// the same order again is refused in words that say why; from a lock's page the door is known and
// an install is not offered. A work lead, who reads orders but does not make them, gets no button.
// Screenshots go to test-artifacts/screenshots/.
import {
  ApiClient,
  startTestWorld,
  testPassword,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2027-03-10T09:00:00Z');

let server: TestServer;
let world: World;
let lockManager: string;
let workLead: string;
let planner: ApiClient;
let entrance: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world } = started);
  const { admin } = started;
  lockManager = await started.createUser('lock_manager');
  workLead = await started.createUser('work_lead', { providerId: world.provider.a });
  planner = await new ApiClient(server.url).login(lockManager, testPassword);
  const property = await admin.post('/api/v1/properties', {
    districtId: world.district.a,
    designation: 'Björken 3',
    streetAddress: 'Björkvägen 12',
    city: 'Portvik',
  });
  expect(property.status, JSON.stringify(property.body)).toBe(201);
  const door = async (kind: string, label: string, floor: number | null) =>
    (await admin.post('/api/v1/doors', { propertyId: property.body.id, kind, label, floor })).body
      .id as string;
  entrance = await door('entrance', 'Port A', 0);
  await door('apartment_door', 'Lgh 1201', 2);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const browser = useBrowser(() => server.url, { viewport: { width: 1280, height: 900 } });

const manualOrders = async () =>
  (await planner.get('/api/v1/work-orders?limit=100')).body.items as Array<{
    id: string;
    kind: string;
    doorId: string;
  }>;

describe('a work order made by hand', () => {
  it('is ordered from the planning board on a door found by its address', async () => {
    const before = await manualOrders();
    const page = await browser.openAs(lockManager, '/work-orders');
    await page.getByRole('heading', { name: 'Arbetsordrar', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ny arbetsorder' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny arbetsorder' });
    await dialog.waitFor();

    // Sent without a door: said at the door, and nothing is made.
    await dialog.getByRole('button', { name: 'Skapa ordern' }).click();
    await dialog.getByText('Välj fastighet och dörr.').waitFor();
    expect(await manualOrders()).toHaveLength(before.length);

    // Typed without the accent, found by the street address.
    await dialog.getByRole('combobox', { name: 'Fastighet' }).fill('bjorkv');
    await dialog.getByRole('option', { name: /Björkvägen 12/ }).click();
    await dialog.getByLabel('Dörr', { exact: true }).selectOption({ label: 'Port A (Port, våning 0)' });
    expect(await dialog.getByText('Välj fastighet och dörr.').count()).toBe(0);
    await dialog.getByLabel('Typ').selectOption({ label: 'Reparation' });
    await dialog.getByLabel('Anteckningar').fill('Låset kärvar vid stängning');
    await dialog.getByLabel('Planerad tid (minuter)').fill('45');
    await saveScreenshot(page, 'work-orders-new-dialog');
    await dialog.getByRole('button', { name: 'Skapa ordern' }).click();

    const heading = page.getByRole('heading', { name: /^Reparation · / });
    await heading.waitFor();
    const made = (await manualOrders()).filter((order) => !before.some((old) => old.id === order.id));
    expect(made).toHaveLength(1);
    const order = (await planner.get(`/api/v1/work-orders/${made[0]!.id}`)).body;
    expect(order).toMatchObject({
      kind: 'repair',
      doorId: entrance,
      origin: 'manual',
      state: 'requested',
      plannedMinutes: 45,
      notes: 'Låset kärvar vid stängning',
    });
    expect(page.url()).toBe(`${server.url}/work-orders/${order.id}`);
    expect(await heading.innerText()).toBe(`Reparation · ${order.reference}`);
    await saveScreenshot(page, 'work-orders-new-made');

    // The same kind on the same door while it is open: refused, in words that say so.
    await page.goto(`${server.url}/work-orders`);
    await page.getByRole('button', { name: 'Ny arbetsorder' }).click();
    await dialog.getByRole('combobox', { name: 'Fastighet' }).fill('Björken');
    await dialog.getByRole('option', { name: /Björkvägen 12/ }).click();
    await dialog.getByLabel('Dörr', { exact: true }).selectOption({ label: 'Port A (Port, våning 0)' });
    await dialog.getByLabel('Typ').selectOption({ label: 'Reparation' });
    await dialog.getByRole('button', { name: 'Skapa ordern' }).click();
    await dialog
      .getByText(
        'Dörren har redan en öppen order av typen reparation. Öppna den på planeringstavlan i stället.',
      )
      .waitFor();
    expect(await manualOrders()).toHaveLength(before.length + 1);
    await page.context().close();
  });

  it('is ordered from a lock’s page for its door, without an install', async () => {
    const page = await browser.openAs(lockManager, `/locks/${world.lockDevice.a}`);
    await page.getByRole('button', { name: 'Ny arbetsorder' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny arbetsorder' });
    await dialog.getByText('Storgatan 1').waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Fastighet' }).count()).toBe(0);
    const kinds = await dialog.getByLabel('Typ').locator('option').allTextContents();
    expect(kinds).not.toContain('Montering');
    expect(kinds).toContain('Batteribyte');
    await dialog.getByLabel('Typ').selectOption({ label: 'Batteribyte' });
    await saveScreenshot(page, 'work-orders-new-from-lock', { fullPage: false });
    await dialog.getByRole('button', { name: 'Skapa ordern' }).click();
    await page.getByRole('heading', { name: /^Batteribyte · / }).waitFor();
    const id = page.url().split('/').at(-1)!;
    const order = (await planner.get(`/api/v1/work-orders/${id}`)).body;
    expect(order).toMatchObject({
      kind: 'battery',
      doorId: world.door.a,
      lockDeviceId: world.lockDevice.a,
      origin: 'manual',
    });
    await page.context().close();
  });

  it('is not offered to a work lead, who reads orders but does not make them', async () => {
    const page = await browser.openAs(workLead, '/work-orders');
    await page.getByRole('heading', { name: 'Arbetsordrar', level: 1 }).waitFor();
    await page.getByText('Inga ordrar.').or(page.locator('.work-order-board')).first().waitFor();
    expect(await page.getByRole('button', { name: 'Ny arbetsorder' }).count()).toBe(0);
    const refused = await (
      await new ApiClient(server.url).login(workLead, testPassword)
    ).post('/api/v1/work-orders', { kind: 'repair', doorId: entrance });
    expect(refused.status).toBe(403);
    await page.context().close();
  });
});
