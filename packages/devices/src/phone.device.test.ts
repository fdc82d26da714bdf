import { generateSigningKeyPair, uuidToBytes, verifyVisitCheck } from '@portvakt/protocol';
import { testLockNumber } from '@portvakt/protocol/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { HttpIssuerGateway } from './http-issuer-gateway';
import { Phone } from './phone.device';
import type { TestSite } from './testing';
import { createTestSite } from './testing';

let site: TestSite;
let phone: Phone;
let keyPair: CryptoKeyPair;
beforeEach(async () => {
  site = await createTestSite();
  keyPair = await generateSigningKeyPair(false);
  const deviceId = uuidToBytes('4f000000-0000-4000-8000-000000000001');
  await site.issuer.enrolDevice({
    deviceId,
    kind: 'phone',
    publicKey: keyPair.publicKey,
    staff: 'p-staff-c',
    account: { username: 'anna', password: 'correct horse' },
  });
  site.issuer.setGrants(deviceId, [{ lock: testLockNumber }]);
  phone = new Phone({ deviceId, keyPair, world: site.world, gateway: site.issuer });
});

describe('phone', () => {
  it('keeps its private key non-extractable', async () => {
    // @ts-expect-error -- reaching into the config to show the key cannot be exported
    const privateKey: CryptoKey = phone.config.keyPair.privateKey;
    await expect(crypto.subtle.exportKey('jwk', privateKey)).rejects.toThrow();
  });

  it('opens after an app login and not before', async () => {
    expect(await phone.openLock(site.lock)).toEqual({ isOpen: false, reason: 'no-ticket' });
    expect(await phone.login('anna', 'wrong')).toEqual({ isLoggedIn: false, reason: 'login-required' });
    expect(await phone.login('anna', 'correct horse')).toEqual({ isLoggedIn: true });
    expect(await phone.openLock(site.lock)).toEqual({ isOpen: true });
    phone.logout();
    expect(await phone.openLock(site.lock)).toEqual({ isOpen: false, reason: 'not-activated' });
  });

  it('uploads its own and carried lock records directly', async () => {
    await phone.login('anna', 'correct horse');
    await phone.openLock(site.lock);
    const receipt = await phone.uploadRecords();
    expect(receipt).toMatchObject({ findings: [] });
    expect(site.issuer.recordsOf(site.lock.deviceId).filter((r) => r.kind === 'open-attempt')).toHaveLength(
      1,
    );
    expect(site.issuer.recordsOf(phone.deviceId).map((r) => r.kind)).toEqual([
      'ticket-installed',
      'activation',
    ]);
  });

  it('cannot log in again once blocked, and loses its activation', async () => {
    await phone.login('anna', 'correct horse');
    await site.issuer.block(phone.deviceId);
    expect(await phone.login('anna', 'correct horse')).toEqual({ isLoggedIn: false, reason: 'key-blocked' });
    expect(await phone.openLock(site.lock)).toEqual({ isOpen: false, reason: 'not-activated' });
  });

  it('signs its visit checks with its own key: the action, the customer, its clock and a fresh nonce', async () => {
    const customer = '0c000000-0000-4000-8000-000000000007';
    const first = await verifyVisitCheck(await phone.signVisitCheck('check-in', customer), keyPair.publicKey);
    expect(first).toMatchObject({
      keyId: phone.deviceId,
      action: 'check-in',
      customer: uuidToBytes(customer),
      time: phone.clock.now(),
    });
    const second = await verifyVisitCheck(
      await phone.signVisitCheck('check-out', customer),
      keyPair.publicKey,
    );
    expect(second.action).toBe('check-out');
    expect(second.nonce).not.toEqual(first.nonce);
  });

  it('reports issuer-unreachable for a check-in it cannot deliver, and registers nothing itself', async () => {
    // The in-process issuer does not register visits; nothing listens on port 9.
    expect(await phone.checkIn('0c000000-0000-4000-8000-000000000007')).toMatchObject({
      isRegistered: false,
      code: 'issuer-unreachable',
    });
    const offline = new Phone({
      deviceId: phone.deviceId,
      keyPair,
      world: site.world,
      gateway: new HttpIssuerGateway({ baseUrl: 'http://127.0.0.1:9' }),
    });
    expect(await offline.checkOut('0c000000-0000-4000-8000-000000000007')).toMatchObject({
      isRegistered: false,
      code: 'issuer-unreachable',
    });
  });
});
