// A phone replaced by another (docs/phone-app.md "First use" step 3): the work lead enrols the
// same registered phone entry on a new phone, which replaces the key pair. The old phone's
// requests are then refused as `key-mismatch` (the server knows the key the enrolment held
// before), a forged signature still as `bad-key-signature`, and the old phone still hands over the
// lock records it carries: they are real openings, signed by the lock, that exist nowhere else.
// In the app the old phone uploads its queue and erases itself with words; one whose upload
// fails keeps its records, opening nothing, until they are sent. The real server on
// real PostgreSQL, simulated locks over the loopback and Chromium, on one fixed instant.
import { HttpIssuerGateway, ManualWorldClock, Phone } from '@portvakt/devices';
import { generateSigningKeyPair, signCredentialRequest, uuidToBytes } from '@portvakt/protocol';
import { createUser, testPassword } from '@portvakt/server/testing';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { phone, saveScreenshot, useBrowser } from './browser.testing';
import { createRecord, enrolDevice, ringFromEnrolment } from './devices.testing';
import { takeBoPhoneIntoUse, usePhoneAppWorld } from './phone-app.testing';
import type { VisitDayWorld } from './visit-day.world';

// Monday 2 March 2026, 08:00 in Stockholm (CET): a working day.
const world = new ManualWorldClock(Date.parse('2026-03-02T08:00:00+01:00') / 1000);
const phoneWorld = usePhoneAppWorld(world);
let w: VisitDayWorld;
beforeAll(() => ({ w } = phoneWorld));

const { openPage } = useBrowser(() => w.server.url, phone);

/** A phone app's device side in Node: its uploads are authenticated by its own sync request. */
async function makePhone(
  keyId: string,
  keyPair: CryptoKeyPair,
  enrolment: Parameters<typeof ringFromEnrolment>[0],
) {
  const holder: { phone?: Phone } = {};
  const created = new Phone({
    deviceId: uuidToBytes(keyId),
    keyPair,
    world,
    issuerKeys: await ringFromEnrolment(enrolment),
    gateway: new HttpIssuerGateway({
      baseUrl: w.server.url,
      createPhoneRequest: () => holder.phone!.createSyncRequest(),
    }),
  });
  holder.phone = created;
  return created;
}

/** POSTs a phone's signed request to a phone route; the status and the refusal's code. */
async function ask(path: string, request: Uint8Array): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${w.server.url}/api/v1/device/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ request: Buffer.from(request).toString('base64url') }),
  });
  return { status: response.status, code: ((await response.json()) as { code?: string }).code };
}

/** The lock's events in the event log as the auditor reads them. */
async function lockEvents(lockId: string): Promise<Array<Record<string, unknown>>> {
  const range = new URLSearchParams({ from: '2026-03-01T00:00:00Z', to: '2026-03-04T00:00:00Z' });
  const response = await w.auditor.get(`/api/v1/event-log/lock/${lockId}?${range.toString()}`);
  expect(response.status).toBe(200);
  return response.body.items;
}

describe('a phone replaced by another', () => {
  it('is refused as key-mismatch, a forged signature stays bad-key-signature, and its carried lock records are taken', async () => {
    // Anna's phone A: registered, enrolled, logged in, and it opens Karl's door; nothing uploaded.
    const keyId = await createRecord(w.workLead, 'keys', {
      providerId: w.providerA,
      kind: 'phone',
      serial: 'RP-P-ANNA',
      holderStaffMemberId: w.anna.id,
    });
    const first = await enrolDevice(w.workLead, { kind: 'phone', keyId });
    expect(first.response.status).toBe(201);
    const username = await createUser(w.server.db.pool, w.municipalityId, 'staff', {
      providerId: w.providerA,
      staffMemberId: w.anna.id,
    });
    const phoneA = await makePhone(keyId, first.keyPair, first.response);
    expect(await phoneA.login(username, testPassword)).toEqual({ isLoggedIn: true });
    const eventsBefore = (await lockEvents(w.locks.karl.id)).length;
    expect(await phoneA.openLock(w.locks.karl.lock)).toMatchObject({ isOpen: true });
    expect(phoneA.carriedRecordCount).toBeGreaterThan(0);

    // The work lead takes the same phone entry into use on phone B.
    const second = await enrolDevice(w.workLead, { kind: 'phone', keyId });
    expect(second.response.status).toBe(201);
    const phoneB = await makePhone(keyId, second.keyPair, second.response);

    // Every request of A is refused as the phone replaced, in the documented words.
    expect(await ask('doors', await phoneA.createSyncRequest())).toEqual({
      status: 403,
      code: 'key-mismatch',
    });
    expect(await ask('planned-visits', await phoneA.createSyncRequest())).toEqual({
      status: 403,
      code: 'key-mismatch',
    });
    expect(await phoneA.login(username, testPassword)).toMatchObject({
      isLoggedIn: false,
      reason: 'key-mismatch',
    });
    expect(await phoneA.checkIn(w.customers.nils)).toMatchObject({
      isRegistered: false,
      code: 'key-mismatch',
    });

    // A signature by a key the enrolment never held is refused as before.
    const stranger = await generateSigningKeyPair();
    const forged = await signCredentialRequest(
      {
        keyId: uuidToBytes(keyId),
        nonce: crypto.getRandomValues(new Uint8Array(16)),
        time: world.now(),
        purpose: 'sync',
      },
      stranger.privateKey,
    );
    expect(await ask('doors', forged)).toEqual({ status: 403, code: 'bad-key-signature' });

    // A's upload is taken: the lock's records (signed by the lock) reach the event log; its own
    // batch, signed by the key the enrolment no longer holds, is kept as a finding, not stored.
    const receipt = await phoneA.uploadRecords();
    expect(receipt).toBeDefined();
    expect(phoneA.carriedRecordCount).toBe(0);
    const events = await lockEvents(w.locks.karl.id);
    expect(events.length).toBeGreaterThan(eventsBefore);
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 1, result: 0, keyId, verified: true, source: 'phone' }),
    );
    const { rows: findings } = await w.server.db.pool.query<{ kind: string; hasBytes: boolean }>(
      'SELECT kind, batch IS NOT NULL AS "hasBytes" FROM event_finding WHERE device_id = $1',
      [keyId],
    );
    expect(findings).toEqual([{ kind: 'rejected_batch', hasBytes: true }]);

    // Phone B is the phone now.
    expect(await phoneB.login(username, testPassword)).toEqual({ isLoggedIn: true });
    expect((await ask('doors', await phoneB.createSyncRequest())).status).toBe(200);
  });

  /**
   * Bo's phone in the app opens Greta's door out of the server's reach, so its records wait on
   * the phone, and meanwhile the work lead takes Bo's phone entry into use on a new phone. The
   * page is still out of reach; `before` is the lock's events in the log by then.
   */
  async function replaceWhileRecordsWait(): Promise<{ page: Page; before: number }> {
    const page: Page = await openPage();
    await page.clock.setFixedTime(new Date(world.now() * 1000));
    await page.goto(`${w.server.url}/app/?lock-link=loopback`);
    await takeBoPhoneIntoUse(page, phoneWorld);
    await page.getByRole('heading', { name: 'Dörrar du kan öppna' }).waitFor();
    await page.locator('[data-waiting="0"]').waitFor();
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    const before = (await lockEvents(w.locks.greta.id)).length;
    await page.getByRole('button', { name: 'Öppna Lgh 1102, Västergatan 4' }).click();
    await page.getByText('Öppnad: Lgh 1102, Västergatan 4.').waitFor();
    await page.locator('[data-waiting]:not([data-waiting="0"])').waitFor();
    const replaced = await enrolDevice(w.workLead, { kind: 'phone', keyId: w.boPhone.id });
    expect(replaced.response.status).toBe(201);
    return { page, before };
  }

  it('in the app: the old phone hands over its waiting records, then erases itself and says it was replaced', async () => {
    const { page, before } = await replaceWhileRecordsWait();

    // Back in reach, the old phone's first contact is refused as replaced.
    await page.unroute('**/api/**');
    await page.reload();
    await expect
      .poll(() => page.getByRole('heading').first().textContent())
      .toBe('Telefonens nyckel är raderad');
    await page.getByText('Telefonen har ersatts av en annan telefon', { exact: false }).waitFor();
    // Everything was handed over first: nothing is said to be lost.
    expect(await page.getByText('kunde inte skickas', { exact: false }).count()).toBe(0);
    await saveScreenshot(page, 'phone-app-replaced');
    const events = await lockEvents(w.locks.greta.id);
    expect(events.length).toBeGreaterThan(before);
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 1, result: 0, keyId: w.boPhone.id, verified: true, source: 'phone' }),
    );
    const stored = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('portvakt-phone');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(String(request.error)));
      });
      const phoneState = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction('state').objectStore('state').get('phone');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(String(request.error)));
      });
      db.close();
      return phoneState !== undefined;
    });
    expect(stored).toBe(false);
    await page.context().close();
  }, 60_000);

  /**
   * Bo's phone in the app opens Greta's door out of the server's reach, is replaced meanwhile, and
   * comes back to a server that refuses it as replaced while its upload does not get through.
   */
  async function retireWithRecordsWaiting(): Promise<{ page: Page; before: number }> {
    const { page, before } = await replaceWhileRecordsWait();
    await page.unroute('**/api/**');
    await page.route('**/api/v1/device/records', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await page.getByRole('heading', { name: 'Telefonen kan inte öppna lås längre' }).waitFor();
    return { page, before };
  }

  it('in the app: a replaced phone that cannot send its records keeps them, opens nothing, and erases itself once they are sent', async () => {
    const { page, before } = await retireWithRecordsWaiting();
    // Refused as replaced, its records stay on it, said and counted, with the key that signs them.
    await page.getByText('Telefonen har ersatts av en annan telefon', { exact: false }).waitFor();
    const waiting = page.locator('[data-waiting]:not([data-waiting="0"])');
    await waiting.waitFor();
    expect(await waiting.textContent()).toMatch(/från låsen finns bara på den här telefonen/);
    await page.getByText('Ingen kontakt med servern just nu', { exact: false }).waitFor();
    await saveScreenshot(page, 'phone-app-replaced-waiting');
    // No door button, no login: the ticket is gone.
    expect(await page.getByRole('button', { name: /^Öppna / }).count()).toBe(0);
    expect((await lockEvents(w.locks.greta.id)).length).toBe(before);
    // A reload keeps the state: the records are not lost to it either.
    await page.reload();
    await waiting.waitFor();
    // The attempt the screen makes at once on start has failed (the button is enabled again), so
    // the next is "Skicka nu"'s, not one still in flight that the open route would let through.
    const sendNow = page.getByRole('button', { name: 'Skicka nu' });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('button')].some((b) => b.textContent === 'Skicka nu' && !b.disabled),
    );
    expect(await waiting.count()).toBe(1);

    // Through again: "Skicka nu" hands them over and the phone erases itself, nothing lost.
    await page.unroute('**/api/v1/device/records');
    await sendNow.click();
    await page.getByRole('heading', { name: 'Telefonens nyckel är raderad' }).waitFor();
    expect(await page.getByText('kunde inte skickas', { exact: false }).count()).toBe(0);
    const events = await lockEvents(w.locks.greta.id);
    expect(events.length).toBeGreaterThan(before);
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 1, result: 0, keyId: w.boPhone.id, verified: true, source: 'phone' }),
    );
    await page.context().close();
  }, 60_000);

  it('in the app: the holder may erase a retired phone anyway, after a warning, and is told what was lost', async () => {
    const { page, before } = await retireWithRecordsWaiting();
    await page.getByRole('button', { name: 'Radera nyckeln ändå' }).click();
    await page.getByText('går förlorade och finns inte någon annanstans', { exact: false }).waitFor();
    await saveScreenshot(page, 'phone-app-retired-erase-warning');
    // Cancelled, nothing happens; confirmed, the key goes, and the erased screen counts the loss.
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await page.getByRole('button', { name: 'Radera nyckeln ändå' }).click();
    await page.getByRole('button', { name: 'Radera, händelserna går förlorade' }).click();
    await page.getByRole('heading', { name: 'Telefonens nyckel är raderad' }).waitFor();
    await page.getByText(/kunde inte skickas till servern innan nyckeln raderades/).waitFor();
    expect((await lockEvents(w.locks.greta.id)).length).toBe(before);
    await page.context().close();
  }, 60_000);
});
