import { decodeEventRecord } from '@portvakt/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestSite } from './testing';
import { createTestSite } from './testing';

let site: TestSite;
beforeEach(async () => {
  site = await createTestSite();
});

describe('hardware key PIN', () => {
  it('locks itself after five wrong PINs, then refuses even the right PIN', async () => {
    const { keyA, box } = site;
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await box.activate(keyA, '0000')).toEqual({
        isActivated: false,
        reason: 'wrong-pin',
        attemptsLeft: 5 - attempt,
      });
    }
    expect(await box.activate(keyA, '0000')).toMatchObject({ isActivated: false, reason: 'pin-locked-out' });
    expect(keyA.isPinLockedOut).toBe(true);
    expect(await box.activate(keyA, '1234')).toMatchObject({ isActivated: false, reason: 'pin-locked-out' });
    expect(await keyA.openLock(site.lock)).toEqual({ isOpen: false, reason: 'no-ticket' });
  });

  it('resets the wrong-PIN count after a correct PIN', async () => {
    const { keyA, box } = site;
    for (let i = 0; i < 4; i++) await box.activate(keyA, '0000');
    expect(await box.activate(keyA, '1234')).toMatchObject({ isActivated: true });
    expect(await box.activate(keyA, '0000')).toMatchObject({ reason: 'wrong-pin', attemptsLeft: 4 });
  });

  it("does not activate key B with key A's PIN, and records the failure on key B", async () => {
    const { keyB, box, issuer } = site;
    expect(await box.activate(keyB, '1234')).toMatchObject({ isActivated: false, reason: 'wrong-pin' });
    expect(keyB.activationTime).toBe(0);
    const { upTo, batch } = await keyB.exportOwnRecords();
    expect(upTo).toBeGreaterThan(0);
    expect(batch.records.map(decodeEventRecord).at(-1)).toMatchObject({
      kind: 'pin-failed',
      reason: 'wrong-pin',
    });
    expect(issuer.recordsOf(keyB.deviceId)).toEqual([]);
  });

  it('is refused by the issuer when the PIN matches the key but not the issuer verifier for that key', async () => {
    const { keyA, box } = site;
    await keyA.setPin('4321'); // changed on the key only
    expect(await box.activate(keyA, '4321')).toEqual({ isActivated: false, reason: 'wrong-pin' });
    expect(keyA.activationTime).toBe(0);
  });

  it('never keeps the PIN itself, only a salted slow verifier', async () => {
    const { createPinVerifier, isPinCorrect } = await import('./pin');
    const first = await createPinVerifier('1234');
    const second = await createPinVerifier('1234');
    expect(first.iterations).toBeGreaterThanOrEqual(100_000);
    expect(first.salt).not.toEqual(second.salt);
    expect(first.hash).not.toEqual(second.hash);
    expect(await isPinCorrect('1234', first)).toBe(true);
    expect(await isPinCorrect('1235', first)).toBe(false);
  });
});

describe('activation and shifts', () => {
  it('opens after activation at the box and is refused one minute after the 12-hour shift', async () => {
    const { keyA, box, lock, world } = site;
    expect(await box.activate(keyA, '1234')).toMatchObject({ isActivated: true, mode: 'online' });
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    world.advance(12 * 3600 - 60);
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    world.advance(120);
    expect(await keyA.openLock(lock)).toEqual({ isOpen: false, reason: 'activation-expired' });
  });

  it('is refused at a lock before any activation, with the attempt recorded at the lock', async () => {
    const { keyA, station, lock } = site;
    expect(await station.sync(keyA)).toMatchObject({ isSynced: true });
    expect(await keyA.openLock(lock)).toEqual({ isOpen: false, reason: 'not-activated' });
    expect(decodeEventRecord(lock.records.at(-1)!)).toMatchObject({
      reason: 'not-activated',
      keyId: keyA.deviceId,
    });
  });
});

describe('offline re-activation (R1.4)', () => {
  it('re-activates with the PIN while the issuer is unreachable and opens until ticket expiry, refused one minute after', async () => {
    const { keyA, box, lock, world, issuer } = site;
    expect(await box.activate(keyA, '1234')).toMatchObject({ isActivated: true, mode: 'online' });
    const expiresAt = keyA.ticket!.expiresAt;
    expect(expiresAt - world.now()).toBe(5 * 86400);
    issuer.isReachable = false;
    for (let day = 1; day <= 4; day++) {
      world.advance(86400);
      expect(await keyA.openLock(lock)).toEqual({ isOpen: false, reason: 'activation-expired' });
      expect(await box.activate(keyA, '1234')).toEqual({
        isActivated: true,
        mode: 'offline',
        ticketExpiresAt: expiresAt,
      });
      expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    }
    world.advance(expiresAt - 60 - world.now());
    expect(await box.activate(keyA, '1234')).toMatchObject({ isActivated: true, mode: 'offline' });
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    world.advance(120); // one minute after expiry
    expect(await keyA.openLock(lock)).toEqual({ isOpen: false, reason: 'expired' });
    expect(await box.activate(keyA, '1234')).toEqual({ isActivated: false, reason: 'expired' });
  });

  it('still counts wrong PINs while offline', async () => {
    const { keyA, box, issuer } = site;
    await box.activate(keyA, '1234');
    issuer.isReachable = false;
    for (let i = 0; i < 5; i++) await box.activate(keyA, '9999');
    expect(keyA.isPinLockedOut).toBe(true);
  });
});

describe('battery', () => {
  it('cannot answer a lock once its battery is empty', async () => {
    const { keyA, box, lock } = site;
    await box.activate(keyA, '1234');
    keyA.battery.setPercent(0);
    expect(await keyA.openLock(lock)).toEqual({ isOpen: false, reason: 'battery-empty' });
  });
});
