import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing } from './crypto';
import type { TestSigner } from './testing';
import { buildTestTicketClaims, loadTestKeys, testTime } from './testing';
import type { TicketClaims } from './ticket';
import {
  encodedTicketClaimsLength,
  encodeTicketClaims,
  findLockGrant,
  isWithinWindows,
  minuteOfWeek,
  parseTicket,
  signTicket,
  verifyTicket,
} from './ticket';
import { encodeCanonical } from './cbor';
import { contentTypes, signCoseSign1 } from './cose';
import { readRefusalReasonOf as rejectReason } from './testing';

let keys: Record<'issuer' | 'rogueIssuer' | 'keyA' | 'keyB' | 'lock', TestSigner>;
beforeAll(async () => {
  keys = await loadTestKeys();
});

describe('ticket', () => {
  it('round-trips claims through sign and verify', async () => {
    const claims = buildTestTicketClaims(keys.keyA);
    const bytes = await signTicket(claims, keys.issuer);
    expect(await verifyTicket(bytes, createKeyRing([[keys.issuer.kid, keys.issuer.publicKey]]))).toEqual(
      claims,
    );
  });

  it('fits 300 locks with 4-byte lock numbers and 8 blocked keys in 2 KB', async () => {
    const locks = Array.from({ length: 300 }, (_, i) => ({ lock: 0x10000000 + i * 7919 }));
    const blockedKeys = Array.from({ length: 8 }, (_, i) => new Uint8Array(16).fill(i + 1));
    const bytes = await signTicket(buildTestTicketClaims(keys.keyA, { locks, blockedKeys }), keys.issuer);
    expect(bytes.length).toBeLessThanOrEqual(2048);
  });

  it('counts the encoded length of any claims exactly as the encoding comes out', () => {
    // Lock numbers and window bounds across every CBOR head size (1, 2, 3 and 5 bytes).
    const uint = fc.oneof(fc.nat(23), fc.nat(255), fc.nat(65_535), fc.nat(0xffffffff));
    const grant = fc.record(
      {
        lock: uint,
        windows: fc.array(fc.record({ start: uint, end: uint }), { maxLength: 30 }),
      },
      { requiredKeys: ['lock'] },
    );
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 400 }), uint, (locks, sequence) => {
        const claims = buildTestTicketClaims(keys.keyA, { locks, sequence });
        expect(encodedTicketClaimsLength(claims)).toBe(encodeTicketClaims(claims).length);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a ticket signed by a key whose kid is not in the ring', async () => {
    const bytes = await signTicket(buildTestTicketClaims(keys.keyA), keys.rogueIssuer);
    expect(
      await rejectReason(verifyTicket(bytes, createKeyRing([[keys.issuer.kid, keys.issuer.publicKey]]))),
    ).toBe('unknown-kid');
  });

  it('refuses a ticket whose signature was made by another key under the issuer kid', async () => {
    const forged = await signTicket(buildTestTicketClaims(keys.keyA), {
      ...keys.rogueIssuer,
      kid: keys.issuer.kid,
    });
    const ring = createKeyRing([[keys.issuer.kid, keys.issuer.publicKey]]);
    expect(await rejectReason(verifyTicket(forged, ring))).toBe('bad-signature');
  });

  it('refuses to sign or parse a ticket valid for more than five days', async () => {
    const claims = buildTestTicketClaims(keys.keyA, { expiresAt: testTime + 5 * 24 * 3600 + 1 });
    expect(await rejectReason(signTicket(claims, keys.issuer))).toBe('out-of-range');
  });

  it('refuses a staff pseudonym (sub) holding a control character, as every event record would', async () => {
    for (const staff of ['ps-\u0000', 'ps-\n1', 'ps-\u007f', 'ps-\u0085'])
      expect(await rejectReason(signTicket(buildTestTicketClaims(keys.keyA, { staff }), keys.issuer))).toBe(
        'out-of-range',
      );
    const claims = buildTestTicketClaims(keys.keyA, { staff: 'Åsa Öberg' });
    expect(parseTicket(await signTicket(claims, keys.issuer)).claims.staff).toBe('Åsa Öberg');
  });

  it('refuses lock numbers that are not strictly ascending', async () => {
    const claims = buildTestTicketClaims(keys.keyA, { locks: [{ lock: 5 }, { lock: 5 }] });
    expect(await rejectReason(signTicket(claims, keys.issuer))).toBe('out-of-range');
  });

  it('refuses a ticket payload with an unknown claim even when correctly signed', async () => {
    const claims = buildTestTicketClaims(keys.keyA);
    const bytes = await signTicket(claims, keys.issuer);
    const payload = parseTicket(bytes).sign1.payload;
    const { decodeCanonical } = await import('./cbor');
    const map = decodeCanonical(payload, 9000, 't') as Map<number, unknown>;
    map.set(-70000, 1);
    const extended = await signCoseSign1({
      ...keys.issuer,
      contentType: contentTypes.ticket,
      payload: encodeCanonical(map),
    });
    expect(
      await rejectReason(verifyTicket(extended, createKeyRing([[keys.issuer.kid, keys.issuer.publicKey]]))),
    ).toBe('unknown-field');
  });

  it('refuses a block list presented as a ticket', async () => {
    const { signBlockList } = await import('./block-list');
    const list = await signBlockList(
      { issuer: 'se-0180', version: 1, issuedAt: testTime, blockedKeys: [] },
      keys.issuer,
    );
    expect(
      await rejectReason(verifyTicket(list, createKeyRing([[keys.issuer.kid, keys.issuer.publicKey]]))),
    ).toBe('wrong-content-type');
  });
});

describe('lock grants and windows', () => {
  const claims = (): TicketClaims => buildTestTicketClaims(keys.keyA);

  it('finds a granted lock and misses an absent one', () => {
    expect(findLockGrant(claims(), 4711)?.lock).toBe(4711);
    expect(findLockGrant(claims(), 4712)).toBeUndefined();
    expect(findLockGrant(claims(), 17)?.lock).toBe(17);
  });

  it('counts minutes of the week from Monday 00:00 UTC', () => {
    expect(minuteOfWeek(testTime)).toBe(600); // Monday 10:00
    expect(minuteOfWeek(0)).toBe(3 * 1440); // Thursday 1970-01-01
  });

  it('allows inside a window and refuses outside it', () => {
    const grant = { lock: 1, windows: [{ start: 420, end: 1320 }] };
    expect(isWithinWindows(grant, testTime)).toBe(true);
    expect(isWithinWindows(grant, testTime - 4 * 3600)).toBe(false); // 06:00
    expect(isWithinWindows(grant, testTime + 12 * 3600)).toBe(false); // 22:00, end exclusive
  });
});
