import { describe, expect, it } from 'vitest';
import {
  checkNotBeforeReceived,
  checkReceiptDocument,
  checkSlot,
  checkStoragePlace,
  listMonthEnds,
  maxReceiptDocumentBytes,
} from './backup-key-rules';

describe('backup key rules', () => {
  it('keeps a key in a cabinet slot or a named safe, exactly one', () => {
    expect(checkStoragePlace({ keyCabinetId: 'c', slot: 3 })).toBeNull();
    expect(checkStoragePlace({ safeName: 'Kassaskåp kontoret' })).toBeNull();
    expect(checkStoragePlace({ keyCabinetId: 'c' })?.field).toBe('slot');
    expect(checkStoragePlace({ slot: 2 })?.field).toBe('keyCabinetId');
    expect(checkStoragePlace({})?.code).toBe('storage_place_required');
    expect(checkStoragePlace({ keyCabinetId: 'c', slot: 1, safeName: 'Kassaskåp' })?.code).toBe(
      'storage_place_required',
    );
  });

  it('dates nothing of a key before the day it was received: its return, a receipt signed', () => {
    expect(checkNotBeforeReceived('signedOn', '2026-07-09', '2026-07-09')).toBeNull();
    expect(checkNotBeforeReceived('returnedOn', '2027-03-10', '2026-07-09')).toBeNull();
    expect(checkNotBeforeReceived('signedOn', '2001-01-01', '2026-07-09')).toMatchObject({
      code: 'signed_before_received',
      field: 'signedOn',
    });
    expect(checkNotBeforeReceived('returnedOn', '2026-07-08', '2026-07-09')).toMatchObject({
      code: 'returned_before_received',
      field: 'returnedOn',
    });
  });

  it('takes only slots the cabinet has', () => {
    expect(checkSlot(1, 10)).toBeNull();
    expect(checkSlot(10, 10)).toBeNull();
    expect(checkSlot(11, 10)?.code).toBe('slot_out_of_range');
    expect(checkSlot(0, 10)?.code).toBe('slot_out_of_range');
  });

  it('accepts a receipt whose bytes are of its declared type, within the size limit', () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n…');
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0]);
    expect(checkReceiptDocument(pdf, 'application/pdf')).toBeNull();
    expect(checkReceiptDocument(png, 'image/png')).toBeNull();
    expect(checkReceiptDocument(jpeg, 'image/jpeg')).toBeNull();
    expect(checkReceiptDocument(pdf, 'image/png')?.code).toBe('invalid_document');
    expect(checkReceiptDocument(new TextEncoder().encode('<script>'), 'application/pdf')?.code).toBe(
      'invalid_document',
    );
    const large = new Uint8Array(maxReceiptDocumentBytes + 1);
    large.set(pdf);
    expect(checkReceiptDocument(large, 'application/pdf')?.code).toBe('document_too_large');
  });

  it('counts at each month’s end, the current month’s today', () => {
    expect(listMonthEnds('2026-11', '2027-03', '2027-03-10')).toEqual([
      '2026-11-30',
      '2026-12-31',
      '2027-01-31',
      '2027-02-28',
      '2027-03-10',
    ]);
    expect(listMonthEnds('2027-02', '2027-06', '2027-02-28')).toEqual(['2027-02-28']);
    expect(listMonthEnds('2027-04', '2027-06', '2027-03-10')).toEqual([]);
  });
});
