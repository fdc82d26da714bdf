// Ingest step 3, the records of one batch after its head signature (docs/event-log.md "Ingest"):
// the chain checked record by record and the new records written as COPY binary rows.
import { eventKinds, ProtocolError, type ChainHead, type RecordBatch } from '@portvakt/protocol';
import { deviceEventColumns, type CopyBinaryWriter, type DeviceEnrolment } from '@portvakt/storage';
import type { newScannedRecord } from './event-record-scan';
import { equalAt, fastScan, scanEventRecord } from './event-record-scan';
import { genesis, sha256 } from './ingest-state';

const openAttempt = eventKinds['open-attempt'];

export interface Verified {
  /** The records not stored yet, as COPY binary rows. */
  chunk?: Buffer;
  stored: number;
  hashes: Uint8Array[];
  prevs: Uint8Array[];
  newestBattery?: { sequence: number; battery: number };
  blockList?: { version: number; at: number };
  /** New successful, attributable staff openings at the lock's door: what visits are made of. */
  openings: { sequence: number; at: number; staffPseudonym: string }[];
  /** New take and return records of a key cabinet: what its takes are closed from. */
  cabinetRecords: {
    sequence: number;
    atMs: number;
    kind: number;
    slot: number;
    staffPseudonym: string | null;
  }[];
}

/**
 * The protocol's verifyRecordBatch after the head signature, step for step (contiguous
 * sequences, every prev, genesis for sequence 1, last hash = head hash; same `chain-broken`
 * messages), reading each record once with scanEventRecord and hashing it with Node's one-shot
 * SHA-256, and writing the records that are new as COPY binary rows as it goes. Links to stored
 * records are checked afterwards (findChainConflicts). Throws a ProtocolError on any failure.
 */
export function verifyRecords(
  batch: RecordBatch,
  head: ChainHead,
  record: ReturnType<typeof newScannedRecord>,
  row: {
    writer: CopyBinaryWriter;
    municipalityId: string;
    source: string;
    receivedMs: number;
    correctionMs: number;
    isNewSequence: (sequence: number) => boolean;
    enrolment: DeviceEnrolment;
  },
): Verified {
  const broken = (message: string): never => {
    throw new ProtocolError('chain-broken', `record-batch: ${message}`);
  };
  const out: Verified = { stored: 0, hashes: [], prevs: [], openings: [], cabinetRecords: [] };
  if (batch.records.length === 0) {
    if (head.sequence !== 0 && head.firstSequence <= head.sequence) broken('records missing');
    return out;
  }
  const expectedCount = head.sequence - head.firstSequence + 1;
  if (expectedCount !== batch.records.length)
    broken(`head covers ${expectedCount} records, batch has ${batch.records.length}`);
  const { enrolment } = row;
  row.writer.reset(); // rows of an earlier batch that failed half-way
  let previousHash: Uint8Array | undefined;
  for (let i = 0; i < batch.records.length; i++) {
    const bytes = batch.records[i]!;
    if (!fastScan(bytes, record)) scanEventRecord(bytes, record);
    const src = record.src;
    if (!equalAt(src, record.deviceIdAt, head.deviceId, 16)) broken(`record ${i} is from another device`);
    if (record.sequence !== head.firstSequence + i) broken(`record ${i} has sequence ${record.sequence}`);
    if (previousHash) {
      if (!equalAt(src, record.prevAt, previousHash, 32))
        broken(`record ${record.sequence} does not link to its predecessor`);
    } else if (record.sequence === 1 && !equalAt(src, record.prevAt, genesis, 32)) {
      broken('first record does not start from the genesis hash');
    }
    const hash = sha256(bytes);
    previousHash = hash;
    out.hashes.push(hash);
    out.prevs.push(src.subarray(record.prevAt, record.prevAt + 32));
    if (!row.isNewSequence(record.sequence)) continue;
    out.stored++;
    const deviceMs = record.time * 1000;
    const occurredMs = Math.min(deviceMs + row.correctionMs, row.receivedMs);
    if (enrolment.kind === 'lock') {
      if (!out.newestBattery || record.sequence > out.newestBattery.sequence)
        out.newestBattery = { sequence: record.sequence, battery: record.battery };
      if (
        record.blockListVersion >= 0 &&
        (!out.blockList ||
          record.blockListVersion > out.blockList.version ||
          (record.blockListVersion === out.blockList.version && occurredMs > out.blockList.at))
      )
        out.blockList = { version: record.blockListVersion, at: occurredMs };
      if (
        record.kind === openAttempt &&
        record.result === 0 &&
        record.verified === 1 &&
        record.staff !== null
      )
        out.openings.push({ sequence: record.sequence, at: occurredMs, staffPseudonym: record.staff });
    } else if (enrolment.kind === 'key_cabinet' && record.slot > 0) {
      out.cabinetRecords.push({
        sequence: record.sequence,
        atMs: occurredMs,
        kind: record.kind,
        slot: record.slot,
        staffPseudonym: record.staff,
      });
    }
    const w = row.writer;
    w.row(deviceEventColumns.length)
      .uuid(row.municipalityId)
      .uuidBytes(src, record.deviceIdAt)
      .int64(record.sequence)
      .timestamp(occurredMs)
      .timestamp(deviceMs)
      .timestamp(row.receivedMs)
      .int16(record.kind)
      .int16(record.result)
      .int16(record.reason)
      .int16(record.battery);
    if (record.keyIdAt >= 0) w.uuidBytes(src, record.keyIdAt);
    else w.uuid(enrolment.digitalKeyId);
    if (record.staff === null) w.null();
    else w.text(record.staff);
    if (record.lock >= 0) w.int64(record.lock);
    else if (enrolment.lockNumber !== null) w.int64(enrolment.lockNumber);
    else w.null();
    w.uuid(enrolment.lockDeviceId).uuid(enrolment.doorId).text(row.source).bytes(bytes);
    if (record.blockListVersion >= 0) w.int64(record.blockListVersion);
    else w.null();
    if (record.verified >= 0) w.bool(record.verified === 1);
    else w.null();
    if (record.claimedKeyIdAt >= 0) w.uuidBytes(src, record.claimedKeyIdAt);
    else w.null();
    if (record.count >= 0) w.int64(record.count);
    else w.null();
    if (record.firstTime >= 0) w.timestamp(record.firstTime * 1000);
    else w.null();
  }
  if (!equalAt(previousHash!, 0, head.hash, 32)) broken('last record does not match the signed head');
  if (out.stored > 0) out.chunk = row.writer.take();
  return out;
}
