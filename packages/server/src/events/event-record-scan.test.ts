// The ingest's fast record reader against the protocol's strict decoder: same values for every
// valid record, and never accepting what decodeEventRecord rejects (mutated, truncated, extended).
import {
  decodeEventRecord,
  decodeRecordBatch,
  encodeRecordBatch,
  encodeEventRecord,
  eventKinds,
  eventResults,
  reasonCodes,
  type EventKind,
  type EventRecord,
  type Reason,
} from '@portvakt/protocol';
import { buildTestOpeningRecord } from '@portvakt/protocol/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameRecordBatch, newScannedRecord, scanEventRecord, uuidAt } from './event-record-scan';

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const uint32 = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 0xffffffff }));
const record: fc.Arbitrary<EventRecord> = fc
  .record({
    deviceId: bytes(16),
    sequence: fc.integer({ min: 1, max: 0xffffffff }),
    time: uint32,
    kind: fc.constantFrom(...(Object.keys(eventKinds) as EventKind[])),
    result: fc.constantFrom('ok' as const, 'denied' as const),
    reason: fc.constantFrom(...(Object.keys(reasonCodes) as Reason[])),
    battery: fc.integer({ min: 0, max: 100 }),
    prev: bytes(32),
    identity: fc.oneof(
      fc.constant({}),
      fc.record({
        verified: fc.constant(true),
        keyId: bytes(16),
        staff: fc.string({ minLength: 1, maxLength: 40 }),
      }),
      fc.record({ verified: fc.constant(false), claimedKeyId: bytes(16) }),
      fc.record({ verified: fc.constant(false) }),
    ),
    lock: fc.option(uint32, { nil: undefined }),
    blockListVersion: fc.option(uint32, { nil: undefined }),
    aggregate: fc.option(fc.record({ count: fc.integer({ min: 1, max: 0xffffffff }), firstTime: uint32 }), {
      nil: undefined,
    }),
    // Cabinet slots, also out of range and on kinds that may not carry one (both must refuse).
    slot: fc.option(fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constantFrom(0, 1001)), {
      nil: undefined,
    }),
  })
  .map(({ identity, aggregate, lock, blockListVersion, slot, ...rest }) => ({
    ...rest,
    ...(slot === undefined ? {} : { slot }),
    ...identity,
    ...(lock === undefined ? {} : { lock }),
    ...(blockListVersion === undefined ? {} : { blockListVersion }),
    ...(aggregate ?? {}),
  }));

function scanned(input: Uint8Array) {
  const out = newScannedRecord();
  scanEventRecord(input, out);
  return {
    deviceId: uuidAt(out.src, out.deviceIdAt),
    prev: Buffer.from(out.src.subarray(out.prevAt, out.prevAt + 32)).toString('hex'),
    keyId: out.keyIdAt >= 0 ? uuidAt(out.src, out.keyIdAt) : undefined,
    claimedKeyId: out.claimedKeyIdAt >= 0 ? uuidAt(out.src, out.claimedKeyIdAt) : undefined,
    sequence: out.sequence,
    time: out.time,
    kind: out.kind,
    result: out.result,
    reason: out.reason,
    battery: out.battery,
    staff: out.staff ?? undefined,
    lock: out.lock >= 0 ? out.lock : undefined,
    blockListVersion: out.blockListVersion >= 0 ? out.blockListVersion : undefined,
    verified: out.verified < 0 ? undefined : out.verified === 1,
    count: out.count >= 0 ? out.count : undefined,
    firstTime: out.firstTime >= 0 ? out.firstTime : undefined,
    slot: out.slot >= 0 ? out.slot : undefined,
  };
}

function decoded(input: Uint8Array) {
  const r = decodeEventRecord(input);
  return {
    deviceId: uuidAt(r.deviceId, 0),
    prev: Buffer.from(r.prev).toString('hex'),
    keyId: r.keyId ? uuidAt(r.keyId, 0) : undefined,
    claimedKeyId: r.claimedKeyId ? uuidAt(r.claimedKeyId, 0) : undefined,
    sequence: r.sequence,
    time: r.time,
    kind: eventKinds[r.kind],
    result: eventResults[r.result],
    reason: reasonCodes[r.reason],
    battery: r.battery,
    staff: r.staff,
    lock: r.lock,
    blockListVersion: r.blockListVersion,
    verified: r.verified,
    count: r.count,
    firstTime: r.firstTime,
    slot: r.slot,
  };
}

/** Both accept with the same values, or both throw. */
function same(input: Uint8Array): void {
  let expected: ReturnType<typeof decoded> | Error;
  try {
    expected = decoded(input);
  } catch (error) {
    expected = error as Error;
  }
  if (expected instanceof Error) expect(() => scanned(input)).toThrow(expected.message);
  else expect(scanned(input)).toEqual(expected);
}

describe('scanEventRecord', () => {
  it('reads every valid record exactly as decodeEventRecord does', () => {
    fc.assert(
      fc.property(record, (r) => same(encodeEventRecord(r))),
      { numRuns: 1500 },
    );
  });

  it('rejects whatever decodeEventRecord rejects (byte changes, cuts, extra bytes)', () => {
    fc.assert(
      fc.property(
        record,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: -3, max: 3 }),
        (r, changes, resize) => {
          const input = new Uint8Array(encodeEventRecord(r));
          for (const [at, value] of changes) input[at % input.length] = value;
          const sized =
            resize < 0
              ? input.subarray(0, Math.max(0, input.length + resize))
              : Buffer.concat([input, Buffer.alloc(resize)]);
          same(new Uint8Array(sized));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("refuses a control character in the staff pseudonym, with the decoder's error", () => {
    const base = buildTestOpeningRecord({ sequence: 7, prev: new Uint8Array(32) });
    // ASCII, so the fast path reads it: inline (< 24 bytes) and with a length byte (24..64).
    for (const staff of ['ps-\u0000', '\u0000', 'ps-\u001f', 'ps-\u007f', `ps-${'a'.repeat(30)}\n`]) {
      const input = encodeEventRecord({ ...base, staff });
      expect(() => scanned(input)).toThrow(/^out-of-range: event-record\.staff/);
      same(input);
    }
    expect(scanned(encodeEventRecord({ ...base, staff: 'ps-0123456789ab' })).staff).toBe('ps-0123456789ab');
  });

  it('frames record batches exactly as decodeRecordBatch does', () => {
    const hex = (batch: { head: Uint8Array; records: Uint8Array[] }) => ({
      head: Buffer.from(batch.head).toString('hex'),
      records: batch.records.map((r) => Buffer.from(r).toString('hex')),
    });
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 300 }), { maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 2 }),
        fc.integer({ min: -2, max: 2 }),
        (head, records, changes, resize) => {
          const input = new Uint8Array(encodeRecordBatch({ head, records }));
          for (const [at, value] of changes) input[at % input.length] = value;
          const sized =
            resize < 0
              ? input.subarray(0, input.length + resize)
              : new Uint8Array(Buffer.concat([input, Buffer.alloc(resize)]));
          let expected;
          try {
            expected = hex(decodeRecordBatch(sized));
          } catch (error) {
            expect(() => frameRecordBatch(sized)).toThrow((error as Error).message);
            return;
          }
          expect(hex(frameRecordBatch(sized))).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
