// Negative tests for the device-level findings of the security review: each fails on the code
// before the fix (the attack works or the lock/issuer breaks) and passes after it.
import type { TicketClaims } from '@portvakt/protocol';
import {
  decodeChallenge,
  decodeEventRecord,
  encodePresentation,
  encodeRecordBatch,
  encodeEventRecord,
  generateSigningKeyPair,
  genesisHash,
  hashEventRecord,
  maxUint32,
  parseTicket,
  randomBytes,
  signBlockList,
  signChainHead,
  signCredentialRequest,
  signKeyResponse,
  signTicket,
  signTimeAttestation,
  uuidToBytes,
} from '@portvakt/protocol';
import { buildTestTicketClaims, testLockNumber } from '@portvakt/protocol/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Lock } from './lock.device';
import { Phone } from './phone.device';
import type { TestSite } from './testing';
import { createTestSite, testMunicipality } from './testing';

let site: TestSite;
beforeEach(async () => {
  site = await createTestSite();
});

const records = (lock: Lock) => lock.records.map(decodeEventRecord);

/** A presentation for the lock's current challenge: ticket claims for key B, response by `responder`. */
async function presentAsB(
  lock: Lock,
  options: { claims?: Partial<TicketClaims>; forged?: boolean; responder?: 'A' | 'B' } = {},
) {
  const { signers, world } = site;
  const { nonce } = decodeChallenge(lock.issueChallenge());
  const claims = buildTestTicketClaims(signers.keyB, {
    staff: 'p-staff-b',
    issuedAt: world.now(),
    notBefore: world.now(),
    ...options.claims,
  });
  const ticketSigner = options.forged ? { ...signers.rogueIssuer, kid: signers.issuer.kid } : signers.issuer;
  const ticket = await signTicket(claims, ticketSigner);
  const responder = options.responder === 'A' ? signers.keyA : signers.keyB;
  const response = await signKeyResponse(
    { nonce, lock: testLockNumber, activatedAt: world.now() - 60 },
    { privateKey: responder.privateKey, keyId: signers.keyB.kid },
  );
  return lock.open(encodePresentation({ ticket, response }));
}

describe('review 1: the block list no longer grows without bound inside tickets', () => {
  it('1,000 keys blocked over time: activation still works, tickets and lists stay bounded', async () => {
    const { issuer, world, keyA, box, lock } = site;
    const pair = await generateSigningKeyPair();
    const stationId = uuidToBytes('3e000000-0000-4000-8000-0000000000aa');
    let largestTicket = 0;
    let largestList = 0;
    for (let i = 0; i < 1000; i++) {
      const keyId = uuidToBytes(`5a000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`);
      await issuer.enrolDevice({ deviceId: keyId, kind: 'key', publicKey: pair.publicKey, staff: `p-${i}` });
      issuer.setGrants(keyId, [{ lock: testLockNumber }]);
      const request = await signCredentialRequest(
        { keyId, nonce: randomBytes(16), time: world.now(), purpose: 'sync' },
        pair.privateKey,
      );
      const issued = await issuer.sync({ request, stationId });
      largestTicket = Math.max(largestTicket, issued.ticket.length);
      await issuer.block(keyId); // lost three hours later… and so on, for 125 days
      largestList = Math.max(largestList, issuer.blockListSize);
      world.advance(3 * 3600);
    }
    // Only keys whose tickets may still be valid are listed: five days of blocks, not 1,000.
    expect(largestList).toBeLessThanOrEqual(41);
    expect(largestTicket).toBeLessThanOrEqual(2048);
    expect(await box.activate(keyA, '1234')).toMatchObject({ isActivated: true, mode: 'online' });
    const claims = parseTicket(keyA.ticket!.bytes).claims;
    expect(keyA.ticket!.bytes.length).toBeLessThanOrEqual(2048);
    expect(claims.blockedKeys.length).toBeLessThanOrEqual(41);
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    expect(lock.blockListVersion).toBe(claims.blockListVersion);
    expect(lock.blockedKeyCount).toBeLessThanOrEqual(41);
  }, 60_000);

  it('a lock further behind than the ticket covers adds its entries but waits for the signed list', async () => {
    const { issuer, lock, keyB, box } = site;
    await box.activate(keyB, '5678');
    // The lock holds version 1; a ticket saying "entries since version 5, now 7" cannot complete it.
    const ticketClaims = {
      blockListVersion: 7,
      blockListSince: 5,
      blockedKeys: [keyB.deviceId],
    };
    const { signers, world } = site;
    const { nonce } = decodeChallenge(lock.issueChallenge());
    const ticket = await signTicket(
      buildTestTicketClaims(signers.keyA, { issuedAt: world.now(), notBefore: world.now(), ...ticketClaims }),
      signers.issuer,
    );
    const response = await signKeyResponse(
      { nonce, lock: testLockNumber, activatedAt: world.now() },
      { privateKey: signers.keyA.privateKey, keyId: signers.keyA.kid },
    );
    expect(await lock.open(encodePresentation({ ticket, response }))).toEqual({ isOpen: true });
    expect(lock.blockListVersion).toBe(0);
    // B carries the issuer's signed list version 1 and hands it over after being refused; an older
    // complete list does not drop what the lock learned from the newer ticket.
    expect(await keyB.openLock(lock)).toEqual({ isOpen: false, reason: 'key-blocked' });
    expect(lock.blockListVersion).toBe(1);
    expect(await keyB.openLock(lock)).toEqual({ isOpen: false, reason: 'key-blocked' });
    // A signed list newer than the ticket's version replaces everything as of its version.
    const newer = await signBlockList(
      { issuer: testMunicipality, version: 8, issuedAt: world.now(), blockedKeys: [] },
      signers.issuer,
    );
    expect(await lock.acceptBlockList(newer)).toEqual({ isAccepted: true });
    expect(lock.blockedKeyCount).toBe(0);
    expect(issuer.blockListSize).toBe(0);
  });
});

describe('review 2: lock records name a key and staff member only when verified', () => {
  it('does not attribute a forged ticket naming staff B to B', async () => {
    const { lock } = site;
    expect(await presentAsB(lock, { forged: true })).toEqual({
      isOpen: false,
      reason: 'bad-issuer-signature',
    });
    await site.box.activate(site.keyA, '1234');
    await site.keyA.openLock(lock);
    const refusal = records(lock).find((r) => r.reason === 'bad-issuer-signature')!;
    expect(refusal).toMatchObject({ verified: false, claimedKeyId: site.keyB.deviceId, count: 1 });
    expect(refusal.keyId).toBeUndefined();
    expect(refusal.staff).toBeUndefined();
    expect(records(lock).some((r) => r.staff === 'p-staff-b')).toBe(false);
  });

  it("does not record B's genuine ticket replayed at a lock B has no right to as B", async () => {
    const { lock } = site;
    const otherLocks = { locks: [{ lock: 1 }, { lock: 2 }] };
    // The attacker has B's ticket bytes (they travel in the clear) but not B's private key.
    expect(await presentAsB(lock, { claims: otherLocks, responder: 'A' })).toEqual({
      isOpen: false,
      reason: 'bad-key-signature',
    });
    expect(records(lock).some((r) => r.staff === 'p-staff-b' || r.reason === 'wrong-lock')).toBe(false);
    // B's own key at that lock is refused as wrong-lock and recorded as B: verified evidence.
    expect(await presentAsB(lock, { claims: otherLocks })).toEqual({ isOpen: false, reason: 'wrong-lock' });
    expect(records(lock).at(-1)).toMatchObject({
      reason: 'wrong-lock',
      verified: true,
      keyId: site.keyB.deviceId,
      staff: 'p-staff-b',
    });
  });
});

describe('review 3: records go only to a key that has just opened the lock; junk cannot flush them', () => {
  it('hands records to nobody without a successful opening in the same session', async () => {
    const { lock, keyA, keyB, box, station } = site;
    await box.activate(keyA, '1234');
    expect(await lock.handOverRecords()).toBeUndefined();
    await station.sync(keyB); // B has a valid ticket but is not activated
    expect(await keyB.openLock(lock)).toEqual({ isOpen: false, reason: 'not-activated' });
    expect(await lock.handOverRecords()).toBeUndefined();
    expect(keyB.carriedRecordCount).toBe(0);
    const challenge = lock.issueChallenge();
    expect(await lock.open((await keyA.respond(challenge))!)).toEqual({ isOpen: true });
    const batch = await lock.handOverRecords();
    expect(batch!.records.length).toBe(lock.recordSequence);
    expect(await lock.handOverRecords()).toBeUndefined(); // once per session
    expect(await lock.open((await keyA.respond(lock.issueChallenge()))!)).toEqual({ isOpen: true });
    lock.issueChallenge(); // a new challenge ends the session
    expect(await lock.handOverRecords()).toBeUndefined();
  });

  it('keeps an uncollected opening through 5,000 junk messages and counts them in one record', async () => {
    const { keyA, box, addLock, issuer } = site;
    const lock = await addLock(77, { recordCapacity: 50 });
    issuer.setGrants(keyA.deviceId, [{ lock: 77 }]);
    await box.activate(keyA, '1234');
    const challenge = lock.issueChallenge();
    expect(await lock.open((await keyA.respond(challenge))!)).toEqual({ isOpen: true }); // not collected
    const opening = lock.records.at(-1)!;
    for (let i = 0; i < 5000; i++) {
      lock.issueChallenge();
      await lock.open(randomBytes(1 + (i % 40)));
    }
    expect(lock.records).toContainEqual(opening);
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    const junk = records(lock).filter((r) => r.count !== undefined);
    expect(junk.reduce((n, r) => n + r.count!, 0)).toBe(5000);
    expect(junk.length).toBeLessThanOrEqual(2);
  });
});

describe('review 4: keys verify issuer signatures before replacing ticket or block list', () => {
  it('refuses a ticket with sequence 2^32-1 planted by a rogue box, and still takes genuine updates', async () => {
    const { keyA, box, signers, world, station } = site;
    await box.activate(keyA, '1234');
    const rogue = { ...signers.rogueIssuer, kid: signers.issuer.kid };
    const planted = await signTicket(
      buildTestTicketClaims(signers.keyA, {
        sequence: maxUint32,
        issuedAt: world.now(),
        notBefore: world.now(),
      }),
      rogue,
    );
    const blockList = await signBlockList(
      { issuer: testMunicipality, version: maxUint32, issuedAt: world.now(), blockedKeys: [] },
      rogue,
    );
    await expect(keyA.installCredentials({ ticket: planted, blockList })).rejects.toThrow('bad-signature');
    expect(keyA.ticket!.sequence).toBeLessThan(maxUint32);
    const before = keyA.ticket!.sequence;
    expect(await station.sync(keyA)).toMatchObject({ isSynced: true });
    expect(keyA.ticket!.sequence).toBe(before + 1);
  });

  it('ignores a block list with version 2^32-1 offered by a fake lock', async () => {
    const { keyA, box, signers, world, issuer, station } = site;
    await box.activate(keyA, '1234');
    const fake = await signBlockList(
      { issuer: testMunicipality, version: maxUint32, issuedAt: world.now(), blockedKeys: [] },
      { ...signers.rogueIssuer, kid: signers.issuer.kid },
    );
    expect(await keyA.takeBlockList(fake)).toBe(false);
    const version = await issuer.block(site.keyB.deviceId);
    await station.sync(keyA);
    expect(keyA.blockListVersion).toBe(version);
  });
});

describe('review 5: a phone cannot stretch its activation past the shift', () => {
  class ModifiedPhone extends Phone {
    claimActivation(time: number): void {
      this.activatedAt = time;
    }
  }

  it('login tickets expire one shift after login, whatever activation time the app claims', async () => {
    const { issuer, world, lock } = site;
    const keyPair = await generateSigningKeyPair(false);
    const deviceId = uuidToBytes('4f000000-0000-4000-8000-0000000000ee');
    await issuer.enrolDevice({
      deviceId,
      kind: 'phone',
      publicKey: keyPair.publicKey,
      staff: 'p-phone',
      account: { username: 'eve', password: 'pw' },
    });
    issuer.setGrants(deviceId, [{ lock: testLockNumber }]);
    const phone = new ModifiedPhone({
      deviceId,
      keyPair,
      world,
      gateway: issuer,
      issuerKeys: issuer.issuerKeys,
    });
    const loginAt = world.now();
    expect(await phone.login('eve', 'pw')).toEqual({ isLoggedIn: true });
    expect(phone.ticket!.expiresAt).toBe(loginAt + 12 * 3600);
    expect(await phone.openLock(lock)).toEqual({ isOpen: true });
    world.advance(2 * 86400);
    phone.claimActivation(world.now() - 60); // "I logged in a minute ago"
    expect(await phone.openLock(lock)).toEqual({ isOpen: false, reason: 'expired' });
  });
});

describe('review 6: uploads detect forked and restarted chains', () => {
  async function chain(deviceId: Uint8Array, key: CryptoKey, reasons: ('none' | 'wrong-lock')[]) {
    const out: Uint8Array[] = [];
    let prev: Uint8Array = genesisHash;
    for (const [i, reason] of reasons.entries()) {
      const bytes = encodeEventRecord({
        deviceId,
        sequence: i + 1,
        time: site.world.now() + i,
        kind: 'open-attempt',
        result: reason === 'none' ? 'ok' : 'denied',
        reason,
        battery: 80,
        prev,
      });
      out.push(bytes);
      prev = await hashEventRecord(bytes);
    }
    const head = await signChainHead(
      { deviceId, firstSequence: 1, sequence: reasons.length, hash: prev, time: site.world.now() },
      key,
    );
    return encodeRecordBatch({ head, records: out });
  }

  it('refuses a batch that rewrites stored records, with a chain-fork finding', async () => {
    const { issuer, lock, signers } = site;
    expect(
      await issuer.uploadRecords([await chain(lock.deviceId, signers.lock.privateKey, ['none', 'none'])]),
    ).toMatchObject({ stored: 2, findings: [] });
    const forked = await chain(lock.deviceId, signers.lock.privateKey, ['none', 'wrong-lock', 'none']);
    const receipt = await issuer.uploadRecords([forked]);
    expect(receipt).toMatchObject({ stored: 0, duplicates: 0 });
    expect(receipt.findings[0]).toMatch(/^chain-fork: .*record 2 differs/);
    expect(issuer.recordsOf(lock.deviceId).map((r) => r.reason)).toEqual(['none', 'none']);
  });

  it('reports a lock whose log restarted at 1 instead of dropping its records silently', async () => {
    const { issuer, lock, signers } = site;
    await issuer.uploadRecords([
      await chain(lock.deviceId, signers.lock.privateKey, ['none', 'none', 'none']),
    ]);
    const restarted = await chain(lock.deviceId, signers.lock.privateKey, ['wrong-lock']);
    const receipt = await issuer.uploadRecords([restarted]);
    expect(receipt.duplicates).toBe(0);
    expect(receipt.findings.join()).toMatch(/chain-fork/);
  });
});

describe('review 7: a clock set forward no longer bricks the lock', () => {
  async function phoneSite() {
    const { issuer, world } = site;
    const keyPair = await generateSigningKeyPair(false);
    const deviceId = uuidToBytes('4f000000-0000-4000-8000-0000000000ff');
    await issuer.enrolDevice({
      deviceId,
      kind: 'phone',
      publicKey: keyPair.publicKey,
      staff: 'p-tech',
      account: { username: 'tech', password: 'pw' },
    });
    issuer.setGrants(deviceId, [{ lock: testLockNumber }]);
    return new Phone({ deviceId, keyPair, world, gateway: issuer, issuerKeys: issuer.issuerKeys });
  }

  it('refuses every ticket after the clock is set forward, until a phone brings the issuer time', async () => {
    const { lock, keyA, box, world } = site;
    await box.activate(keyA, '1234');
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    lock.clock.set(world.now() + 365 * 86400); // set forward a year, and records written at that time
    expect(await keyA.openLock(lock)).toEqual({ isOpen: false, reason: 'expired' });
    lock.clock.set(world.now()); // setting it right by hand is now a set-back: refused
    expect(await keyA.openLock(lock)).toEqual({ isOpen: false, reason: 'clock-rollback' });
    await box.activate(keyA, '1234'); // a fresh ticket's iat does not lower the floor either
    expect(await keyA.openLock(lock)).toEqual({ isOpen: false, reason: 'clock-rollback' });
    const phone = await phoneSite();
    expect(await phone.login('tech', 'pw')).toEqual({ isLoggedIn: true });
    expect(await phone.correctLockClock(lock)).toBe(true);
    expect(Math.abs(lock.clock.now() - world.now())).toBeLessThanOrEqual(1);
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
  });

  it('refuses a replayed, foreign or forged time attestation', async () => {
    const { lock, issuer, signers, world } = site;
    const challenge = lock.issueChallenge();
    const genuine = await issuer.attestTime({ challenge });
    lock.issueChallenge(); // a new challenge: the attestation's nonce is no longer outstanding
    expect(await lock.acceptTimeAttestation(genuine)).toEqual({
      isAccepted: false,
      reason: 'stale-challenge',
    });
    const { nonce } = decodeChallenge(lock.issueChallenge());
    const forged = await signTimeAttestation(
      { issuer: testMunicipality, lock: testLockNumber, nonce, time: world.now() - 30 * 86400 },
      { ...signers.rogueIssuer, kid: signers.issuer.kid },
    );
    expect(await lock.acceptTimeAttestation(forged)).toEqual({
      isAccepted: false,
      reason: 'bad-issuer-signature',
    });
    const fresh = lock.issueChallenge();
    const other = await issuer.attestTime({ challenge: fresh });
    world.advance(120); // too late: a delayed attestation is stale
    expect(await lock.acceptTimeAttestation(other)).toEqual({ isAccepted: false, reason: 'stale-challenge' });
  });

  it('setting the clock forward does not prune the block list', async () => {
    const { lock, keyA, keyB, box, issuer, world } = site;
    await box.activate(keyA, '1234');
    await box.activate(keyB, '5678');
    await issuer.block(keyA.deviceId);
    expect(await lock.acceptBlockList(issuer.currentBlockList)).toEqual({ isAccepted: true });
    lock.clock.set(world.now() + 30 * 86400);
    await keyB.openLock(lock); // expired by the forward clock; the lock still must not forget A
    const phone = await phoneSite();
    await phone.login('tech', 'pw');
    expect(await phone.correctLockClock(lock)).toBe(true);
    expect(await keyA.openLock(lock)).toEqual({ isOpen: false, reason: 'key-blocked' });
  });
});

describe('issuer key rotation', () => {
  it('locks install a newer key set carried by keys; old keys work until a newer set retires them', async () => {
    const { issuer, lock, keyA, keyB, box, station } = site;
    const old = issuer.signer;
    await box.activate(keyA, '1234');
    await box.activate(keyB, '5678'); // B keeps a ticket signed by the old key
    const next = await issuer.rotateIssuerKey({ activate: false });
    await station.sync(keyA); // A carries key set 2
    expect(keyA.issuerKeySetVersion).toBe(2);
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    expect(lock.issuerKeySetVersion).toBe(2);
    await issuer.activateIssuerKey(next.kid);
    await station.sync(keyA); // ticket now signed by the new key
    expect(parseTicket(keyA.ticket!.bytes).sign1.kid).toEqual(next.kid);
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    expect(await keyB.openLock(lock)).toEqual({ isOpen: true }); // old key still trusted
    await issuer.retireIssuerKey(old.kid);
    await station.sync(keyA);
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    expect(lock.issuerKeySetVersion).toBe(3);
    expect(await keyB.openLock(lock)).toEqual({ isOpen: false, reason: 'unknown-issuer-kid' });
    expect(records(lock).some((r) => r.kind === 'issuer-keys-updated')).toBe(true);
  });

  it('refuses a key set signed by a key the lock does not trust, and an older one', async () => {
    const { lock, issuer } = site;
    const rogue = await import('@portvakt/protocol').then((p) =>
      p.signIssuerKeySet(
        {
          issuer: testMunicipality,
          version: 9,
          issuedAt: site.world.now(),
          keys: [{ kid: site.signers.rogueIssuer.kid, publicKey: site.signers.rogueIssuer.coordinates }],
        },
        site.signers.rogueIssuer,
      ),
    );
    expect(await lock.acceptIssuerKeySet(rogue)).toEqual({ isAccepted: false, reason: 'unknown-issuer-kid' });
    await issuer.rotateIssuerKey({ activate: false });
    const v2 = issuer.currentIssuerKeySet;
    await issuer.rotateIssuerKey({ activate: false });
    expect(await lock.acceptIssuerKeySet(issuer.currentIssuerKeySet)).toEqual({ isAccepted: true });
    expect(await lock.acceptIssuerKeySet(v2)).toEqual({ isAccepted: false, reason: 'issuer-keys-rollback' });
    expect(lock.issuerKeySetVersion).toBe(3);
  });
});

describe('block-list version in records (for the server)', () => {
  it('every lock record carries the block-list version the lock holds', async () => {
    const { lock, keyA, box, issuer, station } = site;
    await box.activate(keyA, '1234');
    await keyA.openLock(lock);
    await issuer.block(site.keyB.deviceId);
    await station.sync(keyA);
    await keyA.openLock(lock);
    const all = records(lock);
    expect(all.every((r) => r.blockListVersion !== undefined)).toBe(true);
    expect(all.at(-1)!.blockListVersion).toBe(lock.blockListVersion);
    expect(lock.blockListVersion).toBe(parseTicket(keyA.ticket!.bytes).claims.blockListVersion);
  });
});
