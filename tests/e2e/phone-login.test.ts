// Phone login is a password login like the web console's: the same throttle and lockout (shared
// with the web for the same account), and every failure in the audit trail.
import { HttpIssuerGateway, Phone, systemWorldClock, type IssuerGateway } from '@portvakt/devices';
import { uuidToBytes } from '@portvakt/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, enrolDevice, ringFromEnrolment } from './devices.testing';
import {
  ApiClient,
  createUser,
  startTestMunicipality,
  testPassword,
  type TestServer,
  userThrottle,
} from '@portvakt/server/testing';

let server: TestServer;
let municipalityId: string;
let workLead: ApiClient;
let providerId: string;

beforeAll(async () => {
  const started = await startTestMunicipality();
  ({ server, municipalityId } = started);
  const { admin } = started;
  providerId = await createRecord(admin, 'providers', {
    name: 'Hemtjänst Telefon',
    ownership: 'municipal',
    kinds: ['day_home_care'],
  });
  workLead = await started.login('work_lead', { providerId });
}, 60_000);
afterAll(async () => server?.close());

let counter = 0;
/** A staff member with their own account and an enrolled phone; `refusals` collects the server's messages. */
async function staffWithPhone() {
  counter += 1;
  const staffId = await createRecord(workLead, 'staff', {
    providerId,
    givenName: `Telefon${counter}`,
    familyName: 'Personal',
    employmentStartsOn: '2026-01-01',
  });
  const keyId = await createRecord(workLead, 'keys', {
    providerId,
    kind: 'phone',
    serial: `PV-PL-${counter}`,
    holderStaffMemberId: staffId,
  });
  const { response, keyPair } = await enrolDevice(workLead, { kind: 'phone', keyId });
  expect(response.status).toBe(201);
  const username = await createUser(server.db.pool, municipalityId, 'staff', {
    providerId,
    staffMemberId: staffId,
  });
  const http = new HttpIssuerGateway({ baseUrl: server.url });
  const refusals: string[] = [];
  const gateway: IssuerGateway = Object.assign(Object.create(http) as IssuerGateway, {
    login: (call: Parameters<IssuerGateway['login']>[0]) =>
      http.login(call).catch((error: Error) => {
        refusals.push(error.message);
        throw error;
      }),
  });
  const phone = new Phone({
    deviceId: uuidToBytes(keyId),
    keyPair,
    world: systemWorldClock,
    issuerKeys: await ringFromEnrolment(response),
    gateway,
  });
  return { phone, username, keyId, refusals };
}

async function failedLogins(username: string) {
  const { rows } = await server.db.pool.query<{ after: { channel: string; keyId?: string } }>(
    "SELECT after FROM audit_entry WHERE action = 'login_failed' AND actor_label = $1 ORDER BY id",
    [username],
  );
  return rows.map((row) => row.after);
}

describe('phone login (issue 9 item 5)', () => {
  it('locks the account after repeated wrong passwords: twenty guesses, then the right one gets no ticket', async () => {
    const { phone, username, keyId, refusals } = await staffWithPhone();
    // Once locked, the refusal says how long to wait (the answer's Retry-After), so the app can
    // tell a locked account from a wrong password.
    const locked = { retryAfterSeconds: expect.any(Number) as number };
    for (let i = 0; i < 20; i += 1) {
      expect(await phone.login(username, `guess ${i}`)).toEqual({
        isLoggedIn: false,
        reason: 'login-required',
        ...(i < userThrottle.maxAttempts ? {} : locked),
      });
    }
    expect(await phone.login(username, testPassword)).toEqual({
      isLoggedIn: false,
      reason: 'login-required',
      ...locked,
    });
    expect(phone.ticket).toBeUndefined();
    expect(refusals.at(-1)).toMatch(/Too many failed attempts/);
    // Each guess the throttle let through is in the audit trail, marked as a phone login.
    expect(await failedLogins(username)).toEqual(
      Array.from({ length: userThrottle.maxAttempts }, () => ({ channel: 'phone', keyId })),
    );
    // The lock is the account's, whichever way one logs in.
    const web = await new ApiClient(server.url).request('POST', '/api/v1/auth/login', {
      username,
      password: testPassword,
    });
    expect(web.status).toBe(429);
    expect(web.body.code).toBe('too_many_attempts');
  });

  it('answers 429 with Retry-After once locked', async () => {
    const { phone, username } = await staffWithPhone();
    for (let i = 0; i < userThrottle.maxAttempts; i += 1) await phone.login(username, `guess ${i}`);
    const request = await (
      phone as unknown as { signCredentialRequest(p: string, t: number): Promise<Uint8Array> }
    ).signCredentialRequest('login', Math.floor(Date.now() / 1000));
    const response = await fetch(`${server.url}/api/v1/device/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        request: Buffer.from(request).toString('base64url'),
        username,
        password: testPassword,
      }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ code: 'login-required' });
  });

  it('audits unknown accounts and accounts that do not hold this phone, refused alike', async () => {
    const { phone, keyId } = await staffWithPhone();
    const other = await staffWithPhone();
    const unknown = `nobody-${counter}`;
    expect(await phone.login(unknown, testPassword)).toEqual({ isLoggedIn: false, reason: 'login-required' });
    // Right password, but the account is not the phone's holder.
    expect(await phone.login(other.username, testPassword)).toEqual({
      isLoggedIn: false,
      reason: 'login-required',
    });
    expect(await failedLogins(unknown)).toEqual([{ channel: 'phone', keyId }]);
    expect(await failedLogins(other.username)).toEqual([{ channel: 'phone', keyId }]);
    // A correct login afterwards clears nothing it should not and still works for the holder.
    const own = await staffWithPhone();
    expect(await own.phone.login(own.username, testPassword)).toEqual({ isLoggedIn: true });
  });
});
