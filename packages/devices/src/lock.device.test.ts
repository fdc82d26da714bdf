import fc from 'fast-check';
import type { Reason, TicketClaims } from '@portvakt/protocol';
import {
  decodeChallenge,
  decodeEventRecord,
  encodePresentation,
  signKeyResponse,
  signTicket,
} from '@portvakt/protocol';
import type { TestSigner } from '@portvakt/protocol/testing';
import { buildTestTicketClaims, testLockNumber } from '@portvakt/protocol/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Lock } from './lock.device';
import type { TestSite } from './testing';
import { createTestSite } from './testing';

let site: TestSite;
beforeEach(async () => {
  site = await createTestSite();
});

interface Attempt {
  claims?: Partial<TicketClaims>;
  ticketSigner?: TestSigner;
  responseSigner?: TestSigner;
  responseKid?: Uint8Array;
  activatedAt?: number;
  responseLock?: number;
}

/** Builds a presentation answering `challenge` exactly as a key would, with the given deviations. */
async function buildPresentation(challengeBytes: Uint8Array, attempt: Attempt = {}): Promise<Uint8Array> {
  const { signers, world } = site;
  const challenge = decodeChallenge(challengeBytes);
  const claims = buildTestTicketClaims(signers.keyA, {
    issuedAt: world.now(),
    notBefore: world.now(),
    ...attempt.claims,
  });
  const ticket = await signTicket(claims, attempt.ticketSigner ?? signers.issuer);
  const responder = attempt.responseSigner ?? signers.keyA;
  const response = await signKeyResponse(
    {
      nonce: challenge.nonce,
      lock: attempt.responseLock ?? challenge.lock,
      activatedAt: attempt.activatedAt ?? world.now() - 600,
    },
    { privateKey: responder.privateKey, keyId: attempt.responseKid ?? signers.keyA.kid },
  );
  return encodePresentation({ ticket, response });
}

async function attemptOpen(lock: Lock, attempt: Attempt = {}): Promise<{ isOpen: boolean; reason?: Reason }> {
  return lock.open(await buildPresentation(lock.issueChallenge(), attempt));
}

function lastRecord(lock: Lock): ReturnType<typeof decodeEventRecord> {
  return decodeEventRecord(lock.records.at(-1)!);
}

/** A refusal after both verifications: recorded at once, with the verified key and staff. */
async function expectRefusedAndRecorded(
  result: Promise<{ isOpen: boolean; reason?: Reason }>,
  reason: Reason,
) {
  expect(await result).toEqual({ isOpen: false, reason });
  const record = lastRecord(site.lock);
  expect(record).toMatchObject({
    kind: 'open-attempt',
    result: 'denied',
    reason,
    lock: testLockNumber,
    verified: true,
    keyId: site.signers.keyA.kid,
  });
  expect(record.claimedKeyId).toBeUndefined();
}

/**
 * A refusal whose identity could not be verified: no record of its own and no key or staff; it is
 * counted in an aggregate record written before the lock's next verified record.
 */
async function expectRefusedUnverified(
  result: Promise<{ isOpen: boolean; reason?: Reason }>,
  reason: Reason,
  count = 1,
) {
  const before = site.lock.recordSequence;
  expect(await result).toEqual({ isOpen: false, reason });
  expect(site.lock.recordSequence).toBe(before);
  expect(await attemptOpen(site.lock)).toEqual({ isOpen: true });
  const written = site.lock.records.map(decodeEventRecord).filter((r) => r.sequence > before);
  const aggregate = written.find((r) => r.reason === reason);
  expect(aggregate).toMatchObject({
    kind: 'open-attempt',
    result: 'denied',
    verified: false,
    count,
    lock: testLockNumber,
  });
  expect(aggregate!.keyId).toBeUndefined();
  expect(aggregate!.staff).toBeUndefined();
  return aggregate!;
}

describe('lock opening', () => {
  it('opens for a valid ticket and fresh response, and records the opening with key and staff', async () => {
    expect(await attemptOpen(site.lock)).toEqual({ isOpen: true });
    expect(lastRecord(site.lock)).toMatchObject({
      kind: 'open-attempt',
      result: 'ok',
      reason: 'none',
      staff: 'p-7f3a91c2',
    });
  });

  it('uses two signature verifications for a new ticket and one for a ticket it has verified', async () => {
    const { lock, signers, world } = site;
    const claims = buildTestTicketClaims(signers.keyA, { issuedAt: world.now(), notBefore: world.now() });
    const ticket = await signTicket(claims, signers.issuer);
    const answer = async (challengeBytes: Uint8Array) => {
      const { nonce } = decodeChallenge(challengeBytes);
      const response = await signKeyResponse(
        { nonce, lock: testLockNumber, activatedAt: world.now() },
        { privateKey: signers.keyA.privateKey, keyId: signers.keyA.kid },
      );
      return encodePresentation({ ticket, response });
    };
    expect(await lock.open(await answer(lock.issueChallenge()))).toEqual({ isOpen: true });
    expect(lock.verificationCount).toBe(2);
    expect(await lock.open(await answer(lock.issueChallenge()))).toEqual({ isOpen: true });
    expect(lock.verificationCount).toBe(3);
  });
});

describe('lock adversarial suite: each attempt is refused and recorded with its reason', () => {
  it('refuses a ticket with a forged issuer signature', async () => {
    const forger = { ...site.signers.rogueIssuer, kid: site.signers.issuer.kid };
    await expectRefusedUnverified(attemptOpen(site.lock, { ticketSigner: forger }), 'bad-issuer-signature');
  });

  it('refuses a ticket under an unknown issuer kid', async () => {
    await expectRefusedUnverified(
      attemptOpen(site.lock, { ticketSigner: site.signers.rogueIssuer }),
      'unknown-issuer-kid',
    );
  });

  it('refuses a ticket that does not list this lock', async () => {
    await expectRefusedAndRecorded(
      attemptOpen(site.lock, { claims: { locks: [{ lock: 1 }, { lock: 2 }] } }),
      'wrong-lock',
    );
  });

  it('refuses a response signed for another lock number', async () => {
    await expectRefusedUnverified(attemptOpen(site.lock, { responseLock: 17 }), 'wrong-lock');
  });

  it('refuses an expired ticket', async () => {
    const now = site.world.now();
    await expectRefusedAndRecorded(
      attemptOpen(site.lock, {
        claims: { issuedAt: now - 3 * 86400, notBefore: now - 3 * 86400, expiresAt: now - 1 },
      }),
      'expired',
    );
  });

  it('refuses a ticket that is not yet valid', async () => {
    await expectRefusedAndRecorded(
      attemptOpen(site.lock, { claims: { notBefore: site.world.now() + 3600 } }),
      'not-yet-valid',
    );
  });

  it('refuses a key that was never activated', async () => {
    await expectRefusedAndRecorded(attemptOpen(site.lock, { activatedAt: 0 }), 'not-activated');
  });

  it('refuses a key activated longer ago than the shift length', async () => {
    const activatedAt = site.world.now() - 12 * 3600 - 60;
    await expectRefusedAndRecorded(attemptOpen(site.lock, { activatedAt }), 'activation-expired');
  });

  it('refuses a replayed response to an old challenge', async () => {
    const old = await buildPresentation(site.lock.issueChallenge());
    expect(await site.lock.open(old)).toEqual({ isOpen: true });
    site.lock.issueChallenge();
    await expectRefusedUnverified(site.lock.open(old), 'stale-challenge');
  });

  it('refuses a response when no challenge is outstanding, and a response after the challenge lifetime', async () => {
    const presentation = await buildPresentation(site.lock.issueChallenge());
    site.world.advance(31);
    expect(await site.lock.open(presentation)).toEqual({ isOpen: false, reason: 'stale-challenge' });
    await expectRefusedUnverified(site.lock.open(presentation), 'stale-challenge', 2);
  });

  it('refuses a response signed by a key other than the ticket cnf', async () => {
    await expectRefusedUnverified(
      attemptOpen(site.lock, { responseSigner: site.signers.keyB }),
      'bad-key-signature',
    );
    await expectRefusedUnverified(
      attemptOpen(site.lock, { responseSigner: site.signers.keyB, responseKid: site.signers.keyB.kid }),
      'key-mismatch',
    );
  });

  it('refuses a ticket with a lower sequence number than one already seen from that key', async () => {
    expect(await attemptOpen(site.lock, { claims: { sequence: 5 } })).toEqual({ isOpen: true });
    await expectRefusedAndRecorded(attemptOpen(site.lock, { claims: { sequence: 4 } }), 'ticket-rollback');
    expect(await attemptOpen(site.lock, { claims: { sequence: 5 } })).toEqual({ isOpen: true });
  });

  it('refuses a block-listed key', async () => {
    const blocked = { blockListVersion: 9, blockedKeys: [site.signers.keyA.kid] };
    await expectRefusedAndRecorded(attemptOpen(site.lock, { claims: blocked }), 'key-blocked');
    expect(site.lock.blockListVersion).toBe(9);
    // Once learned, a ticket carrying an older list does not unblock the key.
    await expectRefusedAndRecorded(
      attemptOpen(site.lock, { claims: { blockListVersion: 3 } }),
      'key-blocked',
    );
  });

  it('refuses outside the weekly time window and opens inside it', async () => {
    // testTime is Monday 10:00 UTC = minute 600 of the week.
    const grant = (start: number, end: number) => ({
      locks: [{ lock: testLockNumber, windows: [{ start, end }] }],
    });
    await expectRefusedAndRecorded(
      attemptOpen(site.lock, { claims: grant(420, 540) }),
      'outside-time-window',
    );
    expect(await attemptOpen(site.lock, { claims: grant(540, 660) })).toEqual({ isOpen: true });
  });

  it('refuses when the lock clock has been set back, where it would otherwise accept an expired ticket', async () => {
    const start = site.world.now();
    const claims = { issuedAt: start, notBefore: start, expiresAt: start + 86400 };
    expect(await attemptOpen(site.lock, { claims })).toEqual({ isOpen: true });
    site.world.advance(2 * 86400);
    await expectRefusedAndRecorded(attemptOpen(site.lock, { claims, activatedAt: start + 3600 }), 'expired');
    site.lock.clock.set(start + 3600);
    await expectRefusedAndRecorded(
      attemptOpen(site.lock, { claims, activatedAt: start + 3000 }),
      'clock-rollback',
    );
  });

  it('heals a set-back clock from the issued-at of a fresh valid ticket', async () => {
    expect(await attemptOpen(site.lock)).toEqual({ isOpen: true });
    site.world.advance(3600);
    site.lock.clock.set(site.world.now() - 2 * 86400);
    expect(await attemptOpen(site.lock)).toEqual({ isOpen: true });
    expect(Math.abs(site.lock.clock.now() - site.world.now())).toBeLessThanOrEqual(1);
    expect(site.lock.records.map(decodeEventRecord).some((r) => r.kind === 'clock-corrected')).toBe(true);
  });

  it('refuses truncated, oversized, mutated and random messages: no crash, no acceptance (10,000 cases)', async () => {
    const { lock } = site;
    expect(await attemptOpen(lock)).toEqual({ isOpen: true });
    const countBefore = lock.recordSequence;
    const expectRefused = async (bytes: Uint8Array) => {
      const result = await lock.open(bytes);
      expect(result.isOpen).toBe(false);
      // Junk is counted, not recorded one by one: it cannot flush genuine records.
      expect(lock.recordSequence).toBe(countBefore);
    };
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
        lock.issueChallenge();
        await expectRefused(bytes);
      }),
      { numRuns: 3000 },
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (cut) => {
        const valid = await buildPresentation(lock.issueChallenge());
        await expectRefused(valid.slice(0, cut % valid.length));
      }),
      { numRuns: 2000 },
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (at, flip) => {
        const bytes = (await buildPresentation(lock.issueChallenge())).slice();
        bytes[at % bytes.length]! ^= flip;
        await expectRefused(bytes);
      }),
      { numRuns: 4000 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20_000 }),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        async (extra, junk) => {
          const valid = await buildPresentation(lock.issueChallenge());
          const padded = new Uint8Array(valid.length + extra);
          padded.set(valid);
          for (let i = valid.length; i < padded.length; i++) padded[i] = junk[i % junk.length]!;
          await expectRefused(padded);
        },
      ),
      { numRuns: 1000 },
    );
    // The lock still works afterwards, and writes the junk as a handful of aggregate records.
    expect(await attemptOpen(lock)).toEqual({ isOpen: true });
    const written = lock.records.map(decodeEventRecord).filter((r) => r.sequence > countBefore);
    const aggregates = written.filter((r) => r.count !== undefined);
    expect(written.length).toBeLessThanOrEqual(aggregates.length + 3);
    expect(aggregates.length).toBeLessThanOrEqual(12);
    expect(aggregates.reduce((n, r) => n + r.count!, 0)).toBe(10_000);
    expect(aggregates.every((r) => r.verified === false && !r.keyId && !r.staff)).toBe(true);
  }, 120_000);
});
