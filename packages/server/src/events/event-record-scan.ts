// Fast, allocation-light reading of event records for ingest (docs/event-log.md "Ingest"). The
// protocol's decodeEventRecord decodes with cborg, re-encodes and compares (strict, but ~10 µs a
// record); ingest reads millions. scanEventRecord accepts only the exact deterministic encoding
// the protocol produces (map header, keys 1..17 ascending once each, shortest-form unsigned
// integers, 16/32-byte strings, printable-ASCII staff pseudonyms, true/false) with every range and
// cross-field rule of decodeEventRecord, writing the values into a reused object. Anything else
// falls back to decodeEventRecord, which either throws the protocol's own error or returns the
// record (then the values are copied over): so what ingest accepts is exactly what the protocol
// accepts. Equivalence is property-tested in event-record-scan.test.ts.
import {
  decodeEventRecord,
  decodeRecordBatch,
  maxRecordBatchBytes,
  maxRecordsPerBatch,
  maxCabinetSlot,
  type RecordBatch,
  eventKindFromCode,
  eventKinds,
  eventResults,
  reasonCodes,
  reasonFromCode,
  type EventRecord,
} from '@portvakt/protocol';

const maxRecordBytes = 256;

/** One record's values. Byte fields are offsets into `src` (-1 = absent). */
export interface ScannedRecord {
  src: Uint8Array;
  deviceIdAt: number;
  prevAt: number;
  keyIdAt: number;
  claimedKeyIdAt: number;
  sequence: number;
  time: number;
  kind: number;
  result: number;
  reason: number;
  battery: number;
  staff: string | null;
  lock: number;
  blockListVersion: number;
  /** -1 absent, 0 false, 1 true. */
  verified: number;
  count: number;
  firstTime: number;
  /** Key cabinets' take and return records: the slot (field 17), else -1. */
  slot: number;
}

export function newScannedRecord(): ScannedRecord {
  return {
    src: new Uint8Array(0),
    deviceIdAt: -1,
    prevAt: -1,
    keyIdAt: -1,
    claimedKeyIdAt: -1,
    sequence: 0,
    time: 0,
    kind: 0,
    result: 0,
    reason: 0,
    battery: 0,
    staff: null,
    lock: -1,
    blockListVersion: -1,
    verified: -1,
    count: -1,
    firstTime: -1,
    slot: -1,
  };
}

const keyTaken = eventKinds['key-taken'];
const keyReturned = eventKinds['key-returned'];
// Whether a code is a known kind or reason; a code past 255 reads undefined here, so unknown.
const knownKinds = new Uint8Array(256);
for (const code of Object.values(eventKinds)) knownKinds[code] = eventKindFromCode(code) ? 1 : 0;
const knownReasons = new Uint8Array(256);
for (const code of Object.values(reasonCodes)) knownReasons[code] = reasonFromCode(code) ? 1 : 0;

/** The bytes a fallback record's device id (0..16) and prev (16..48) are copied into. */
function fromDecoded(record: EventRecord, out: ScannedRecord): void {
  const src = new Uint8Array(80);
  src.set(record.deviceId, 0);
  src.set(record.prev, 16);
  out.src = src;
  out.deviceIdAt = 0;
  out.prevAt = 16;
  out.keyIdAt = -1;
  out.claimedKeyIdAt = -1;
  if (record.keyId) {
    src.set(record.keyId, 48);
    out.keyIdAt = 48;
  }
  if (record.claimedKeyId) {
    src.set(record.claimedKeyId, 64);
    out.claimedKeyIdAt = 64;
  }
  out.sequence = record.sequence;
  out.time = record.time;
  out.kind = eventKinds[record.kind];
  out.result = eventResults[record.result];
  out.reason = reasonCodes[record.reason];
  out.battery = record.battery;
  out.staff = record.staff ?? null;
  out.lock = record.lock ?? -1;
  out.blockListVersion = record.blockListVersion ?? -1;
  out.verified = record.verified === undefined ? -1 : record.verified ? 1 : 0;
  out.count = record.count ?? -1;
  out.firstTime = record.firstTime ?? -1;
  out.slot = record.slot ?? -1;
}

/**
 * Reads one record into `out`. Throws the protocol's error for a record decodeEventRecord
 * rejects; never accepts one it would reject.
 */
export function scanEventRecord(bytes: Uint8Array, out: ScannedRecord): void {
  if (!fastScan(bytes, out)) fromDecoded(decodeEventRecord(bytes), out);
}

/** The fast path: true when `bytes` is a valid record in the canonical form, values in `out`. */
export function fastScan(b: Uint8Array, r: ScannedRecord): boolean {
  const n = b.length;
  if (n > maxRecordBytes || n < 2) return false;
  const header = b[0]!;
  // A map of 8 (the required fields) to 17 entries: 0xa8..0xb1.
  if (header < 0xa8 || header > 0xb1) return false;
  const entries = header - 0xa0;
  r.src = b;
  r.deviceIdAt = -1;
  r.prevAt = -1;
  r.keyIdAt = -1;
  r.claimedKeyIdAt = -1;
  r.staff = null;
  r.lock = -1;
  r.blockListVersion = -1;
  r.verified = -1;
  r.count = -1;
  r.firstTime = -1;
  r.slot = -1;
  let seen = 0;
  let p = 1;
  let lastKey = 0;
  // Reads a shortest-form unsigned integer up to 32 bits at p: its value, or -1 when there is none.
  const uint = (): number => {
    if (p >= n) return -1;
    const ai = b[p]!;
    if (ai < 0x18) {
      p += 1;
      return ai;
    }
    if (ai === 0x18) {
      if (p + 2 > n) return -1;
      const v = b[p + 1]!;
      p += 2;
      return v >= 0x18 ? v : -1;
    }
    if (ai === 0x19) {
      if (p + 3 > n) return -1;
      const v = (b[p + 1]! << 8) | b[p + 2]!;
      p += 3;
      return v >= 0x100 ? v : -1;
    }
    if (ai === 0x1a) {
      if (p + 5 > n) return -1;
      const v = b[p + 1]! * 0x1000000 + ((b[p + 2]! << 16) | (b[p + 3]! << 8) | b[p + 4]!);
      p += 5;
      return v >= 0x10000 ? v : -1;
    }
    return -1;
  };
  const id16 = (): number => {
    if (p + 17 > n || b[p] !== 0x50) return -1;
    p += 17;
    return p - 16;
  };
  for (let i = 0; i < entries; i++) {
    if (p >= n) return false;
    const key = b[p++]!;
    if (key <= lastKey || key > 17) return false;
    lastKey = key;
    seen |= 1 << key;
    switch (key) {
      case 1:
        if ((r.deviceIdAt = id16()) < 0) return false;
        break;
      case 2:
        if ((r.sequence = uint()) < 1) return false;
        break;
      case 3:
        if ((r.time = uint()) < 0) return false;
        break;
      case 4:
        if ((r.kind = uint()) < 0 || knownKinds[r.kind] !== 1) return false;
        break;
      case 5:
        if ((r.result = uint()) < 0 || r.result > 1) return false;
        break;
      case 6:
        if ((r.reason = uint()) < 0 || knownReasons[r.reason] !== 1) return false;
        break;
      case 7:
        if ((r.battery = uint()) < 0 || r.battery > 100) return false;
        break;
      case 8:
        if ((r.keyIdAt = id16()) < 0) return false;
        break;
      case 9: {
        // Text: 1..23 bytes inline, 24..64 with a one-byte length; printable ASCII only, else
        // fall back: the decoder reads other text and refuses control characters (a NUL would
        // otherwise fail the COPY and the whole upload with it).
        if (p >= n) return false;
        const h = b[p]!;
        let length: number;
        if (h > 0x60 && h < 0x78) {
          length = h - 0x60;
          p += 1;
        } else if (h === 0x78 && p + 1 < n) {
          length = b[p + 1]!;
          if (length < 0x18 || length > 64) return false;
          p += 2;
        } else return false;
        if (p + length > n) return false;
        let text = '';
        for (let j = p; j < p + length; j++) {
          const c = b[j]!;
          if (c < 0x20 || c > 0x7e) return false;
          text += String.fromCharCode(c);
        }
        p += length;
        r.staff = text;
        break;
      }
      case 10:
        if ((r.lock = uint()) < 0) return false;
        break;
      case 11:
        if (p + 34 > n || b[p] !== 0x58 || b[p + 1] !== 0x20) return false;
        r.prevAt = p + 2;
        p += 34;
        break;
      case 12:
        if ((r.blockListVersion = uint()) < 0) return false;
        break;
      case 13: {
        const v = b[p++];
        if (v === 0xf5) r.verified = 1;
        else if (v === 0xf4) r.verified = 0;
        else return false;
        break;
      }
      case 14:
        if ((r.claimedKeyIdAt = id16()) < 0) return false;
        break;
      case 15:
        if ((r.count = uint()) < 1) return false;
        break;
      case 16:
        if ((r.firstTime = uint()) < 0) return false;
        break;
      case 17:
        if ((r.slot = uint()) < 1 || r.slot > maxCabinetSlot) return false;
        break;
    }
  }
  if (p !== n) return false;
  // Required: 1..7 and 11.
  const required = (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 11);
  if ((seen & required) !== required) return false;
  if (r.verified === 0 && (r.keyIdAt >= 0 || r.staff !== null)) return false;
  if (r.claimedKeyIdAt >= 0 && r.verified !== 0) return false;
  if (r.count < 0 !== r.firstTime < 0) return false;
  // The slot exactly on cabinet kinds (elsewhere the decoder's unknown-field).
  if (r.slot < 0 === (r.kind === keyTaken || r.kind === keyReturned)) return false;
  return true;
}

const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The uuid text of 16 bytes at `at`. */
export function uuidAt(b: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += hex[b[at + i]!]!;
  }
  return s;
}

/** Whether the 32 bytes at `at` in `a` equal `h`. */
export function equalAt(a: Uint8Array, at: number, h: Uint8Array, length = h.length): boolean {
  for (let i = 0; i < length; i++) if (a[at + i] !== h[i]) return false;
  return true;
}

/**
 * A record batch's framing (`[head bstr, [* record bstr]]`, docs/protocol.md §6) without
 * decoding and re-encoding the whole batch: only the canonical form is read here (shortest
 * lengths, nothing after the item); anything else goes to decodeRecordBatch, which throws the
 * protocol's error or returns the batch. Head and records are views into `bytes`.
 */
export function frameRecordBatch(bytes: Uint8Array): RecordBatch {
  return fastFrame(bytes) ?? decodeRecordBatch(bytes);
}

export function fastFrame(b: Uint8Array): RecordBatch | undefined {
  const n = b.length;
  if (n > maxRecordBatchBytes || n < 3 || b[0] !== 0x82) return undefined;
  let p = 1;
  const length = (major: number): number => {
    if (p >= n || b[p]! >> 5 !== major) return -1;
    const ai = b[p]! & 0x1f;
    if (ai < 24) {
      p += 1;
      return ai;
    }
    if (ai === 24 && p + 2 <= n) {
      const v = b[p + 1]!;
      p += 2;
      return v >= 24 ? v : -1;
    }
    if (ai === 25 && p + 3 <= n) {
      const v = (b[p + 1]! << 8) | b[p + 2]!;
      p += 3;
      return v >= 0x100 ? v : -1;
    }
    if (ai === 26 && p + 5 <= n) {
      const v = b[p + 1]! * 0x1000000 + ((b[p + 2]! << 16) | (b[p + 3]! << 8) | b[p + 4]!);
      p += 5;
      return v >= 0x10000 ? v : -1;
    }
    return -1;
  };
  const bstr = (): Uint8Array | undefined => {
    const size = length(2);
    if (size < 0 || p + size > n) return undefined;
    p += size;
    return b.subarray(p - size, p);
  };
  const head = bstr();
  if (!head) return undefined;
  const count = length(4);
  if (count < 0 || count > maxRecordsPerBatch) return undefined;
  const records: Uint8Array[] = new Array<Uint8Array>(count);
  for (let i = 0; i < count; i++) {
    const record = bstr();
    if (!record) return undefined;
    records[i] = record;
  }
  return p === n ? { head, records } : undefined;
}
