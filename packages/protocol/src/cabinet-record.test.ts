import { beforeAll, describe, expect, it } from 'vitest';
import { signDeviceCertificate, verifyDeviceCertificate } from './device-certificate';
import { createKeyRing } from './crypto';
import { decodeEventRecord, encodeEventRecord, genesisHash, type EventRecord } from './event-record';
import { loadTestKeys, testTime } from './testing';
import { readRefusalReason as reasonOf } from './testing';

let keys: Awaited<ReturnType<typeof loadTestKeys>>;
beforeAll(async () => {
  keys = await loadTestKeys();
});

const taken = (overrides: Partial<EventRecord> = {}): EventRecord => ({
  deviceId: keys.cabinet.kid,
  sequence: 1,
  time: testTime,
  kind: 'key-taken',
  result: 'ok',
  reason: 'none',
  battery: 100,
  staff: 'p-7f3a91c2',
  slot: 3,
  prev: genesisHash,
  ...overrides,
});

describe('key cabinet records (field 17, slot)', () => {
  it('round-trips take and return records with their slot', () => {
    for (const kind of ['key-taken', 'key-returned'] as const) {
      const record = taken({ kind, slot: 1000 });
      expect(decodeEventRecord(encodeEventRecord(record))).toEqual(record);
    }
  });

  it('requires the slot on cabinet kinds and refuses it on every other kind', () => {
    const { slot: _slot, ...withoutSlot } = taken();
    expect(reasonOf(() => decodeEventRecord(encodeEventRecord(withoutSlot)))).toBe('missing-field');
    expect(reasonOf(() => decodeEventRecord(encodeEventRecord(taken({ slot: 0 }))))).toBe('out-of-range');
    expect(reasonOf(() => decodeEventRecord(encodeEventRecord(taken({ slot: 1001 }))))).toBe('out-of-range');
    expect(reasonOf(() => decodeEventRecord(encodeEventRecord(taken({ kind: 'open-attempt' }))))).toBe(
      'unknown-field',
    );
  });

  it('enrols a cabinet as device kind 6 without a lock number', async () => {
    const certificate = await signDeviceCertificate(
      {
        issuer: 'se-0180',
        deviceId: keys.cabinet.kid,
        kind: 'key-cabinet',
        publicKey: keys.cabinet.coordinates,
        issuedAt: testTime,
      },
      keys.issuer,
    );
    const ring = createKeyRing([[keys.issuer.kid, keys.issuer.publicKey]]);
    expect((await verifyDeviceCertificate(certificate, ring)).kind).toBe('key-cabinet');
  });
});
