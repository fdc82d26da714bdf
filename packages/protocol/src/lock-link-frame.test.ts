import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './bytes';
import { encodeCanonical, encodeFieldMap } from './cbor';
import {
  chunkLockLinkFrame,
  decodeLockLinkReply,
  decodeLockLinkRequest,
  encodeLockLinkReply,
  encodeLockLinkRequest,
  LockLinkFrameAssembler,
  lockLinkOperations,
  maxLockLinkFrameBytes,
  readLockLinkRequestId,
  UnknownOperationError,
  type LockLinkReply,
  type LockLinkRequest,
} from './lock-link-frame';
import { readRefusalReason as reasonOf } from './testing';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('lock link frames', () => {
  const requests: LockLinkRequest[] = [
    { id: 1, operation: 'issue-challenge' },
    { id: 2, operation: 'open', payload: bytes(0x82, 0x41, 1, 0x41, 2) },
    { id: 3, operation: 'accept-issuer-key-set', payload: bytes(9) },
    { id: 4, operation: 'offer-issuer-key-set' },
    { id: 5, operation: 'accept-block-list', payload: bytes(8, 7) },
    { id: 6, operation: 'offer-block-list' },
    { id: 0xffffffff, operation: 'accept-time-attestation', payload: bytes(1) },
    { id: 8, operation: 'hand-over-records' },
  ];

  it.each(requests.map((r) => [r.operation, r] as const))('round-trips a %s request', (_, request) => {
    expect(decodeLockLinkRequest(encodeLockLinkRequest(request))).toEqual(request);
  });

  const replies: LockLinkReply[] = [
    { id: 1, operation: 'issue-challenge', payload: bytes(0xa0) },
    { id: 2, operation: 'open' },
    { id: 2, operation: 'open', refusal: 'key-blocked' },
    { id: 3, operation: 'accept-issuer-key-set', refusal: 'issuer-keys-rollback' },
    { id: 4, operation: 'offer-issuer-key-set' },
    { id: 4, operation: 'offer-issuer-key-set', payload: bytes(1, 2, 3) },
    { id: 5, operation: 'accept-block-list' },
    { id: 6, operation: 'offer-block-list', payload: bytes(4) },
    { id: 7, operation: 'accept-time-attestation', refusal: 'stale-challenge' },
    { id: 8, operation: 'hand-over-records' },
    { id: 8, operation: 'hand-over-records', payload: bytes(0x82, 0x40, 0x80) },
    { id: 9, operation: 'open', error: 'lock-failed' },
    { id: 0, error: 'malformed-frame' },
  ];

  it.each(replies.map((r, i) => [i, r] as const))('round-trips reply %i', (_, reply) => {
    expect(decodeLockLinkReply(encodeLockLinkReply(reply))).toEqual(reply);
  });

  it('is the documented bytes: {1: 7, 2: 2, 3: h"01"} and {1: 7, 2: 2, 3: 13}', () => {
    expect(bytesToHex(encodeLockLinkRequest({ id: 7, operation: 'open', payload: bytes(1) }))).toBe(
      'a3010702020341' + '01',
    );
    expect(bytesToHex(encodeLockLinkReply({ id: 7, operation: 'open', refusal: 'key-blocked' }))).toBe(
      'a30107020203' + '0d',
    );
  });

  it.each([
    ['not CBOR', 'ff', 'malformed-cbor'],
    ['an array, not a map', bytesToHex(encodeCanonical([1, 2])), 'wrong-type'],
    [
      'id 0 (reserved for unreadable requests)',
      bytesToHex(
        encodeFieldMap([
          [1, 0],
          [2, 1],
        ]),
      ),
      'out-of-range',
    ],
    ['a missing operation', bytesToHex(encodeFieldMap([[1, 1]])), 'missing-field'],
    [
      'an extra field',
      bytesToHex(
        encodeFieldMap([
          [1, 1],
          [2, 1],
          [9, 1],
        ]),
      ),
      'unknown-field',
    ],
    [
      'a payload where none is taken',
      bytesToHex(
        encodeFieldMap([
          [1, 1],
          [2, 1],
          [3, bytes(1)],
        ]),
      ),
      'unknown-field',
    ],
    [
      'open without its presentation',
      bytesToHex(
        encodeFieldMap([
          [1, 1],
          [2, 2],
        ]),
      ),
      'missing-field',
    ],
    [
      'a payload that is text',
      bytesToHex(
        encodeFieldMap([
          [1, 1],
          [2, 2],
          [3, 'x'],
        ]),
      ),
      'wrong-type',
    ],
    ['a non-canonical id (1 as 0x1801)', 'a201180102' + '01', 'non-canonical'],
    [
      'trailing bytes',
      bytesToHex(
        encodeFieldMap([
          [1, 1],
          [2, 1],
        ]),
      ) + '00',
      'trailing-bytes',
    ],
  ])('refuses a request frame with %s', (_, hex, reason) => {
    expect(reasonOf(() => decodeLockLinkRequest(hexToBytes(hex)))).toBe(reason);
  });

  it('names an unknown operation with the request id, so the reply can address it', () => {
    const frame = encodeFieldMap([
      [1, 42],
      [2, 99],
    ]);
    expect(() => decodeLockLinkRequest(frame)).toThrow(UnknownOperationError);
    expect(readLockLinkRequestId(frame)).toBe(42);
    expect(readLockLinkRequestId(hexToBytes('ff'))).toBe(0);
  });

  it('refuses oversize frames before decoding them', () => {
    const frame = new Uint8Array(maxLockLinkFrameBytes + 1);
    expect(reasonOf(() => decodeLockLinkRequest(frame))).toBe('oversize');
    expect(reasonOf(() => decodeLockLinkReply(frame))).toBe('oversize');
  });

  it.each([
    [
      'a decision missing on open',
      encodeFieldMap([
        [1, 1],
        [2, lockLinkOperations.open],
      ]),
      'missing-field',
    ],
    [
      'a challenge reply without its challenge',
      encodeFieldMap([
        [1, 1],
        [2, 1],
      ]),
      'missing-field',
    ],
    [
      'a decision on an offer',
      encodeFieldMap([
        [1, 1],
        [2, 4],
        [3, 0],
      ]),
      'unknown-field',
    ],
    [
      'an unknown reason code',
      encodeFieldMap([
        [1, 1],
        [2, 2],
        [3, 31],
      ]),
      'out-of-range',
    ],
    [
      'an error with a result',
      encodeFieldMap([
        [1, 1],
        [3, 0],
        [5, 1],
      ]),
      'unknown-field',
    ],
    [
      'an unknown error code',
      encodeFieldMap([
        [1, 1],
        [5, 77],
      ]),
      'out-of-range',
    ],
  ])('refuses a reply with %s', (_, frame, reason) => {
    expect(reasonOf(() => decodeLockLinkReply(frame))).toBe(reason);
  });
});

describe('lock link frames over GATT', () => {
  const frame = encodeLockLinkRequest({
    id: 3,
    operation: 'open',
    payload: Uint8Array.from({ length: 700 }, (_, i) => i % 251),
  });

  it('cuts a frame into MTU − 3 byte chunks behind a 4-byte length, and joins them again', () => {
    const chunks = chunkLockLinkFrame(frame, 23);
    expect(chunks.every((c) => c.length <= 20)).toBe(true);
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(frame.length + 4);
    expect(bytesToHex(chunks[0]!.subarray(0, 4))).toBe(frame.length.toString(16).padStart(8, '0'));
    const assembler = new LockLinkFrameAssembler();
    const out = chunks.flatMap((chunk) => assembler.push(chunk));
    expect(out).toEqual([frame]);
    expect(decodeLockLinkRequest(out[0]!)).toMatchObject({ id: 3, operation: 'open' });
  });

  it('joins frames whatever the chunk boundaries, including a length split across chunks', () => {
    const second = encodeLockLinkRequest({ id: 4, operation: 'hand-over-records' });
    const stream = [...chunkLockLinkFrame(frame, 247), ...chunkLockLinkFrame(second, 23)];
    const all = new Uint8Array(stream.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of stream) {
      all.set(chunk, at);
      at += chunk.length;
    }
    const assembler = new LockLinkFrameAssembler();
    const out: Uint8Array[] = [];
    for (let i = 0; i < all.length; i += 3) out.push(...assembler.push(all.subarray(i, i + 3)));
    expect(out).toEqual([frame, second]);
  });

  it('refuses an announced length over the limit at once, and starts afresh', () => {
    const assembler = new LockLinkFrameAssembler();
    const header = new Uint8Array(4);
    new DataView(header.buffer).setUint32(0, maxLockLinkFrameBytes + 1);
    expect(reasonOf(() => assembler.push(header))).toBe('oversize');
    expect(chunkLockLinkFrame(frame, 512).flatMap((c) => assembler.push(c))).toEqual([frame]);
  });

  it('refuses an MTU below BLE’s minimum', () => {
    expect(reasonOf(() => chunkLockLinkFrame(frame, 22))).toBe('out-of-range');
  });
});
