// The day's planned visits in the staff phone app (issue #14 item 4; docs/phone-app.md "Today's
// visits"): the real server on real PostgreSQL and a real browser (Chromium, 390×844), all on one
// fixed instant, Monday 2 March 2026 08:00 in Stockholm. The municipality imports the care
// system's planned visits; a phone logged in for the shift reads today's at the customers its
// holder's teams serve (POST /api/v1/device/planned-visits, signed by the phone's key), and
// nothing of another provider's customers, nothing before the shift login, nothing once blocked.
// In the app the staff member checks in and out straight from the list and sees the visit marked
// done, also offline (the last list fetched). Screenshots go to test-artifacts/screenshots/.
import { HttpIssuerGateway, ManualWorldClock, Phone } from '@portvakt/devices';
import { generateSigningKeyPair, randomBytes, signCredentialRequest, uuidToBytes } from '@portvakt/protocol';
import { createUser, testPassword, type ApiClient } from '@portvakt/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, saveScreenshot, useBrowser } from './browser.testing';
import { createMembershipSince, createRecord, enrolDevice, ringFromEnrolment } from './devices.testing';
import { takeBoPhoneIntoUse } from './phone-app.testing';
import { createVisitDayWorld, type VisitDayWorld } from './visit-day.world';
import { ensureWebBuild } from './web-build';

/** The phone app's contact interval (web/src/phone-app/issuer-contact.ts). */
const contactIntervalMs = 2 * 60_000;

// Monday 2 March 2026, 08:00 in Stockholm (CET, UTC+1): the local day is 23:00Z to 23:00Z.
const world = new ManualWorldClock(Date.parse('2026-03-02T08:00:00+01:00') / 1000);
let w: VisitDayWorld;
let workLeadName: string;
/** Anna's phone (provider A, Bo's team) and Olof's (provider B, serving Olga). */
let annaPhone: { phone: Phone; keyId: string };
let olofPhone: { phone: Phone; keyId: string };
let annaUsername: string;

/** A phone of kind phone for `staffId`, enrolled by `lead`, with an account for its holder. */
async function handOutPhone(
  lead: ApiClient,
  providerId: string,
  staffId: string,
  serial: string,
): Promise<{ phone: Phone; keyId: string; username: string }> {
  const keyId = await createRecord(lead, 'keys', {
    providerId,
    kind: 'phone',
    serial,
    holderStaffMemberId: staffId,
  });
  const { response, keyPair } = await enrolDevice(lead, { kind: 'phone', keyId });
  expect(response.status).toBe(201);
  const username = await createUser(w.server.db.pool, w.municipalityId, 'staff', {
    providerId,
    staffMemberId: staffId,
  });
  return {
    keyId,
    username,
    phone: new Phone({
      deviceId: uuidToBytes(keyId),
      keyPair,
      world,
      issuerKeys: await ringFromEnrolment(response),
      gateway: new HttpIssuerGateway({ baseUrl: w.server.url }),
    }),
  };
}

/** The care system's file for the day, imported by the municipality (JSON). */
async function importPlannedVisits(): Promise<void> {
  const planned = (
    externalId: string,
    customerId: string,
    providerId: string,
    windowStart: string,
    windowEnd: string,
    services: string[],
  ) => ({ externalId, customerId, providerId, services, plannedMinutes: 30, windowStart, windowEnd });
  const imported = await w.admin.put('/api/v1/planned-visits', [
    planned(
      'PV-KARL',
      w.customers.karl,
      w.providerA,
      '2026-03-02T07:30:00+01:00',
      '2026-03-02T08:30:00+01:00',
      ['personal_care', 'medication'],
    ),
    planned(
      'PV-NILS',
      w.customers.nils,
      w.providerA,
      '2026-03-02T11:30:00+01:00',
      '2026-03-02T12:30:00+01:00',
      ['meals'],
    ),
    // Late tonight into tomorrow: it overlaps today, so it is today's.
    planned(
      'PV-GRETA-NIGHT',
      w.customers.greta,
      w.providerA,
      '2026-03-02T23:30:00+01:00',
      '2026-03-03T00:30:00+01:00',
      ['supervision'],
    ),
    // Yesterday evening and tomorrow morning: not today's.
    planned(
      'PV-GRETA-SUN',
      w.customers.greta,
      w.providerA,
      '2026-03-01T22:00:00+01:00',
      '2026-03-01T23:00:00+01:00',
      ['supervision'],
    ),
    planned(
      'PV-KARL-TUE',
      w.customers.karl,
      w.providerA,
      '2026-03-03T08:00:00+01:00',
      '2026-03-03T09:00:00+01:00',
      ['shower'],
    ),
    // Provider B's customer.
    planned(
      'PV-OLGA',
      w.customers.olga,
      w.providerB,
      '2026-03-02T09:00:00+01:00',
      '2026-03-02T09:45:00+01:00',
      ['cleaning'],
    ),
  ]);
  expect(imported.status).toBe(200);
  expect(imported.body).toMatchObject({ created: 6 });
}

beforeAll(async () => {
  await ensureWebBuild();
  w = await createVisitDayWorld(world, {});
  workLeadName = await createUser(w.server.db.pool, w.municipalityId, 'work_lead', {
    providerId: w.providerA,
  });
  // A hundred phones in stock whose serials sort before Bo's (VD-P-BO): his is on the second
  // page of the work lead's list, where the setup screen must still find it.
  for (let i = 0; i < 100; i += 1)
    await createRecord(w.workLead, 'keys', {
      providerId: w.providerA,
      kind: 'phone',
      serial: `VD-P-A${String(i).padStart(3, '0')}`,
    });
  // Provider B's team serves Olga; Olof is in it.
  const validFrom = '2026-01-01T00:00:00Z';
  const teamB = await createRecord(w.otherWorkLead, 'teams', { providerId: w.providerB, name: 'Öster dag' });
  await createRecord(w.otherWorkLead, 'team-customers', {
    teamId: teamB,
    customerId: w.customers.olga,
    validFrom,
  });
  const olof = await createRecord(w.otherWorkLead, 'staff', {
    providerId: w.providerB,
    givenName: 'Olof',
    familyName: 'Öster',
    employmentStartsOn: '2026-01-01',
  });
  await createMembershipSince(
    w.otherWorkLead,
    w.server.db.pool,
    { teamId: teamB, staffMemberId: olof },
    validFrom,
  );

  const anna = await handOutPhone(w.workLead, w.providerA, w.anna.id, 'PV-P-ANNA');
  annaPhone = anna;
  annaUsername = anna.username;
  const olofHanded = await handOutPhone(w.otherWorkLead, w.providerB, olof, 'PV-P-OLOF');
  olofPhone = olofHanded;
  expect(await olofHanded.phone.login(olofHanded.username, testPassword)).toEqual({ isLoggedIn: true });
}, 180_000);

afterAll(async () => {
  await w?.server.close();
});

/** The route's answer, or its refusal's code. */
interface PlannedAnswer {
  code?: string;
  day?: string;
  timeZone?: string;
  plannedVisits: Array<{ customerName: string } & Record<string, unknown>>;
}

/** Asks for today's planned visits with a signed request (or raw bytes). */
/**
 * A visit the lock registers when Bo opens a customer's door (open until the door is opened again
 * on leaving), written as the event ingest writes one: these browser tests open no lock.
 */
async function insertLockVisit(customerId: string, arrival: string): Promise<void> {
  await w.server.db.pool.query(
    `INSERT INTO visit (visit_id, version, municipality_id, provider_id, customer_id, staff_member_ids,
       source, state, arrival_at, created_by)
     SELECT gen_random_uuid(), 1, c.municipality_id, $2, c.id, ARRAY[$3::uuid], 'lock', 'incomplete', $4, 'lock'
     FROM customer c WHERE c.id = $1`,
    [customerId, w.providerA, w.bo.id, arrival],
  );
}

async function askPlanned(request: Uint8Array | string): Promise<{ status: number; body: PlannedAnswer }> {
  const response = await fetch(`${w.server.url}/api/v1/device/planned-visits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      request: typeof request === 'string' ? request : Buffer.from(request).toString('base64url'),
    }),
  });
  return { status: response.status, body: (await response.json()) as PlannedAnswer };
}

const customerNames = (body: PlannedAnswer) => body.plannedVisits.map((visit) => visit.customerName);

describe('Dagens besök in the phone app', () => {
  const { openPage } = useBrowser(() => w.server.url, phone);
  let page: Page;

  async function advance(seconds: number): Promise<void> {
    world.advance(seconds);
    await page.clock.setFixedTime(new Date(world.now() * 1000));
  }

  it('says when nothing is planned; lists the planned visits on the home screen; checking in and out from one marks it done', async () => {
    page = await openPage();
    // Fake timers as well as a fixed time, so a test can run the app's timers ahead (runFor).
    await page.clock.install({ time: world.now() * 1000 });
    await page.clock.setFixedTime(new Date(world.now() * 1000));
    await page.goto(`${w.server.url}/app/?lock-link=loopback`);
    // First use: the work lead enrols the phone, Bo logs in and chooses a code.
    await page.getByRole('heading', { name: 'Ta telefonen i bruk' }).waitFor();
    await takeBoPhoneIntoUse(page, { w, workLeadName });

    // The care system has supplied nothing yet: the app says so, and the manual check-in stays.
    await page.getByRole('heading', { name: 'Dagens besök' }).waitFor();
    // The holder by name, as the work lead enrolled the phone, then the login.
    await page.getByText(/^Inloggad som Bo [^(]+ \(staff-[0-9a-f]+\)$/).waitFor();
    await page
      .getByText(
        'Verksamhetssystemet har inga planerade besök åt dig i dag. Checka in med kundens kod under Besök.',
      )
      .waitFor();
    await page.getByLabel('Kundens kod').waitFor();
    await saveScreenshot(page, 'phone-app-planned-none', { fullPage: false });

    await importPlannedVisits();
    await page.reload();
    const items = page.locator('li[data-planned-visit]');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.locator('.phone-planned-customer').allTextContents()).toEqual([
      'Karl Kund',
      'Nils Kund',
      'Greta Kund',
    ]);
    const karl = items.first();
    await karl.getByText('07:30–08:30').waitFor();
    await karl.getByText('Västergatan 4, Lgh 1101').waitFor();
    await karl.getByText('30 min · Personlig omvårdnad, Läkemedel').waitFor();
    await page.getByText('Uppdaterad 08:00').waitFor();
    // Nothing of provider B's customer.
    expect(await page.getByText('Olga').count()).toBe(0);
    await saveScreenshot(page, 'phone-app-planned-home', { fullPage: false });
    await saveScreenshot(page, 'phone-app-planned-home-full');

    await page.getByRole('button', { name: 'Checka in hos Karl Kund 07:30–08:30' }).click();
    await karl.getByText('Incheckad 08:00.').waitFor();
    await karl.locator('.phone-planned-badge', { hasText: 'Incheckad 08:00' }).waitFor();
    expect(await karl.getAttribute('data-state')).toBe('open');
    // Bo opens Karl's door at 08:01: the lock's visit stays open until the door is opened again.
    await insertLockVisit(w.customers.karl, '2026-03-02T07:01:00Z');
    await advance(4 * 60);
    await page.getByRole('button', { name: 'Checka ut hos Karl Kund 07:30–08:30' }).click();
    await karl.getByText('Utcheckad 08:04. Besöket är registrerat.').waitFor();
    // The phone's own check-out is done, whatever the lock's visit still says.
    await karl.locator('.phone-planned-badge', { hasText: 'Klart 08:04 ✓' }).waitFor();
    expect(await karl.getAttribute('data-state')).toBe('done');
    expect(await karl.getByRole('button').count()).toBe(0);
    await saveScreenshot(page, 'phone-app-planned-done', { fullPage: false });

    // At Nils's, Bo only opens the door: the lock registers the visit, so the card offers neither
    // a check-in (the visit would be registered twice) nor a check-out the phone cannot make.
    await insertLockVisit(w.customers.nils, '2026-03-02T07:04:00Z');
    await page.reload();
    const nils = page.locator('li[data-planned-visit]').nth(1);
    await nils.locator('.phone-planned-badge', { hasText: 'Inne sedan 08:04' }).waitFor();
    await nils.getByText('Dörren är öppnad och låset registrerar besöket.', { exact: false }).waitFor();
    expect(await nils.getAttribute('data-state')).toBe('inside');
    expect(await nils.getByRole('button').count()).toBe(0);
    await saveScreenshot(page, 'phone-app-planned-inside', { fullPage: false });

    // The server registered one phone visit at Karl's from 08:00 to 08:04.
    const visits = await w.workLead.get(
      `/api/v1/visits?${new URLSearchParams({
        from: '2026-03-02T00:00:00+01:00',
        to: '2026-03-03T00:00:00+01:00',
        customerId: w.customers.karl,
      }).toString()}`,
    );
    expect(visits.body.items).toContainEqual(
      expect.objectContaining({
        source: 'phone',
        state: 'registered',
        staffMemberIds: [w.bo.id],
        arrival: '2026-03-02T07:00:00.000Z',
        departure: '2026-03-02T07:04:00.000Z',
      }),
    );
  });

  it('keeps the last list for reading offline, with the time it was fetched', async () => {
    await page.context().setOffline(true);
    try {
      await page.reload();
      await page.getByRole('heading', { name: 'Dagens besök' }).waitFor();
      await page.getByText('Uppdaterad 08:04. Ingen kontakt med servern', { exact: false }).waitFor();
      const karl = page.locator('li[data-planned-visit]').first();
      await karl.locator('.phone-planned-badge', { hasText: 'Klart 08:04 ✓' }).waitFor();
      await page.getByText('Utan nät kan du läsa listan', { exact: false }).waitFor();
      await saveScreenshot(page, 'phone-app-planned-offline', { fullPage: false });
    } finally {
      await page.context().setOffline(false);
    }
  });

  it('an open app asks the issuer every two minutes, and half a minute after a contact that got no answer', async () => {
    // A fresh start, and its first contact over, so no contact of an earlier test is in flight.
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Dagens besök' }).waitFor();
    const doorLists: string[] = [];
    const noteDoorList = (request: { url: () => string; failure: () => unknown }, outcome: string) => {
      if (request.url().endsWith('/api/v1/device/doors')) doorLists.push(outcome);
    };
    page.on('requestfailed', (request) => noteDoorList(request, 'no answer'));
    page.on('requestfinished', (request) => noteDoorList(request, 'answered'));
    await page.route('**/api/v1/device/doors', (route) => route.abort('internetdisconnected'));
    await page.clock.runFor(contactIntervalMs);
    await expect.poll(() => doorLists).toEqual(['no answer']);
    await page.unroute('**/api/v1/device/doors');
    await page.clock.runFor(30_000);
    await expect.poll(() => doorLists).toEqual(['no answer', 'answered']);
    await page.clock.runFor(contactIntervalMs);
    await expect.poll(() => doorLists).toEqual(['no answer', 'answered', 'answered']);
    page.removeAllListeners('requestfailed');
    page.removeAllListeners('requestfinished');
  });

  it('a blocked phone left open on its lock screen is told within two minutes and erases its key', async () => {
    await page.getByRole('heading', { name: 'Dagens besök' }).waitFor();
    await page.getByRole('button', { name: 'Lås appen' }).click();
    await page.getByRole('heading', { name: 'Appen är låst' }).waitFor();
    const blocked = await w.workLead.patch(`/api/v1/keys/${w.boPhone.id}`, {
      status: 'lost',
      statusReason: 'Tappad telefon',
    });
    expect(blocked.status).toBe(200);
    // No restart, no network change: the app's regular contact (every two minutes while open).
    await page.clock.runFor(contactIntervalMs);
    await page.getByRole('heading', { name: 'Telefonens nyckel är raderad' }).waitFor();
    expect(await page.getByText('Karl Kund').count()).toBe(0);
    await page.context().close();
  });
});

describe('POST /api/v1/device/planned-visits', () => {
  it('refuses a phone not logged in for the shift, a hardware key, an unknown key and a malformed request', async () => {
    expect(await askPlanned(await annaPhone.phone.createSyncRequest())).toMatchObject({
      status: 403,
      body: { code: 'login-required' },
    });
    expect(await askPlanned(await w.anna.key.createSyncRequest())).toMatchObject({
      status: 403,
      body: { code: 'key-mismatch' },
    });
    const stranger = await generateSigningKeyPair();
    const unknown = await signCredentialRequest(
      { keyId: randomBytes(16), nonce: randomBytes(16), time: world.now(), purpose: 'sync' },
      stranger.privateKey,
    );
    expect(await askPlanned(unknown)).toMatchObject({ status: 403, body: { code: 'key-mismatch' } });
    expect(await askPlanned('AAAA')).toMatchObject({ status: 400, body: { code: 'malformed' } });
  });

  it('answers a logged-in phone with today’s planned visits at its teams’ customers, by window start', async () => {
    expect(await annaPhone.phone.login(annaUsername, testPassword)).toEqual({ isLoggedIn: true });
    // Bo's visit at Karl's (the browser test) is not Anna's: her list is unmarked.
    const answer = await askPlanned(await annaPhone.phone.createSyncRequest());
    expect(answer.status).toBe(200);
    expect(answer.body.day).toBe('2026-03-02');
    expect(answer.body.timeZone).toBe('Europe/Stockholm');
    expect(answer.body.plannedVisits).toEqual([
      {
        id: expect.any(String),
        customerId: w.customers.karl,
        customerName: 'Karl Kund',
        address: 'Västergatan 4',
        apartment: 'Lgh 1101',
        windowStart: '2026-03-02T06:30:00.000Z',
        windowEnd: '2026-03-02T07:30:00.000Z',
        plannedMinutes: 30,
        staffCount: 1,
        services: ['personal_care', 'medication'],
        checkedInAt: null,
        checkedOutAt: null,
        checkedInBy: null,
      },
      expect.objectContaining({ customerName: 'Nils Kund', windowStart: '2026-03-02T10:30:00.000Z' }),
      expect.objectContaining({ customerName: 'Greta Kund', windowStart: '2026-03-02T22:30:00.000Z' }),
    ]);
  });

  it('marks a planned visit with the holder’s own visit overlapping its window', async () => {
    expect(await annaPhone.phone.checkIn(w.customers.karl)).toMatchObject({ isRegistered: true });
    const open = await askPlanned(await annaPhone.phone.createSyncRequest());
    expect(open.body.plannedVisits[0]).toMatchObject({
      customerName: 'Karl Kund',
      checkedInAt: '2026-03-02T07:04:00.000Z',
      checkedOutAt: null,
      checkedInBy: 'phone',
    });
    // Nils's lunch visit is not marked by a check-in at Karl's.
    expect(open.body.plannedVisits[1]).toMatchObject({ checkedInAt: null });
    world.advance(60);
    expect(await annaPhone.phone.checkOut(w.customers.karl)).toMatchObject({ isRegistered: true });
    const done = await askPlanned(await annaPhone.phone.createSyncRequest());
    expect(done.body.plannedVisits[0]).toMatchObject({
      checkedInAt: '2026-03-02T07:04:00.000Z',
      checkedOutAt: '2026-03-02T07:05:00.000Z',
    });
  });

  it('shows nothing of another provider’s customers, either way', async () => {
    const anna = await askPlanned(await annaPhone.phone.createSyncRequest());
    expect(customerNames(anna.body)).toEqual(['Karl Kund', 'Nils Kund', 'Greta Kund']);
    expect(JSON.stringify(anna.body)).not.toContain(w.customers.olga);
    const olof = await askPlanned(await olofPhone.phone.createSyncRequest());
    expect(olof.status).toBe(200);
    expect(customerNames(olof.body)).toEqual(['Olga Kund']);
  });

  it('answers nothing to a blocked phone', async () => {
    const blocked = await w.workLead.patch(`/api/v1/keys/${annaPhone.keyId}`, {
      status: 'lost',
      statusReason: 'Tappad telefon',
    });
    expect(blocked.status).toBe(200);
    const answer = await askPlanned(await annaPhone.phone.createSyncRequest());
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('key-blocked');
    expect(answer.body.plannedVisits).toBeUndefined();
  });
});
