// Locksmith companies in the console, in a real browser (Debian's Chromium via playwright-core)
// against the real server over real PostgreSQL with its clock fixed: a lock manager registers a
// company (stopped at an organisation number that is none, the field marked), marks its on-call
// contract, is stopped at a phone number support cannot ring and told
// which field the server refused, adds two on-call contacts and ends one; support reads the
// company without any way to change it; a work lead (who may not read the register) has no menu
// entry and is refused the page; the emergency board's assign dialog lists the current contacts
// only; a refusal already shown follows a switch of language; text the server will not store (a
// direction control) is named at its field. Screenshots go to
// test-artifacts/screenshots/.
import {
  ApiClient,
  startTestWorld,
  testPassword,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotPath, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

// Monday 8 February 2027, 10:00 in Stockholm.
const clock = new Date('2027-02-08T09:00:00Z');
const companyName = 'Akutlås Portvik AB';
let server: TestServer;
let world: World;
let lockManagerName: string;
let supportName: string;
let workLeadName: string;
let companyId = '';

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => clock, municipalityName: 'Portviks kommun' });
  ({ server, world } = started);
  lockManagerName = await started.createUser('lock_manager');
  supportName = await started.createUser('support');
  workLeadName = await started.createUser('work_lead', { providerId: world.provider.a });
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

async function currentContacts(): Promise<string[]> {
  const support = await new ApiClient(server.url).login(supportName, testPassword);
  const list = await support.get(`/api/v1/locksmith-companies/${companyId}/on-call-contacts`);
  return (list.body.items as Array<{ name: string }>).map((item) => item.name);
}

describe('locksmith companies in the console', () => {
  it('lets a lock manager register a company, mark its contract and keep its on-call contacts', async () => {
    const page = await openAs(lockManagerName, '/');
    const navigation = page.getByRole('navigation', { name: 'Huvudmeny' });
    const links = await navigation.getByRole('link').allInnerTexts();
    expect(links.indexOf('Låssmedsföretag')).toBe(links.indexOf('Arbetsordrar') + 1);
    await navigation.getByRole('link', { name: 'Låssmedsföretag' }).click();
    await page.getByRole('heading', { name: 'Låssmedsföretag', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Nytt låssmedsföretag' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nytt låssmedsföretag' });
    // Cancelling throws the draft away, as every other "new" dialog does.
    await dialog.getByLabel('Namn').fill('Felskrivet Lås AB');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Nytt låssmedsföretag' }).click();
    expect(await dialog.getByLabel('Namn').inputValue()).toBe('');
    await dialog.getByRole('button', { name: 'Registrera' }).click();
    await dialog.getByText('Ange företagets namn.').waitFor();
    await dialog.getByLabel('Namn').fill(companyName);
    // Five digits are no organisation number: the form stops it and marks the field.
    const organisationNumber = dialog.getByLabel('Organisationsnummer');
    await organisationNumber.fill('12345');
    await dialog.getByRole('button', { name: 'Registrera' }).click();
    await dialog
      .getByText('Organisationsnummer: skriv 10 siffror som NNNNNN-NNNN.', { exact: false })
      .waitFor();
    expect(await organisationNumber.getAttribute('aria-invalid')).toBe('true');
    await organisationNumber.fill('556677-8899');
    expect(await organisationNumber.getAttribute('aria-invalid')).toBe('false');
    await dialog.getByLabel('E-post').fill('order@akutlas.example');
    await dialog.getByLabel('Telefon').fill('0570-12 34 56');
    await saveScreenshot(page, 'locksmith-company-create', { fullPage: false });
    await dialog.getByRole('button', { name: 'Registrera' }).click();

    await page.getByRole('heading', { name: companyName, level: 1 }).waitFor();
    companyId = page.url().split('/').pop()!;
    const facts = page.locator('[data-section="locksmith-company"]');
    await facts.getByText('Inget jouravtal').waitFor();
    const onCall = page.locator('[data-section="on-call"]');
    await onCall.getByText('Företaget har inget jouravtal').waitFor();
    await onCall.getByText('Företaget har inga jourkontakter.').waitFor();

    const edit = page.locator('[data-section="edit-locksmith-company"]');
    await edit.getByLabel('Jouravtal för nödöppning').check();
    await edit.getByRole('button', { name: 'Spara uppgifter' }).click();
    await edit.getByText('Uppgifterna är sparade.').waitFor();
    await facts.getByText('Jouravtal', { exact: true }).waitFor();
    expect(await onCall.getByText('Företaget har inget jouravtal').count()).toBe(0);

    const form = page.locator('[data-form="add-on-call-contact"]');
    // Support rings this number in an emergency: one it cannot ring is stopped at the form.
    await form.getByLabel('Namn').fill('Alva Jour');
    await form.getByLabel('Telefon').fill('abc');
    await form.getByRole('button', { name: 'Lägg till jourkontakt' }).click();
    await form.getByText('Telefon: skriv ett telefonnummer med 6–20 siffror', { exact: false }).waitFor();
    // The server's own check names the field it refused by the form's label.
    await form.getByLabel('Telefon').fill('070-111 11 11');
    await form.getByLabel('Turordning').fill('-5');
    await form.getByRole('button', { name: 'Lägg till jourkontakt' }).click();
    await form.getByText('Turordning: måste vara minst 1.').waitFor();
    await form.screenshot({ path: screenshotPath('locksmith-company-contact-refused') });
    expect(await currentContacts()).toEqual([]);

    await form.getByLabel('Turordning').fill('');
    await form.getByLabel('E-post (för ankomstlänken)').fill('alva@akutlas.example');
    await form.getByRole('button', { name: 'Lägg till jourkontakt' }).click();
    await onCall.getByText('Alva Jour är tillagd som jourkontakt.').waitFor();
    // The call order left empty is the next one after the last.
    await form.getByLabel('Namn').fill('Bo Jour');
    await form.getByLabel('Telefon').fill('070-222 22 22');
    await form.getByRole('button', { name: 'Lägg till jourkontakt' }).click();
    await onCall.getByText('Bo Jour är tillagd som jourkontakt.').waitFor();
    const rows = onCall.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).locator('td').first().innerText()).toBe('1');
    expect(await rows.nth(1).locator('td').nth(1).innerText()).toBe('Bo Jour');
    expect(await rows.nth(1).locator('td').first().innerText()).toBe('2');
    await saveScreenshot(page, 'locksmith-company-detail');

    await onCall.getByRole('button', { name: 'Avsluta Alva Jour som jourkontakt' }).click();
    const confirm = page.getByRole('dialog', { name: 'Avsluta Alva Jour som jourkontakt?' });
    await confirm.getByRole('button', { name: 'Avsluta nu' }).click();
    await onCall.getByText('Alva Jour är inte längre jourkontakt.').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await currentContacts()).toEqual(['Bo Jour']);

    await page.getByRole('link', { name: '← Tillbaka' }).click();
    const row = page.locator('tbody tr').filter({ hasText: companyName });
    await row.getByText('Jouravtal', { exact: true }).waitFor();
    await row.getByText('0570-12 34 56 · order@akutlas.example').waitFor();
    await expect.poll(() => row.locator('td').last().innerText()).toBe('1');
    await saveScreenshot(page, 'locksmith-companies');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Locksmith companies', level: 1 }).waitFor();
    await row.getByText('On-call contract', { exact: true }).waitFor();
    await page.context().close();
  });

  it('shows a refusal already on screen in the language the reader switches to', async () => {
    const page = await openAs(lockManagerName, `/locksmith-companies/${companyId}`);
    const form = page.locator('[data-form="add-on-call-contact"]');
    // The server's refusal, named by the form's label.
    await form.getByLabel('Namn').fill('Cilla Jour');
    await form.getByLabel('Telefon').fill('070-333 33 33');
    await form.getByLabel('Turordning').fill('-5');
    await form.getByRole('button', { name: 'Lägg till jourkontakt' }).click();
    await form.getByText('Turordning: måste vara minst 1.').waitFor();
    await form.screenshot({ path: screenshotPath('locksmith-company-refusal-sv') });

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await form.getByRole('button', { name: 'Add on-call contact' }).waitFor();
    await form.getByText('Call order: must be at least 1.').waitFor();
    expect(await form.getByText('måste vara minst', { exact: false }).count()).toBe(0);
    await form.screenshot({ path: screenshotPath('locksmith-company-refusal-en') });

    // The form's own check follows the switch back too.
    await form.getByLabel('Call order').fill('');
    await form.getByLabel('Phone').fill('abc');
    await form.getByRole('button', { name: 'Add on-call contact' }).click();
    await form.getByText('Phone: write a phone number of 6–20 digits', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Byt till svenska' }).click();
    await form.getByText('Telefon: skriv ett telefonnummer med 6–20 siffror', { exact: false }).waitFor();
    expect(await currentContacts()).toEqual(['Bo Jour']);
    await page.context().close();
  });

  it('shows text the server will not store at its field, in both languages, and adds no one', async () => {
    const page = await openAs(lockManagerName, `/locksmith-companies/${companyId}`);
    const form = page.locator('[data-form="add-on-call-contact"]');
    // A right-to-left override would show the name reversed on support's screen: 400
    // invalid_characters, its details listed like a schema's, so the form names the field.
    await form.getByLabel('Namn').fill('Dan\u202EJour');
    await form.getByLabel('Telefon').fill('070-444 44 44');
    await form.getByRole('button', { name: 'Lägg till jourkontakt' }).click();
    await form
      .getByText('Namn: Texten innehåller ett tecken som inte kan sparas', { exact: false })
      .waitFor();
    await form.screenshot({ path: screenshotPath('locksmith-company-text-refused-sv') });
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await form
      .getByText('Name: The text contains a character that cannot be saved', { exact: false })
      .waitFor();
    expect(await currentContacts()).toEqual(['Bo Jour']);
    await page.context().close();
  });

  it('shows support the company read-only', async () => {
    const page = await openAs(supportName, '/locksmith-companies');
    await page.getByRole('link', { name: companyName }).waitFor();
    expect(await page.getByRole('button', { name: 'Nytt låssmedsföretag' }).count()).toBe(0);
    await page.getByRole('link', { name: companyName }).click();
    await page.getByRole('heading', { name: companyName, level: 1 }).waitFor();
    const onCall = page.locator('[data-section="on-call"]');
    await onCall.getByText('Bo Jour').waitFor();
    await onCall
      .getByText('Bara kommunadministratörer och låsansvariga kan ändra jourkontakterna.')
      .waitFor();
    expect(await onCall.getByRole('button').count()).toBe(0);
    expect(await page.locator('[data-section="edit-locksmith-company"]').count()).toBe(0);
    expect(await page.locator('form').count()).toBe(0);
    await saveScreenshot(page, 'locksmith-company-support');
    await page.context().close();
  });

  it('gives a work lead, who may not read the register, no menu entry and no page', async () => {
    const page = await openAs(workLeadName, '/');
    const navigation = page.getByRole('navigation', { name: 'Huvudmeny' });
    await navigation.getByRole('link', { name: 'Arbetsordrar' }).waitFor();
    expect(await navigation.getByRole('link').allInnerTexts()).not.toContain('Låssmedsföretag');
    await page.goto(`${server.url}/locksmith-companies/${companyId}`);
    await page.getByRole('heading', { name: 'Ingen behörighet' }).waitFor();
    expect(await page.getByText(companyName).count()).toBe(0);
    await page.context().close();
  });

  it('lists the current on-call contacts in the emergency board’s assign dialog', async () => {
    const support = await new ApiClient(server.url).login(supportName, testPassword);
    const made = await support.post('/api/v1/emergency-openings', {
      customerId: world.customer.a,
      doorId: world.door.a,
    });
    expect(made.status).toBe(201);
    const page = await openAs(supportName, '/emergency');
    await page.getByRole('button', { name: 'Tilldela låssmed' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Tilldela låssmed' });
    await dialog.getByLabel('Låssmedsföretag').selectOption({ label: companyName });
    await dialog.getByText('Bo Jour').waitFor();
    expect(await dialog.getByText('Alva Jour').count()).toBe(0);
    await saveScreenshot(page, 'locksmith-company-assign-dialog', { fullPage: false });
    await page.context().close();
  });
});
