// Signed chain heads and record batches. A batch is what a device hands over (lock → key, key or
// phone → server): the records since some point plus a head, signed by the device, that names the
// first and last sequence and the hash of the last record. Together with the per-record `prev`
// hashes that makes any removal, reordering or alteration inside the batch detectable.
import { equalBytes } from './bytes';
import { decodeFixedArray, encodeCanonical, expectArray, expectBytes, maxTime, maxUint32 } from './cbor';
import { contentTypes } from './cose';
import { createDeviceMessage } from './device-message';
import { ProtocolError } from './errors';
import type { EventRecord } from './event-record';
import { decodeEventRecord, genesisHash, hashEventRecord, recordHashBytes } from './event-record';

export const maxChainHeadBytes = 256;
export const maxRecordsPerBatch = 4096;
export const maxRecordBatchBytes = maxRecordsPerBatch * 260 + maxChainHeadBytes + 16;

export interface ChainHead {
  deviceId: Uint8Array;
  /** First sequence covered by the batch this head was signed for. */
  firstSequence: number;
  /** Sequence of the newest record (0 when the device has none). */
  sequence: number;
  /** Hash of the newest record (32 zero bytes when none). */
  hash: Uint8Array;
  /** Device clock when signed. */
  time: number;
}

const chainHeads = createDeviceMessage<ChainHead, 'head'>({
  what: 'chain-head',
  contentType: contentTypes.chainHead,
  maxBytes: maxChainHeadBytes,
  parsedAs: 'head',
  fieldKeys: { deviceId: 1, firstSequence: 2, sequence: 3, hash: 4, time: 5 },
  kid: (head) => head.deviceId,
  kidName: 'device id',
  readFields: (fields) => ({
    deviceId: fields.bytes(1, 'device id', 16),
    firstSequence: fields.int(2, 'first sequence', 0, maxUint32),
    sequence: fields.int(3, 'sequence', 0, maxUint32),
    hash: fields.bytes(4, 'hash', recordHashBytes),
    time: fields.int(5, 'time', 0, maxTime),
  }),
});

/** Signs a chain head with the device's own key (kid = device id). */
export const signChainHead = chainHeads.sign;
/** Parses a chain head without verifying it. */
export const parseChainHead = chainHeads.parse;
/** Parses a chain head and verifies it with the device's public key; throws `bad-signature`. */
export const verifyChainHead = chainHeads.verify;

/** A batch as sent: the signed head and each record's exact bytes (hashes are over these). */
export interface RecordBatch {
  head: Uint8Array;
  records: Uint8Array[];
}

/** Encodes a batch as [head bstr, [* record bstr]]. */
export function encodeRecordBatch(batch: RecordBatch): Uint8Array {
  return encodeCanonical([batch.head, batch.records]);
}

/** Decodes a batch's framing; records are checked by verifyRecordBatch. */
export function decodeRecordBatch(bytes: Uint8Array): RecordBatch {
  const [head, records] = decodeFixedArray(bytes, maxRecordBatchBytes, 'record-batch', 2);
  const items = expectArray(records, 'record-batch.records');
  if (items.length > maxRecordsPerBatch)
    throw new ProtocolError('oversize', 'record-batch: too many records');
  return {
    head: expectBytes(head, 'record-batch.head'),
    records: items.map((r, i) => expectBytes(r, `record-batch.records[${i}]`)),
  };
}

/** Where a verifier's knowledge of a device's chain ends: the last record it has stored. */
export interface ChainAnchor {
  sequence: number;
  hash: Uint8Array;
}

/**
 * Verifies a batch: head signature by the device key, records contiguous from the head's first
 * sequence to its sequence, every `prev` equal to the hash of the record before it, the last hash
 * equal to the head's. With `anchor` (the verifier's last stored record) a batch that continues
 * from it must link to it. Throws `chain-broken` naming the first inconsistency.
 */
export async function verifyRecordBatch(
  batch: RecordBatch,
  devicePublicKey: CryptoKey,
  anchor?: ChainAnchor,
): Promise<{ head: ChainHead; records: EventRecord[] }> {
  const head = await verifyChainHead(batch.head, devicePublicKey);
  const broken = (message: string): never => {
    throw new ProtocolError('chain-broken', `record-batch: ${message}`);
  };
  if (batch.records.length === 0) {
    if (head.sequence !== 0 && head.firstSequence <= head.sequence) broken('records missing');
    return { head, records: [] };
  }
  const expectedCount = head.sequence - head.firstSequence + 1;
  if (expectedCount !== batch.records.length) {
    broken(`head covers ${expectedCount} records, batch has ${batch.records.length}`);
  }
  const records: EventRecord[] = [];
  let previousHash: Uint8Array | undefined;
  for (const [i, bytes] of batch.records.entries()) {
    const record = decodeEventRecord(bytes);
    if (!equalBytes(record.deviceId, head.deviceId)) broken(`record ${i} is from another device`);
    if (record.sequence !== head.firstSequence + i) broken(`record ${i} has sequence ${record.sequence}`);
    if (previousHash) {
      if (!equalBytes(record.prev, previousHash))
        broken(`record ${record.sequence} does not link to its predecessor`);
    } else if (record.sequence === 1) {
      if (!equalBytes(record.prev, genesisHash)) broken('first record does not start from the genesis hash');
    } else if (anchor && anchor.sequence === record.sequence - 1 && !equalBytes(record.prev, anchor.hash)) {
      broken(`record ${record.sequence} does not link to the stored record ${anchor.sequence}`);
    }
    previousHash = await hashEventRecord(bytes);
    records.push(record);
  }
  if (!equalBytes(previousHash!, head.hash)) broken('last record does not match the signed head');
  return { head, records };
}

/** What a verifier keeps of each stored record to compare later batches with. */
export interface StoredRecordRef {
  /** SHA-256 of the stored record's exact bytes. */
  hash: Uint8Array;
  /** The stored record's `prev`. */
  prev: Uint8Array;
}

/**
 * Compares a batch (already checked by verifyRecordBatch) with what the verifier has stored for
 * the device. A record at a sequence already stored must be byte-identical (same hash), a record
 * right after a stored one must link to it, and a stored record right after one in the batch must
 * link to it. Anything else means the device signed two different histories (a forked or
 * restarted chain): the verifier must store nothing from the batch and report a `chain-fork`
 * finding. Returns the first conflict, or undefined.
 */
export async function findChainConflicts(
  batch: RecordBatch,
  lookup: (sequence: number) => StoredRecordRef | undefined,
): Promise<{ sequence: number; message: string } | undefined> {
  for (const bytes of batch.records) {
    const record = decodeEventRecord(bytes);
    const hash = await hashEventRecord(bytes);
    const same = lookup(record.sequence);
    if (same && !equalBytes(same.hash, hash)) {
      return { sequence: record.sequence, message: `record ${record.sequence} differs from the stored one` };
    }
    const before = lookup(record.sequence - 1);
    if (before && !equalBytes(before.hash, record.prev)) {
      return {
        sequence: record.sequence,
        message: `record ${record.sequence} does not link to the stored record ${record.sequence - 1}`,
      };
    }
    const after = lookup(record.sequence + 1);
    if (after && !equalBytes(after.prev, hash)) {
      return {
        sequence: record.sequence,
        message: `stored record ${record.sequence + 1} does not link to record ${record.sequence}`,
      };
    }
  }
  return undefined;
}
