// Key cabinets in the console (docs/key-cabinets.md) in a real browser (Debian's Chromium via
// playwright-core) against the real server with a fixed clock: a simulated cabinet signs and
// uploads a take the server authorised, the key stays out past the limit (red), a work lead
// authorises another take with "Ta ut nyckel" and a digital-failure reason (a support case is
// opened), a lock manager registers, renames and retires a cabinet (refusals shown at the field),
// support sees no way to change cabinets, and a property owner sees no cabinets. Screenshots go to
// test-artifacts/screenshots/.
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
let lockManagerName: string;
let supportName: string;
let providerName: string;
/** Staff member SA as the staff picker lists them: "Family, Given". */
let takerLabel: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world } = started);
  const { admin, municipalityId } = started;
  workLeadName = await started.createUser('work_lead', linksOfRole(world, 'work_lead'));
  ownerName = await started.createUser('property_owner', linksOfRole(world, 'property_owner'));
  lockManagerName = await started.createUser('lock_manager', {});
  supportName = await started.createUser('support', {});
  providerName = (await admin.get(`/api/v1/providers/${world.provider.a}`)).body.name;
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
      .getByText(/Uttaget är godkänt för fack 4\. Supportärende SUP-\d{4}-[0-9A-Z]{6} är öppnat\./)
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

  it('a lock manager registers a cabinet, renames it, and retires it once it is empty', async () => {
    const page = await openAs(lockManagerName, '/key-cabinets');
    await page.locator('tr[data-cabinet="Nyckelskåp Norr"]').waitFor({ timeout: 8000 });
    await page.getByRole('button', { name: 'Nytt nyckelskåp' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nytt nyckelskåp' });
    await dialog.getByLabel('Utförare').selectOption({ label: providerName });
    await dialog.getByLabel('Plats').fill('Entrén, Sjögatan 5');
    await dialog.getByLabel('Antal fack').fill('12');
    // No name: the server's refusal names the field by its label.
    await dialog.getByRole('button', { name: 'Registrera' }).click();
    await dialog.getByText('Namn: saknas.').waitFor({ timeout: 8000 });
    await saveScreenshot(page, 'key-cabinet-create-dialog', { fullPage: false });
    await dialog.getByLabel('Namn').fill('Nyckelskåp Söder');
    await dialog.getByRole('button', { name: 'Registrera' }).click();

    await page.getByRole('heading', { name: 'Nyckelskåp Söder', level: 1 }).waitFor({ timeout: 8000 });
    const facts = await page.locator('main').textContent();
    expect(facts).toContain('Entrén, Sjögatan 5');
    expect(facts).toContain(providerName);
    expect(await page.locator('[data-section="cabinet-slots"] tbody tr').count()).toBe(12);

    await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
    const edit = page.getByRole('dialog', { name: 'Ändra uppgifter om Nyckelskåp Söder' });
    await edit.getByLabel('Namn').fill('Nyckelskåp Södra');
    await edit.getByLabel('Antal fack').fill('0');
    await edit.getByRole('button', { name: 'Spara' }).click();
    await edit.getByText('Antal fack: måste vara minst 1.').waitFor({ timeout: 8000 });
    await edit.getByLabel('Antal fack').fill('8');
    await edit.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { name: 'Nyckelskåp Södra', level: 1 }).waitFor({ timeout: 8000 });
    expect(await page.locator('[data-section="cabinet-slots"] tbody tr').count()).toBe(8);

    await page.getByRole('button', { name: 'Ta ur bruk' }).click();
    const retire = page.getByRole('dialog', { name: 'Ta Nyckelskåp Södra ur bruk' });
    expect(await retire.textContent()).toContain('bara när skåpet är tomt');
    await saveScreenshot(page, 'key-cabinet-retire-dialog', { fullPage: false });
    await retire.getByRole('button', { name: 'Ta ur bruk' }).click();
    await page.getByText('Skåpet är taget ur bruk').first().waitFor({ timeout: 8000 });
    expect(await page.getByRole('button', { name: 'Ändra uppgifter' }).count()).toBe(0);
    await page.getByRole('link', { name: /Tillbaka/ }).click();
    await page.locator('tr[data-cabinet="Nyckelskåp Norr"]').waitFor({ timeout: 8000 });
    expect(await page.locator('tr[data-cabinet="Nyckelskåp Södra"]').count()).toBe(0);

    // A cabinet holding keys is not retired: the refusal is said in the dialog, nothing changes.
    await page.getByRole('link', { name: 'Nyckelskåp Norr' }).click();
    await page.getByRole('button', { name: 'Ta ur bruk' }).click();
    const refused = page.getByRole('dialog', { name: 'Ta Nyckelskåp Norr ur bruk' });
    await refused.getByRole('button', { name: 'Ta ur bruk' }).click();
    await refused.getByText('Det finns nycklar i skåpet eller ute ur det.').waitFor({ timeout: 8000 });
    await refused.getByRole('button', { name: 'Avbryt' }).click();
    expect(await page.getByText('Skåpet är taget ur bruk').count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it('support sees no way to register or change a cabinet; a work lead only for their provider', async () => {
    const page = await openAs(supportName, '/key-cabinets');
    await page.locator('tr[data-cabinet="Nyckelskåp Norr"]').waitFor({ timeout: 8000 });
    expect(await page.getByRole('button', { name: 'Nytt nyckelskåp' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Nyckelskåp Norr' }).click();
    await page.locator('[data-section="cabinet-slots"]').waitFor({ timeout: 8000 });
    expect(await page.getByRole('button', { name: 'Ändra uppgifter' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ta ur bruk' }).count()).toBe(0);
    await page.context().close();

    // The policy lets a work lead register and change their own provider's cabinets.
    const lead = await openAs(workLeadName, '/key-cabinets');
    await lead.getByRole('button', { name: 'Nytt nyckelskåp' }).click();
    const providers = lead.getByRole('dialog', { name: 'Nytt nyckelskåp' }).getByLabel('Utförare');
    await expect.poll(() => providers.inputValue(), { timeout: 8000 }).toBe(world.provider.a);
    expect(await providers.locator('option').allTextContents()).toEqual(['Välj', providerName]);
    await lead.context().close();
  });

  it('a property owner sees no cabinets', async () => {
    const page = await openAs(ownerName, '/key-cabinets');
    await page.getByRole('navigation').first().waitFor({ timeout: 8000 });
    expect(await page.getByRole('link', { name: 'Nyckelskåp' }).count()).toBe(0);
    expect(await page.getByText('Nyckelskåp Norr').count()).toBe(0);
    await page.context().close();
  });
});
