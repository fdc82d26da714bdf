// A holder's state saved as plain data and restored into a new instance (the phone app reloading,
// docs/phone-app.md): the ticket, activation and carried lock records survive, and the record
// chain continues, so the issuer sees no fork and no gap.
import { generateSigningKeyPair, uuidToBytes } from '@portvakt/protocol';
import { testLockNumber } from '@portvakt/protocol/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { Phone } from './phone.device';
import { createTestSite, type TestSite } from './testing';

let site: TestSite;
let keyPair: CryptoKeyPair;
const deviceId = uuidToBytes('4f000000-0000-4000-8000-000000000002');
const makePhone = () =>
  new Phone({
    deviceId,
    keyPair,
    world: site.world,
    gateway: site.issuer,
    issuerKeys: site.issuer.issuerKeys,
  });

beforeEach(async () => {
  site = await createTestSite();
  keyPair = await generateSigningKeyPair(false);
  await site.issuer.enrolDevice({
    deviceId,
    kind: 'phone',
    publicKey: keyPair.publicKey,
    staff: 'p-staff-d',
    account: { username: 'dora', password: 'correct horse' },
  });
  site.issuer.setGrants(deviceId, [{ lock: testLockNumber }]);
});

describe('a holder’s saved state', () => {
  it('survives a restart: still logged in, carried records kept, the chain continued without a fork', async () => {
    const before = makePhone();
    expect(await before.login('dora', 'correct horse')).toEqual({ isLoggedIn: true });
    expect(await before.openLock(site.lock)).toEqual({ isOpen: true });
    const saved = structuredClone(before.saveState());

    const after = makePhone();
    await after.restoreState(saved);
    expect(after.isActivated).toBe(true);
    expect(after.ticket?.sequence).toBe(before.ticket?.sequence);
    expect(after.carriedRecordCount).toBe(before.carriedRecordCount);
    expect(after.carriedRecordCount).toBeGreaterThan(0);
    expect(await after.openLock(site.lock)).toEqual({ isOpen: true });
    const receipt = await after.uploadRecords();
    expect(receipt).toMatchObject({ findings: [] });
    expect(site.issuer.recordsOf(site.lock.deviceId).filter((r) => r.kind === 'open-attempt')).toHaveLength(
      2,
    );
    expect(site.issuer.recordsOf(deviceId).map((r) => r.kind)).toEqual(['ticket-installed', 'activation']);
  });

  it('drops ticket and activation when told to', async () => {
    const phone = makePhone();
    await phone.login('dora', 'correct horse');
    phone.dropCredentials();
    expect(phone.ticket).toBeUndefined();
    expect(await phone.openLock(site.lock)).toEqual({ isOpen: false, reason: 'no-ticket' });
  });
});
