// Field 9 (staff) is text from a verified ticket that ends up in the event log's database and on
// screens: a control character in it is refused as out-of-range by every reader, so a batch that
// carries one is rejected whole at ingest instead of failing in storage (docs/protocol.md §6).
import { describe, expect, it } from 'vitest';
import { decodeEventRecord, encodeEventRecord } from './event-record';
import { buildTestOpeningRecord, readRefusalReason } from './testing';

const opening = (staff: string) => buildTestOpeningRecord({ staff });

const reasonOf = (staff: string) =>
  readRefusalReason(() => decodeEventRecord(encodeEventRecord(opening(staff))));

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
