// Backup keys (R9.3, R6.2; docs/backup-keys.md): where a physical key is kept, the scanned receipt
// a customer signed, and the month ends "keys still held" is counted at (R11.2).

export const backupKeyStatuses = ['held', 'returned'] as const;
export type BackupKeyStatus = (typeof backupKeyStatuses)[number];

export const keyReceiptKinds = ['received', 'returned'] as const;
export type KeyReceiptKind = (typeof keyReceiptKinds)[number];

/** The scanned signed receipt: a PDF or a photo of it. */
export const receiptDocumentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type ReceiptDocumentType = (typeof receiptDocumentTypes)[number];
/** A scan of one or two pages fits well within this. */
export const maxReceiptDocumentBytes = 2 * 1024 * 1024;

export interface StoragePlace {
  keyCabinetId?: string | null | undefined;
  slot?: number | null | undefined;
  safeName?: string | null | undefined;
}

export interface KeyRuleRefusal {
  code:
    | 'storage_place_required'
    | 'slot_out_of_range'
    | 'invalid_document'
    | 'document_too_large'
    | 'returned_before_received'
    | 'signed_before_received';
  field: string;
  message: string;
}

/** A held key is kept in exactly one place: a cabinet slot, or a named safe. */
export function checkStoragePlace(place: StoragePlace): KeyRuleRefusal | null {
  const inCabinet = Boolean(place.keyCabinetId);
  const hasSlot = place.slot !== null && place.slot !== undefined;
  const inSafe = Boolean(place.safeName?.trim());
  if (inCabinet !== hasSlot)
    return {
      code: 'storage_place_required',
      field: inCabinet ? 'slot' : 'keyCabinetId',
      message: 'A key in a cabinet needs both the cabinet and the slot.',
    };
  if (inCabinet === inSafe)
    return {
      code: 'storage_place_required',
      field: 'keyCabinetId',
      message: 'A key is kept either in a cabinet slot or in a named safe, one of them.',
    };
  return null;
}

/** The slot must be one the cabinet has (1 … slot count). */
export function checkSlot(slot: number, slotCount: number): KeyRuleRefusal | null {
  if (Number.isInteger(slot) && slot >= 1 && slot <= slotCount) return null;
  return {
    code: 'slot_out_of_range',
    field: 'slot',
    message: `The cabinet has slots 1–${slotCount}.`,
  };
}

/**
 * A day on the key's papers (its return, a receipt signed) is on or after the day the key was
 * received: nothing of the key is signed or handed back before the provider had it. Receipts
 * are append-only, so a wrong day could never be put right.
 */
export function checkNotBeforeReceived(
  field: 'returnedOn' | 'signedOn',
  day: string,
  receivedOn: string,
): KeyRuleRefusal | null {
  if (day >= receivedOn) return null;
  return field === 'returnedOn'
    ? { code: 'returned_before_received', field, message: 'A key goes back after it was received.' }
    : {
        code: 'signed_before_received',
        field,
        message: `A receipt of the key is signed on or after the day it was received (${receivedOn}).`,
      };
}

const signatures: Record<ReceiptDocumentType, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/**
 * Whether an uploaded receipt is what it says it is: within the size limit, and its first bytes
 * are those of the declared type (a renamed file or a script is refused).
 */
export function checkReceiptDocument(
  bytes: Uint8Array,
  contentType: ReceiptDocumentType,
): KeyRuleRefusal | null {
  if (bytes.length > maxReceiptDocumentBytes)
    return {
      code: 'document_too_large',
      field: 'document',
      message: `The document is larger than ${maxReceiptDocumentBytes / 1024 / 1024} MB.`,
    };
  const signature = signatures[contentType];
  if (bytes.length < signature.length || signature.some((byte, index) => bytes[index] !== byte))
    return {
      code: 'invalid_document',
      field: 'document',
      message: `The document is not a ${contentType} file.`,
    };
  return null;
}

/**
 * The days "keys still held" is counted at: the last day of each month from `fromMonth` to
 * `toMonth` (YYYY-MM), the current month's at `today` instead of its end. Months after today's
 * are left out.
 */
export function listMonthEnds(fromMonth: string, toMonth: string, today: string): string[] {
  const days: string[] = [];
  let [year, month] = fromMonth.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > toMonth || key > today.slice(0, 7)) break;
    const end = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    days.push(end > today ? today : end);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return days;
}
