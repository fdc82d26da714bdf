// Event records: one per opening, refusal or notable device event, numbered per device and
// chained by hash (field 11 = SHA-256 of the previous record's exact bytes). Records themselves
// are not signed; a signed chain head covers the whole chain at once, which is what makes a lock
// able to afford logging every attempt.
import { decodeFieldMap, encodeCanonical, maxTime, maxUint32 } from './cbor';
import { sha256 } from './crypto';
import { ProtocolError } from './errors';
import type { EventKind, EventResult, Reason } from './reasons';
import {
  eventKindFromCode,
  eventKinds,
  eventResults,
  isCabinetEventKind,
  reasonCodes,
  reasonFromCode,
} from './reasons';

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
  /**
   * The key that presented, only when `verified` (its ticket's issuer signature and its proof of
   * possession both checked at this attempt).
   */
  keyId?: Uint8Array;
  /** Staff pseudonym from a verified ticket; absent unless `verified`. */
  staff?: string;
  lock?: number;
  /** SHA-256 of the previous record's bytes, or 32 zero bytes for sequence 1. */
  prev: Uint8Array;
  /** The block-list version the device holds after the event (locks set it on every record). */
  blockListVersion?: number;
  /**
   * Open attempts and refusals: true when keyId/staff were verified; false when the identity could
   * not be verified (then keyId and staff are absent; see claimedKeyId).
   */
  verified?: boolean;
  /** The key id a presentation claimed, NOT verified: never attribute it to a staff member. */
  claimedKeyId?: Uint8Array;
  /** Aggregate records: how many events this record counts (unverified attempts, dropped events). */
  count?: number;
  /** Aggregate records: device time of the first counted event (`time` is when it was written). */
  firstTime?: number;
  /**
   * Key cabinets: the slot (1, 2, …) a key was taken from or returned to. Present exactly on
   * key-taken and key-returned records; on any other kind field 17 is an unknown field.
   */
  slot?: number;
}

export const eventRecordFields = {
  deviceId: 1,
  sequence: 2,
  time: 3,
  kind: 4,
  result: 5,
  reason: 6,
  battery: 7,
  keyId: 8,
  staff: 9,
  lock: 10,
  prev: 11,
  blockListVersion: 12,
  verified: 13,
  claimedKeyId: 14,
  count: 15,
  firstTime: 16,
  slot: 17,
} as const;

/** The highest slot number a cabinet record may carry. */
export const maxCabinetSlot = 1000;

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
  if (record.blockListVersion !== undefined) map.set(12, record.blockListVersion);
  if (record.verified !== undefined) map.set(13, record.verified);
  if (record.claimedKeyId) map.set(14, record.claimedKeyId);
  if (record.count !== undefined) map.set(15, record.count);
  if (record.firstTime !== undefined) map.set(16, record.firstTime);
  if (record.slot !== undefined) map.set(17, record.slot);
  return encodeCanonical(map);
}

/** Decodes one record strictly; unknown kinds, results or reasons are rejected, not guessed. */
export function decodeEventRecord(bytes: Uint8Array): EventRecord {
  const what = 'event-record';
  const fields = decodeFieldMap(bytes, maxEventRecordBytes, what, Object.values(eventRecordFields));
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
  if (fields.has(9)) record.staff = fields.label(9, 'staff', 64);
  if (fields.has(10)) record.lock = fields.int(10, 'lock', 0, maxUint32);
  if (fields.has(12)) record.blockListVersion = fields.int(12, 'block-list version', 0, maxUint32);
  if (fields.has(13)) record.verified = fields.bool(13, 'verified');
  if (fields.has(14)) record.claimedKeyId = fields.bytes(14, 'claimed key id', 16);
  if (fields.has(15)) record.count = fields.int(15, 'count', 1, maxUint32);
  if (fields.has(16)) record.firstTime = fields.int(16, 'first time', 0, maxTime);
  // Field 17 exists only on cabinet kinds: elsewhere it is as unknown as any other key.
  if (isCabinetEventKind(kind)) record.slot = fields.int(17, 'slot', 1, maxCabinetSlot);
  else if (fields.has(17))
    throw new ProtocolError('unknown-field', `${what}: unknown field 17 (slot) on ${kind}`);
  // An unverified identity never sits in the identity fields, and a claim never beside a verified one.
  if (record.verified === false && (record.keyId || record.staff !== undefined))
    throw new ProtocolError('out-of-range', `${what}: key id and staff require verified = true`);
  if (record.claimedKeyId && record.verified !== false)
    throw new ProtocolError('out-of-range', `${what}: a claimed key id requires verified = false`);
  if ((record.count === undefined) !== (record.firstTime === undefined))
    throw new ProtocolError('out-of-range', `${what}: count and first time go together`);
  return record;
}

/** Returns the chain hash of a record: SHA-256 over its exact encoded bytes. */
export async function hashEventRecord(recordBytes: Uint8Array): Promise<Uint8Array> {
  return sha256(recordBytes);
}
