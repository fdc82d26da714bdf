import { generateSigningKeyPair, uuidToBytes } from '@portvakt/protocol';
import { testLockNumber } from '@portvakt/protocol/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { Phone } from './phone.device';
import type { TestSite } from './testing';
import { createTestSite } from './testing';

let site: TestSite;
let phone: Phone;
beforeEach(async () => {
  site = await createTestSite();
  const keyPair = await generateSigningKeyPair(false);
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
});
