// The staff phone app's regular contact under load (docs/phone-app.md "Lost or blocked phone"):
// every open phone asks for its door list every two minutes. Phones are enrolled through the API
// and logged in for the shift with their holders' own staff accounts; their signed door-list
// requests (POST /api/v1/device/doors) are prepared ahead, as each phone's secure element signs
// its own, so a phase measures what the server does.
import { randomBytes } from 'node:crypto';
import { HttpIssuerGateway, Phone, systemWorldClock, type SignedDeviceRequest } from '@portvakt/devices';
import { uuidToBytes } from '@portvakt/protocol';
import type { ApiClient } from '@portvakt/server/testing';
import { ringFromEnrolment } from '../tests/e2e/devices.testing';
import { createEnrolledKey } from './load-driver';

/** Enrols a phone for each holder and logs it in with a new staff account of that holder. */
export async function enrolPhoneFleet(
  admin: ApiClient,
  baseUrl: string,
  holders: Array<{ id: string; providerId: string }>,
): Promise<Phone[]> {
  const phones: Phone[] = [];
  for (const [i, staff] of holders.entries()) {
    const enrolled = await createEnrolledKey(admin, staff, 'phone', `LB-P-${String(i + 1).padStart(4, '0')}`);
    const username = `lb.phone.${i + 1}`;
    const password = randomBytes(12).toString('base64url');
    const user = await admin.post('/api/v1/users', {
      username,
      displayName: `Phone holder ${i + 1}`,
      password,
      role: 'staff',
      providerId: staff.providerId,
      staffMemberId: staff.id,
    });
    if (user.status !== 201) throw new Error(`user: ${JSON.stringify(user.body)}`);
    const phone = new Phone({
      deviceId: uuidToBytes(enrolled.keyId),
      keyPair: enrolled.keyPair,
      world: systemWorldClock,
      issuerKeys: await ringFromEnrolment(enrolled.response),
      gateway: new HttpIssuerGateway({ baseUrl }),
    });
    const login = await phone.login(username, password);
    if (!login.isLoggedIn) throw new Error(`login: ${login.reason}`);
    phones.push(phone);
  }
  return phones;
}

/** One door-list request of `phone`, signed now (valid for five minutes, one use). */
export async function prepareDoorListRequest(phone: Phone): Promise<SignedDeviceRequest> {
  return {
    path: '/api/v1/device/doors',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ request: Buffer.from(await phone.createSyncRequest()).toString('base64url') }),
  };
}
