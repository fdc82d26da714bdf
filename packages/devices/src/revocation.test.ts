import { decodeEventRecord, signBlockList } from '@portvakt/protocol';
import { testLockNumber } from '@portvakt/protocol/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestSite } from './testing';
import { createTestSite, testMunicipality } from './testing';

let site: TestSite;
beforeEach(async () => {
  site = await createTestSite();
});

describe('revocation (R1.6)', () => {
  it('refuses a new ticket to a blocked key at once', async () => {
    const { keyA, box, issuer } = site;
    await issuer.block(keyA.deviceId);
    expect(await box.activate(keyA, '1234')).toEqual({ isActivated: false, reason: 'key-blocked' });
    expect(keyA.activationTime).toBe(0);
  });

  it('a block list carried by key B reaches lock L, after which blocked key A is refused at L', async () => {
    const { keyA, keyB, box, station, lock, issuer } = site;
    await box.activate(keyA, '1234');
    await box.activate(keyB, '5678');
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    const version = await issuer.block(keyA.deviceId);
    // Key A keeps its old, unexpired ticket and activation: only the lock can stop it now.
    expect(await station.sync(keyB)).toMatchObject({ isSynced: true });
    expect(keyB.blockListVersion).toBe(version);
    expect(await keyB.openLock(lock)).toEqual({ isOpen: true });
    expect(lock.blockListVersion).toBe(version);
    expect(await keyA.openLock(lock)).toEqual({ isOpen: false, reason: 'key-blocked' });
    expect(decodeEventRecord(lock.records.at(-1)!)).toMatchObject({
      reason: 'key-blocked',
      keyId: keyA.deviceId,
    });
  });

  it('spreads the signed block list lock to key to lock', async () => {
    const { keyA, keyB, box, lock, issuer, addLock } = site;
    const lock2 = await addLock(testLockNumber + 1);
    issuer.setGrants(keyB.deviceId, [{ lock: testLockNumber }, { lock: testLockNumber + 1 }]);
    issuer.setGrants(keyA.deviceId, [{ lock: testLockNumber }, { lock: testLockNumber + 1 }]);
    await box.activate(keyA, '1234');
    await box.activate(keyB, '5678'); // B's ticket predates the block
    const version = await issuer.block(keyA.deviceId);
    expect(await lock.acceptBlockList(issuer.currentBlockList)).toEqual({ isAccepted: true });
    expect(await keyB.openLock(lock)).toEqual({ isOpen: true }); // B picks up the list from L
    expect(keyB.blockListVersion).toBe(version);
    expect(await keyB.openLock(lock2)).toEqual({ isOpen: true }); // and hands it to L2
    expect(lock2.blockListVersion).toBe(version);
    expect(await keyA.openLock(lock2)).toEqual({ isOpen: false, reason: 'key-blocked' });
  });

  it('never accepts an older block-list version than it has', async () => {
    const { lock, signers, world } = site;
    const sign = (version: number, blockedKeys: Uint8Array[] = []) =>
      signBlockList(
        { issuer: testMunicipality, version, issuedAt: world.now(), blockedKeys },
        signers.issuer,
      );
    expect(await lock.acceptBlockList(await sign(5, [site.keyA.deviceId]))).toEqual({ isAccepted: true });
    expect(await lock.acceptBlockList(await sign(4))).toEqual({
      isAccepted: false,
      reason: 'block-list-rollback',
    });
    expect(await lock.acceptBlockList(await sign(5))).toEqual({
      isAccepted: false,
      reason: 'block-list-rollback',
    });
    expect(lock.blockListVersion).toBe(5);
    // Unverified refusals are counted, not recorded one by one (the equal version not at all).
    expect(decodeEventRecord(lock.records.at(-1)!)).toMatchObject({ kind: 'block-list-updated' });
    // A forged newer list is refused too.
    const forged = await signBlockList(
      { issuer: testMunicipality, version: 6, issuedAt: world.now(), blockedKeys: [] },
      { ...signers.rogueIssuer, kid: signers.issuer.kid },
    );
    expect(await lock.acceptBlockList(forged)).toEqual({ isAccepted: false, reason: 'bad-issuer-signature' });
    expect(lock.blockListVersion).toBe(5);
    await site.box.activate(site.keyA, '1234');
    expect(await site.keyA.openLock(lock)).toEqual({ isOpen: false, reason: 'key-blocked' });
    const kinds = lock.records.map(decodeEventRecord).filter((r) => r.kind === 'block-list-refused');
    expect(kinds.map((r) => [r.reason, r.count])).toEqual([
      ['block-list-rollback', 1],
      ['bad-issuer-signature', 1],
    ]);
  });
});
