// Negative tests for the protocol-level findings of the security review (block-list size, ECDSA
// malleability, record identity fields, issuer key sets, forked chains).
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordBatch } from './chain-head';
import { findChainConflicts, signChainHead } from './chain-head';
import { decodeCanonical, encodeCanonical } from './cbor';
import {
  encodeTicketClaims,
  fitTicketBlockList,
  maxTicketBytes,
  parseTicket,
  signTicket,
  sortKeyIds,
  verifyTicket,
} from './ticket';
import type { BlockListHistoryEntry } from './ticket';
import { createKeyRing, isLowS, signEs256, toHighS, verifyEs256 } from './crypto';
import { decodeEventRecord, encodeEventRecord, genesisHash, hashEventRecord } from './event-record';
import { signIssuerKeySet, verifyIssuerKeySet } from './issuer-key-set';
import type { TestSigner } from './testing';
import { buildTestTicketClaims, loadTestKeys, testTime } from './testing';
import { readRefusalReasonOf as reasonOf } from './testing';

let keys: Record<'issuer' | 'rogueIssuer' | 'keyA' | 'keyB' | 'lock', TestSigner>;
beforeAll(async () => {
  keys = await loadTestKeys();
});

const keyId = (n: number) => {
  const id = new Uint8Array(16);
  new DataView(id.buffer).setUint32(0, n * 2654435761);
  id[15] = n & 0xff;
  return id;
};
/** `count` recent blocks, one per version, the newest at version `version`. */
const recentBlocks = (count: number, version: number): BlockListHistoryEntry[] =>
  Array.from({ length: count }, (_, i) => ({ keyId: keyId(i + 1), version: version - i }));

describe('block list in tickets (review 1)', () => {
  const lockList = (count: number, base: number) =>
    Array.from({ length: count }, (_, i) => ({ lock: base + i * 7 }));

  it('keeps a 300-lock ticket with 4-byte lock numbers within 2 KB with 50 recent blocks', async () => {
    const base = buildTestTicketClaims(keys.keyA, { locks: lockList(300, 0x10000000) });
    const delta = fitTicketBlockList(base, 1000, recentBlocks(50, 1000));
    const bytes = await signTicket({ ...base, ...delta }, keys.issuer);
    expect(bytes.length).toBeLessThanOrEqual(2048);
    expect(delta.blockedKeys.length).toBeGreaterThanOrEqual(16);
    // The newest blocks are the ones carried; `since` tells a lock what the entries cover.
    expect(delta.blockListSince).toBe(1000 - delta.blockedKeys.length);
    expect(parseTicket(bytes).claims.blockListSince).toBe(delta.blockListSince);
  });

  it('carries all 50 recent blocks within 2 KB for 300 locks numbered below 65,536', async () => {
    const base = buildTestTicketClaims(keys.keyA, { locks: lockList(300, 1) });
    const delta = fitTicketBlockList(base, 1000, recentBlocks(50, 1000));
    const bytes = await signTicket({ ...base, ...delta }, keys.issuer);
    expect(bytes.length).toBeLessThanOrEqual(2048);
    expect(delta.blockedKeys).toHaveLength(50);
    expect(delta.blockListSince).toBeUndefined(); // complete as of version 1000
  });

  it('never fails to issue: 1,500 4-byte lock numbers with 1,000 listed keys still sign under 8 KB', async () => {
    const base = buildTestTicketClaims(keys.keyA, { locks: lockList(1500, 0x10000000) });
    const delta = fitTicketBlockList(base, 5000, recentBlocks(1000, 5000));
    const bytes = await signTicket({ ...base, ...delta }, keys.issuer);
    expect(bytes.length).toBeLessThanOrEqual(maxTicketBytes);
    expect(delta.blockedKeys.length).toBeGreaterThanOrEqual(16);
  });

  it('chooses exactly the entries that encoding every candidate ticket would choose', async () => {
    // The former way: encode the whole ticket for each candidate set and measure it.
    const chooseByEncoding = (
      base: ReturnType<typeof buildTestTicketClaims>,
      version: number,
      entries: BlockListHistoryEntry[],
    ) => {
      const versions = [...new Set(entries.map((e) => e.version))].sort((a, b) => b - a);
      let taken: Uint8Array[] = [];
      let since = 0;
      for (const v of versions) {
        const next = sortKeyIds([...taken, ...entries.filter((e) => e.version === v).map((e) => e.keyId)]);
        const payload = encodeTicketClaims({
          ...base,
          blockListVersion: version,
          blockListSince: v,
          blockedKeys: next,
        });
        const head = payload.length < 24 ? 1 : payload.length < 256 ? 2 : payload.length < 65536 ? 3 : 5;
        const size = 1 + 18 + 1 + head + payload.length + 2 + 64;
        if (!(next.length <= 64 && size <= maxTicketBytes && (size <= 2048 || next.length <= 16))) {
          since = v;
          break;
        }
        taken = next;
      }
      return {
        blockListVersion: version,
        blockedKeys: taken,
        ...(since > 0 ? { blockListSince: since } : {}),
      };
    };
    // Several keys per version, versions across CBOR head sizes (23/24, 255/256, 65535/65536).
    for (const [locks, lockBase, count, newest] of [
      [300, 0x10000000, 50, 1000],
      [300, 1, 50, 1000],
      [40, 1, 30, 30],
      [120, 0x10000, 200, 300],
      [1500, 0x10000000, 1000, 70_000],
      [0, 1, 0, 1],
    ] as const) {
      const base = buildTestTicketClaims(keys.keyA, { locks: lockList(locks, lockBase) });
      const entries = Array.from({ length: count }, (_, i) => ({
        keyId: keyId(i + 1),
        version: newest - Math.floor(i / 3),
      }));
      const chosen = fitTicketBlockList(base, newest, entries);
      expect(chosen).toEqual(chooseByEncoding(base, newest, entries));
      const bytes = await signTicket({ ...base, ...chosen }, keys.issuer);
      expect(bytes.length).toBeLessThanOrEqual(maxTicketBytes);
    }
  });

  it('refuses a ticket carrying more than 64 blocked keys, and a since after the version', async () => {
    const many = Array.from({ length: 65 }, (_, i) => keyId(i + 1)).sort((a, b) => {
      for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return 0;
    });
    expect(
      await reasonOf(signTicket(buildTestTicketClaims(keys.keyA, { blockedKeys: many }), keys.issuer)),
    ).toBe('oversize');
    const claims = buildTestTicketClaims(keys.keyA, { blockListVersion: 3, blockListSince: 4 });
    expect(await reasonOf(signTicket(claims, keys.issuer))).toBe('out-of-range');
  });
});

describe('ECDSA low-S (review 8)', () => {
  it('always signs in low-S form', async () => {
    for (let i = 0; i < 40; i++) {
      expect(isLowS(await signEs256(keys.issuer.privateKey, new Uint8Array([i])))).toBe(true);
    }
  });

  it('refuses the high-S twin of a valid ticket signature, which plain ECDSA accepts', async () => {
    const ticket = await signTicket(buildTestTicketClaims(keys.keyA), keys.issuer);
    const [protectedBytes, , payload, signature] = decodeCanonical(ticket, 9000, 't') as Uint8Array[];
    const highS = toHighS(signature!);
    const data = encodeCanonical(['Signature1', protectedBytes, new Uint8Array(0), payload]);
    // The malleability: WebCrypto verifies both forms.
    expect(
      await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        keys.issuer.publicKey,
        highS as Uint8Array<ArrayBuffer>,
        data as Uint8Array<ArrayBuffer>,
      ),
    ).toBe(true);
    expect(await verifyEs256(keys.issuer.publicKey, highS, data)).toBe(false);
    const twin = encodeCanonical([protectedBytes, new Map(), payload, highS]);
    const ring = createKeyRing([[keys.issuer.kid, keys.issuer.publicKey]]);
    expect(await reasonOf(verifyTicket(twin, ring))).toBe('non-canonical');
  });
});

describe('event records name only verified identities (review 2)', () => {
  const base = {
    deviceId: new Uint8Array(16).fill(1),
    sequence: 1,
    time: testTime,
    kind: 'open-attempt' as const,
    result: 'denied' as const,
    reason: 'bad-issuer-signature' as const,
    battery: 90,
    prev: genesisHash,
  };

  it('round-trips the verified flag, claimed key, block-list version and aggregate count', () => {
    const record = {
      ...base,
      verified: false,
      claimedKeyId: new Uint8Array(16).fill(2),
      blockListVersion: 9,
      count: 3,
      firstTime: testTime - 60,
    };
    expect(decodeEventRecord(encodeEventRecord(record))).toEqual(record);
  });

  it('refuses a record that puts an unverified identity in the identity fields', () => {
    const bad = encodeEventRecord({ ...base, verified: false, keyId: new Uint8Array(16), staff: 'p-b' });
    expect(() => decodeEventRecord(bad)).toThrow('out-of-range');
    const claimedButVerified = encodeEventRecord({
      ...base,
      verified: true,
      claimedKeyId: new Uint8Array(16),
    });
    expect(() => decodeEventRecord(claimedButVerified)).toThrow('out-of-range');
  });
});

describe('issuer key set', () => {
  it('verifies only under a trusted key, and refuses a kid paired with another key', async () => {
    const ring = createKeyRing([[keys.issuer.kid, keys.issuer.publicKey]]);
    const set = {
      issuer: 'se-0180',
      version: 2,
      issuedAt: testTime,
      keys: [
        { kid: keys.rogueIssuer.kid, publicKey: keys.rogueIssuer.coordinates },
        { kid: keys.issuer.kid, publicKey: keys.issuer.coordinates },
      ],
    };
    const { ring: next } = await verifyIssuerKeySet(await signIssuerKeySet(set, keys.issuer), ring);
    expect(next.find(keys.rogueIssuer.kid)).toBeDefined();
    expect(await reasonOf(verifyIssuerKeySet(await signIssuerKeySet(set, keys.rogueIssuer), ring))).toBe(
      'unknown-kid',
    );
    const swapped = { ...set, keys: [{ kid: keys.issuer.kid, publicKey: keys.rogueIssuer.coordinates }] };
    expect(await reasonOf(verifyIssuerKeySet(await signIssuerKeySet(swapped, keys.issuer), ring))).toBe(
      'out-of-range',
    );
  });
});

describe('forked chains (review 6)', () => {
  async function batchOf(reasons: ('none' | 'wrong-lock')[]): Promise<RecordBatch> {
    const records: Uint8Array[] = [];
    let prev: Uint8Array = genesisHash;
    for (const [i, reason] of reasons.entries()) {
      const bytes = encodeEventRecord({
        deviceId: keys.lock.kid,
        sequence: i + 1,
        time: testTime + i,
        kind: 'open-attempt',
        result: reason === 'none' ? 'ok' : 'denied',
        reason,
        battery: 80,
        prev,
      });
      records.push(bytes);
      prev = await hashEventRecord(bytes);
    }
    const head = await signChainHead(
      { deviceId: keys.lock.kid, firstSequence: 1, sequence: reasons.length, hash: prev, time: testTime },
      keys.lock.privateKey,
    );
    return { head, records };
  }

  it('finds a record that differs from the stored one at the same sequence', async () => {
    const stored = await batchOf(['none', 'none', 'none']);
    const refs = new Map<number, { hash: Uint8Array; prev: Uint8Array }>();
    for (const bytes of stored.records) {
      const record = decodeEventRecord(bytes);
      refs.set(record.sequence, { hash: await hashEventRecord(bytes), prev: record.prev });
    }
    expect(await findChainConflicts(stored, (s) => refs.get(s))).toBeUndefined();
    const fork = await batchOf(['none', 'wrong-lock']);
    expect(await findChainConflicts(fork, (s) => refs.get(s))).toMatchObject({ sequence: 2 });
  });
});
