// The registry's everyday changes in the console, in a real browser (Debian's Chromium via
// playwright-core) against the real server over real PostgreSQL with its clock fixed: a
// municipality admin registers a property and its doors, a customer living there (stopped first
// at a missing name), the way in and a service, then moves the customer to another apartment; a
// work lead registers a new hire of their own provider (the only provider offered) and the hire's
// first key, and is offered no new customer or property. What each dialog saved is read back
// through the API. Screenshots go to test-artifacts/screenshots/.
import type { ApiClient, TestServer, World } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { startConsoleWorld } from './console-world.testing';

// Monday 8 February 2027, 10:00 in Stockholm.
const clock = new Date('2027-02-08T09:00:00Z');
let server: TestServer;
let world: World;
let adminName: string;
let workLeadName: string;
let apiAs: (username: string) => Promise<ApiClient>;

beforeAll(async () => {
  ({ server, world, adminName, workLeadName, apiAs } = await startConsoleWorld({
    now: () => clock,
    municipalityName: 'Portviks kommun',
  }));
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

describe('registry forms in the console', () => {
  it('lets a municipality admin register a property, its doors, a customer with a way in and a service, and move the customer', async () => {
    const page = await openAs(adminName, '/properties');
    await page.getByRole('heading', { name: 'Fastigheter', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ny fastighet' }).click();
    const property = page.getByRole('dialog', { name: 'Ny fastighet' });
    await property.getByLabel('Fastighetsbeteckning').fill('Testgården 1');
    await property.getByLabel(/^Adress/).fill('Testvägen 5');
    await property.getByLabel('Ort').fill('Portvik');
    await property.getByLabel('Område').selectOption({ index: 1 });
    await property.getByRole('button', { name: 'Registrera' }).click();
    await page.getByRole('heading', { level: 1, name: 'Testgården 1, Testvägen 5' }).waitFor();
    const propertyId = page.url().split('/').pop()!;

    for (const [kind, label] of [
      ['entrance', 'Port A'],
      ['apartment_door', 'Lgh 1001'],
      ['apartment_door', 'Lgh 1002'],
    ] as const) {
      await page.getByRole('button', { name: 'Ny dörr' }).click();
      const door = page.getByRole('dialog', { name: 'Ny dörr' });
      await door.getByLabel('Dörrtyp').selectOption(kind);
      await door.getByLabel('Benämning').fill(label);
      // The options stand alone in the list, so they start with a capital.
      if (kind === 'entrance') await door.getByLabel('Öppnas i dag med').selectOption({ label: 'Portkod' });
      await door.getByRole('button', { name: 'Registrera' }).click();
      await page.getByRole('cell', { name: label, exact: true }).waitFor();
    }
    await saveScreenshot(page, 'registry-property-doors');
    const admin = await apiAs(adminName);
    const doors = (await admin.get(`/api/v1/doors?propertyId=${propertyId}&limit=10`)).body.items as Array<{
      id: string;
      label: string;
      openingMethod: string | null;
    }>;
    const doorId = (label: string) => doors.find((door) => door.label === label)!.id;
    expect(doors.find((door) => door.label === 'Port A')).toMatchObject({ openingMethod: 'door_code' });

    await page.goto(`${server.url}/customers`);
    await page.getByRole('button', { name: 'Ny kund' }).click();
    const customer = page.getByRole('dialog', { name: 'Ny kund' });
    await customer.getByRole('button', { name: 'Registrera' }).click();
    await customer.getByText('Fyll i ”Förnamn”.').waitFor();
    await customer.getByLabel('Förnamn').fill('Greta');
    await customer.getByLabel('Efternamn').fill('Testsson');
    await customer.getByLabel('Område').selectOption({ index: 1 });
    await customer.getByRole('combobox', { name: 'Bostad (fastighet)' }).fill('Testvägen');
    await customer
      .getByRole('listbox')
      .getByRole('option', { name: /Testvägen 5/ })
      .click();
    await customer.getByLabel('Lägenhet', { exact: true }).fill('1001');
    await customer.getByLabel('Lägenhetsdörr').selectOption({ label: 'Lgh 1001' });
    await saveScreenshot(page, 'registry-new-customer');
    await customer.getByRole('button', { name: 'Registrera' }).click();
    await page.getByRole('heading', { level: 1, name: 'Greta Testsson' }).waitFor();
    const customerId = page.url().split('/').pop()!;

    await page.getByRole('button', { name: 'Ändra vägen in' }).click();
    const path = page.getByRole('dialog', { name: 'Ändra vägen in' });
    // The neighbour's apartment door is not offered.
    expect(await path.getByLabel('Lgh 1002 (Lägenhetsdörr)').count()).toBe(0);
    await path.getByLabel('Lgh 1001 (Lägenhetsdörr)').check();
    await path.getByLabel('Port A (Port)').check();
    await path.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('list').filter({ hasText: 'Port A' }).filter({ hasText: 'Lgh 1001' }).waitFor();
    const wayIn = async () =>
      (
        (await admin.get(`/api/v1/customers/${customerId}/access-path`)).body.doors as Array<{
          doorId: string;
        }>
      ).map((door) => door.doorId);
    // Saved in walking order, whatever order the boxes were ticked in.
    expect(await wayIn()).toEqual([doorId('Port A'), doorId('Lgh 1001')]);
    // The locks on the way in follow the saved way in without a reload.
    await page.getByRole('table', { name: 'Lås på vägen in' }).locator('tr[data-door="Port A"]').waitFor();

    await page.getByRole('button', { name: 'Lägg till insats' }).click();
    const service = page.getByRole('dialog', { name: 'Lägg till insats' });
    await service.getByLabel('Insats').selectOption('home_care');
    await service.getByLabel('Utförare').selectOption(world.provider.a);
    // The first day is suggested as today (the municipality's day), and is the person's to change.
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    expect(await service.getByLabel('Från').inputValue()).toBe(today);
    await service.getByLabel('Från').fill('2027-02-08');
    await service.getByRole('button', { name: 'Registrera' }).click();
    await page.getByRole('button', { name: 'Avsluta' }).waitFor();
    // The permission history hears of the new service without a reload.
    await page
      .getByRole('table', { name: 'Behörighetshistorik' })
      .getByText('Skapade insats')
      .first()
      .waitFor();
    const services = (await admin.get(`/api/v1/customer-services?customerId=${customerId}`)).body.items;
    expect(services).toMatchObject([
      { service: 'home_care', providerId: world.provider.a, startsOn: '2027-02-08', endsOn: null },
    ]);
    // A service that is over keeps its end: its row offers no end to change.
    const ended = await admin.post('/api/v1/customer-services', {
      customerId,
      service: 'safety_alarm',
      providerId: world.provider.a,
      startsOn: '2020-01-01',
      endsOn: '2020-12-31',
    });
    expect(ended.status).toBe(201);
    await page.reload();
    const endedRow = page
      .getByRole('region', { name: 'Utförare och insatser' })
      .getByRole('row')
      .filter({ hasText: 'Trygghetslarm' });
    await endedRow.waitFor();
    expect(await endedRow.getByRole('button').count()).toBe(0);
    await page.getByRole('button', { name: 'Avsluta' }).waitFor();

    // A move to the neighbouring apartment: the way in follows the home.
    await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
    const change = page.getByRole('dialog', { name: 'Ändra uppgifter om Greta Testsson' });
    await change.getByLabel('Lägenhet', { exact: true }).fill('1002');
    await change.getByLabel('Lägenhetsdörr').selectOption({ label: 'Lgh 1002' });
    await saveScreenshot(page, 'registry-move-customer');
    await change.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const moved = (await admin.get(`/api/v1/customers/${customerId}`)).body;
    expect(moved).toMatchObject({
      apartment: '1002',
      apartmentDoorId: doorId('Lgh 1002'),
      givenName: 'Greta',
    });
    expect(await wayIn()).toEqual([doorId('Port A'), doorId('Lgh 1002')]);
    await page.context().close();
  }, 120_000);

  it('lets a work lead register a new hire of their own provider and the first key, and nothing of the municipality’s', async () => {
    const page = await openAs(workLeadName, '/customers');
    await page.getByRole('heading', { name: 'Kunder', level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Ny kund' }).count()).toBe(0);
    const navigation = page.getByRole('navigation', { name: 'Huvudmeny' });
    expect(await navigation.getByRole('link', { name: 'Fastigheter' }).count()).toBe(0);

    await navigation.getByRole('link', { name: 'Personal', exact: true }).click();
    await page.getByRole('button', { name: 'Ny medarbetare' }).click();
    const hire = page.getByRole('dialog', { name: 'Ny medarbetare' });
    const provider = hire.getByLabel('Utförare');
    // Only their own provider is offered, and it is chosen for them.
    await expect.poll(() => provider.inputValue()).toBe(world.provider.a);
    expect(await provider.locator('option').count()).toBe(2);
    await hire.getByLabel('Förnamn').fill('Nils');
    await hire.getByLabel('Efternamn').fill('Nyanställd');
    await hire.getByLabel('Anställningsnummer').fill('NY-1');
    await hire.getByLabel('Anställd från').fill('2027-02-15');
    await hire.getByRole('button', { name: 'Registrera' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nils Nyanställd' }).waitFor();
    const staffMemberId = page.url().split('/').pop()!;

    await navigation.getByRole('link', { name: 'Nycklar', exact: true }).click();
    await page.getByRole('button', { name: 'Ny nyckel' }).click();
    const key = page.getByRole('dialog', { name: 'Ny nyckel' });
    await key.getByLabel('Typ').selectOption('hardware_key');
    await key.getByLabel('Serienummer').fill('HK-NY-1');
    await key.getByRole('combobox', { name: 'Innehavare' }).fill('nyanst');
    await key
      .getByRole('listbox')
      .getByRole('option', { name: /Nils Nyanställd/ })
      .click();
    await saveScreenshot(page, 'registry-new-key');
    await key.getByRole('button', { name: 'Registrera nyckeln' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nyckel HK-NY-1' }).waitFor();

    const lead = await apiAs(workLeadName);
    expect((await lead.get(`/api/v1/staff/${staffMemberId}`)).body).toMatchObject({
      providerId: world.provider.a,
      employeeNumber: 'NY-1',
      employmentStartsOn: '2027-02-15',
      employmentEndsOn: null,
    });
    const keys = (await lead.get(`/api/v1/keys?holderStaffMemberId=${staffMemberId}`)).body.items;
    expect(keys).toMatchObject([{ serial: 'HK-NY-1', kind: 'hardware_key', providerId: world.provider.a }]);
    await page.context().close();
  }, 120_000);
});
