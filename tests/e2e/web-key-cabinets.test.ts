// Key cabinets in the console (docs/key-cabinets.md) in a real browser (Debian's Chromium via
// playwright-core) against the real server with a fixed clock: a simulated cabinet signs and
// uploads a take the server authorised, the key stays out past the limit (red), a work lead
// authorises another take with "Ta ut nyckel" and a digital-failure reason (a support case is
// opened), and a property owner sees no cabinets. Screenshots go to test-artifacts/screenshots/.
import { ManualWorldClock } from '@portvakt/devices';
import {
  ApiClient,
  linksOfRole,
  startTestWorld,
  testPassword,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';
import { enrolCabinetUnit, pseudonymOf, putBackupKeys } from './key-cabinet.testing';

let now = new Date(Math.floor(Date.now() / 1000) * 1000 + 86_400_000);
const clock = new ManualWorldClock(Math.floor(now.getTime() / 1000));
const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
  clock.advance(minutes * 60);
};

let server: TestServer;
let world: World;
let cabinetId: string;
let workLeadName: string;
let ownerName: string;
/** Staff member SA as the staff picker lists them: "Family, Given". */
let takerLabel: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world } = started);
  const { admin, municipalityId } = started;
  workLeadName = await started.createUser('work_lead', linksOfRole(world, 'work_lead'));
  ownerName = await started.createUser('property_owner', linksOfRole(world, 'property_owner'));
  const created = await admin.post('/api/v1/key-cabinets', {
    name: 'Nyckelskåp Norr',
    location: 'Kontoret, Storgatan 3',
    slotCount: 6,
    providerId: world.provider.a,
  });
  cabinetId = created.body.id;
  const { cabinet } = await enrolCabinetUnit(admin, cabinetId, {
    slotCount: 6,
    world: clock,
    occupiedSlots: [1, 2, 4],
  });
  await putBackupKeys(server.db.pool, { municipalityId, world, keyCabinetId: cabinetId }, [
    [1, 'Lgh 1101, Storgatan 1'],
    [2, 'Port, Storgatan 1'],
    [4, 'Lgh 1102, Storgatan 1'],
  ]);
  // A planned take the cabinet records and uploads; the key then stays out past the limit.
  const workLead = await new ApiClient(server.url).login(workLeadName, testPassword);
  const take = await workLead.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
    slot: 2,
    reason: 'planned',
    staffMemberId: world.staffMember.a,
  });
  expect(take.status).toBe(201);
  const taker = (await workLead.get(`/api/v1/staff/${world.staffMember.a}`)).body as {
    givenName: string;
    familyName: string;
  };
  takerLabel = `${taker.familyName}, ${taker.givenName}`;
  advance(2);
  await cabinet.take(2, await pseudonymOf(server.db.pool, world.staffMember.a));
  expect((await cabinet.upload(cabinet.connect(server.url, cabinetId))).findings).toEqual([]);
  advance(300);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

describe('key cabinets in the console', () => {
  it('shows the slots with the overdue key in red and authorises a take with a reason', async () => {
    const page = await openAs(workLeadName, '/key-cabinets');
    await page.getByRole('heading', { name: 'Nyckelskåp', level: 1 }).waitFor({ timeout: 8000 });
    const row = page.locator('tr[data-cabinet="Nyckelskåp Norr"]');
    await row.waitFor({ timeout: 8000 });
    expect(await row.locator('.tag-overdue').textContent()).toBe('1');
    await saveScreenshot(page, 'key-cabinets-list');

    await row.getByRole('link', { name: 'Nyckelskåp Norr' }).click();
    const slots = page.locator('[data-section="cabinet-slots"]');
    const out = slots.locator('tr[data-slot="2"]');
    await out.getByText('Försenad').waitFor({ timeout: 8000 });
    expect(await out.getAttribute('class')).toBe('row-overdue');
    expect(await out.textContent()).toMatch(/Uttagen.*Planerat/);
    expect(await slots.locator('tr[data-slot="3"]').textContent()).toContain('Tomt');
    await saveScreenshot(page, 'key-cabinet-overdue');

    await slots.locator('tr[data-slot="4"]').getByRole('button', { name: 'Ta ut nyckel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ta ut nyckel ur fack 4' });
    await dialog.getByRole('combobox', { name: 'Medarbetare' }).fill(takerLabel.split(',')[0]!);
    await dialog.getByRole('option', { name: takerLabel }).first().waitFor();
    await saveScreenshot(page, 'key-cabinet-take-dialog-staff-picker', { fullPage: false });
    await dialog.getByRole('option', { name: takerLabel }).first().click();
    await dialog.getByLabel('Skäl', { exact: true }).selectOption('lock_fault');
    await dialog.getByText('Ett digitalt fel').waitFor({ timeout: 8000 });
    await dialog.getByLabel('Beskriv skälet').fill('Låset svarar inte på nyckeln');
    await saveScreenshot(page, 'key-cabinet-take-dialog');
    await dialog.getByRole('button', { name: 'Godkänn uttag' }).click();
    await page
      .getByText(/Uttaget är godkänt för fack 4\. Supportärende SUP-\d{4}-\d{6} är öppnat\./)
      .waitFor({
        timeout: 8000,
      });
    await slots.locator('tr[data-slot="4"]').getByText('Godkänd, ej uttagen').waitFor({ timeout: 8000 });
    await page.locator('[data-section="cabinet-log"]').getByText('Låsfel').waitFor({ timeout: 8000 });
    await saveScreenshot(page, 'key-cabinet-take-authorised');

    // The plan changes before the key is taken: the work lead withdraws it and the slot is free.
    await slots.locator('tr[data-slot="4"]').getByRole('button', { name: 'Återkalla' }).click();
    await page.getByText('Uttaget ur fack 4 är återkallat; facket är fritt igen.').waitFor({ timeout: 8000 });
    await slots
      .locator('tr[data-slot="4"]')
      .getByRole('button', { name: 'Ta ut nyckel' })
      .waitFor({ timeout: 8000 });
    const logRow = page.locator('[data-section="cabinet-log"] tbody tr', { hasText: 'Låsfel' }).first();
    expect(await logRow.textContent()).toContain('Återkallad');
    await saveScreenshot(page, 'key-cabinet-take-withdrawn');
    await page.context().close();
  });

  it('a property owner sees no cabinets', async () => {
    const page = await openAs(ownerName, '/key-cabinets');
    await page.getByRole('navigation').first().waitFor({ timeout: 8000 });
    expect(await page.getByRole('link', { name: 'Nyckelskåp' }).count()).toBe(0);
    expect(await page.getByText('Nyckelskåp Norr').count()).toBe(0);
    await page.context().close();
  });
});
