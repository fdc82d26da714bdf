// Field 9 (staff) is text from a verified ticket that ends up in the event log's database and on
// screens: a control character in it is refused as out-of-range by every reader, so a batch that
// carries one is rejected whole at ingest instead of failing in storage (docs/protocol.md §6).
import { describe, expect, it } from 'vitest';
import { ProtocolError } from './errors';
import { decodeEventRecord, encodeEventRecord, genesisHash, type EventRecord } from './event-record';

const opening = (staff: string): EventRecord => ({
  deviceId: new Uint8Array(16).fill(1),
  sequence: 1,
  time: 1_760_000_000,
  kind: 'open-attempt',
  result: 'ok',
  reason: 'none',
  battery: 87,
  keyId: new Uint8Array(16).fill(2),
  staff,
  lock: 4711,
  prev: genesisHash,
  verified: true,
});

function reasonOf(staff: string): string {
  try {
    decodeEventRecord(encodeEventRecord(opening(staff)));
    return 'accepted';
  } catch (error) {
    if (error instanceof ProtocolError) return error.reason;
    throw error;
  }
}

describe('event record field 9 (staff)', () => {
  it('refuses a NUL in the staff pseudonym as out-of-range', () => {
    expect(reasonOf('ps-\u0000')).toBe('out-of-range');
    expect(() => decodeEventRecord(encodeEventRecord(opening('ps-\u0000')))).toThrow(/staff/);
  });

  it('refuses every C0 control character, DEL and the C1 controls, wherever they stand', () => {
    const controls = [
      ...Array.from({ length: 0x20 }, (_, c) => c),
      ...Array.from({ length: 0x21 }, (_, c) => 0x7f + c),
    ];
    for (const code of controls) {
      const c = String.fromCharCode(code);
      expect([code, reasonOf(`${c}ps-1`)]).toEqual([code, 'out-of-range']);
      expect([code, reasonOf(`ps-${c}1`)]).toEqual([code, 'out-of-range']);
    }
  });

  it('still accepts printable pseudonyms, non-ASCII letters and spaces included', () => {
    for (const staff of ['p-7f3a91c2', 'ps-0123456789ab', 'Åsa Öberg', '~', 'x'.repeat(64)])
      expect(decodeEventRecord(encodeEventRecord(opening(staff))).staff).toBe(staff);
  });
});
