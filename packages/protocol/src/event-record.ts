// Event records: one per opening, refusal or notable device event, numbered per device and
// chained by hash (field 11 = SHA-256 of the previous record's exact bytes). Records themselves
// are not signed; a signed chain head covers the whole chain at once, which is what makes a lock
// able to afford logging every attempt.
import { decodeCanonical, encodeCanonical, FieldReader, maxTime, maxUint32 } from './cbor';
import { sha256 } from './crypto';
import { ProtocolError } from './errors';
import type { EventKind, EventResult, Reason } from './reasons';
import { eventKindFromCode, eventKinds, eventResults, reasonCodes, reasonFromCode } from './reasons';

export const maxEventRecordBytes = 256;
export const recordHashBytes = 32;
/** The `prev` of a device's first record (sequence 1). */
export const genesisHash = new Uint8Array(recordHashBytes);

export interface EventRecord {
  deviceId: Uint8Array;
  /** 1, 2, 3, … per device, never reused. */
  sequence: number;
  /** Device clock, seconds since the epoch. */
  time: number;
  kind: EventKind;
  result: EventResult;
  reason: Reason;
  /** Battery percent 0–100 after the operation. */
  battery: number;
  keyId?: Uint8Array;
  staff?: string;
  lock?: number;
  /** SHA-256 of the previous record's bytes, or 32 zero bytes for sequence 1. */
  prev: Uint8Array;
}

/** Encodes an event record deterministically; optional fields are omitted when absent. */
export function encodeEventRecord(record: EventRecord): Uint8Array {
  const map = new Map<number, unknown>([
    [1, record.deviceId],
    [2, record.sequence],
    [3, record.time],
    [4, eventKinds[record.kind]],
    [5, eventResults[record.result]],
    [6, reasonCodes[record.reason]],
    [7, record.battery],
    [11, record.prev],
  ]);
  if (record.keyId) map.set(8, record.keyId);
  if (record.staff !== undefined) map.set(9, record.staff);
  if (record.lock !== undefined) map.set(10, record.lock);
  return encodeCanonical(map);
}

/** Decodes one record strictly; unknown kinds, results or reasons are rejected, not guessed. */
export function decodeEventRecord(bytes: Uint8Array): EventRecord {
  const what = 'event-record';
  const fields = new FieldReader(
    decodeCanonical(bytes, maxEventRecordBytes, what),
    what,
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  );
  const kind = eventKindFromCode(fields.int(4, 'kind', 0, 255));
  const resultCode = fields.int(5, 'result', 0, 1);
  const reason = reasonFromCode(fields.int(6, 'reason', 0, 255));
  if (!kind) throw new ProtocolError('out-of-range', `${what}: unknown kind`);
  if (!reason) throw new ProtocolError('out-of-range', `${what}: unknown reason`);
  const record: EventRecord = {
    deviceId: fields.bytes(1, 'device id', 16),
    sequence: fields.int(2, 'sequence', 1, maxUint32),
    time: fields.int(3, 'time', 0, maxTime),
    kind,
    result: resultCode === 0 ? 'ok' : 'denied',
    reason,
    battery: fields.int(7, 'battery', 0, 100),
    prev: fields.bytes(11, 'prev', recordHashBytes),
  };
  if (fields.has(8)) record.keyId = fields.bytes(8, 'key id', 16);
  if (fields.has(9)) record.staff = fields.text(9, 'staff', 64);
  if (fields.has(10)) record.lock = fields.int(10, 'lock', 0, maxUint32);
  return record;
}

/** Returns the chain hash of a record: SHA-256 over its exact encoded bytes. */
export async function hashEventRecord(recordBytes: Uint8Array): Promise<Uint8Array> {
  return sha256(recordBytes);
}
