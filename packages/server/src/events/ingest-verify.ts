// Ingest step 3, verify (docs/event-log.md "Ingest"): per batch, the head signature with the
// device's enrolled key, the hash chain (the protocol's verifyRecordBatch step for step), and the
// link to what is stored (findChainConflicts). A batch that passes is applied to its device's
// chain state and its new records come out as COPY binary rows; one that fails changes nothing
// and becomes a finding with its bytes.
import type { CabinetRecord } from '@portvakt/storage';
import {
  addClockSample,
  clockCorrection,
  fillGaps,
  isDirectDeviceKind,
  isInGap,
  type LockOpening,
} from '@portvakt/core';
import {
  eventKinds,
  findChainConflicts,
  importPublicJwk,
  isProtocolError,
  verifyChainHead,
  type PublicJwk,
  type StoredRecordRef,
} from '@portvakt/protocol';
import type { AcceptedHead, CopyBinaryWriter } from '@portvakt/storage';
import type { newScannedRecord } from './event-record-scan';
import type { FramedBatch } from './ingest-frame';
import { verifyRecords, type Verified } from './ingest-records';
import { genesis, type ChainState, type IngestFindings, type IngestResult } from './ingest-state';

const keyTakenCode = eventKinds['key-taken'];

const keyCache = new Map<string, Promise<CryptoKey>>();
function publicKeyOf(jwk: PublicJwk): Promise<CryptoKey> {
  const cacheKey = `${jwk.x}.${jwk.y}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = importPublicJwk(jwk);
    keyCache.set(cacheKey, key);
    if (keyCache.size > 100_000) keyCache.delete(keyCache.keys().next().value!);
  }
  return key;
}

/** What the verify step needs for one call; `record` and `writer` are reused batch after batch. */
export interface VerifyContext {
  municipalityId: string;
  sourceKind: string;
  receivedMs: number;
  chains: Map<string, ChainState>;
  findings: IngestFindings;
  result: IngestResult;
  heads: AcceptedHead[];
  record: ReturnType<typeof newScannedRecord>;
  writer: CopyBinaryWriter;
  /** Accepted batches' new staff openings at lock doors, for visit derivation. */
  openings: LockOpening[];
  /** Accepted batches' new key cabinet take and return records, for the cabinets' takes. */
  cabinetRecords: CabinetRecord[];
}

/**
 * Verifies one framed batch and applies it to its device's chain state. Returns the COPY rows of
 * its new records (undefined when it stores nothing or was refused).
 */
export async function verifyBatch(framed: FramedBatch, context: VerifyContext): Promise<Buffer | undefined> {
  const { bytes, batch, deviceId, head: unverifiedHead } = framed;
  const { findings } = context;
  const state = context.chains.get(deviceId);
  if (!state) {
    findings.add({
      kind: 'unknown_device',
      deviceId: null,
      message: `records from device ${deviceId}, which is not enrolled in this municipality`,
      batch: bytes,
    });
    return undefined;
  }
  const { enrolment } = state;
  const first = unverifiedHead.firstSequence;
  const last = unverifiedHead.sequence;
  const samples = addClockSample(state.samples, Math.round(context.receivedMs / 1000 - unverifiedHead.time));
  const correctionMs = clockCorrection(samples, isDirectDeviceKind(enrolment.kind)) * 1000;
  const wasLast = state.lastSequence;
  const gapsBefore = state.gaps;

  let verified: Verified;
  try {
    const head = await verifyChainHead(batch.head, await publicKeyOf(enrolment.publicJwk));
    verified = verifyRecords(batch, head, context.record, {
      writer: context.writer,
      municipalityId: context.municipalityId,
      source: context.sourceKind,
      receivedMs: context.receivedMs,
      correctionMs,
      isNewSequence: (sequence) => sequence > wasLast || isInGap(gapsBefore, sequence),
      enrolment,
    });
  } catch (error) {
    if (!isProtocolError(error)) throw error;
    findings.add({
      kind: 'rejected_batch',
      deviceId,
      firstSequence: first,
      lastSequence: last,
      message: `device ${deviceId}: batch refused: ${error.message}`,
      batch: bytes,
    });
    return undefined;
  }
  if (batch.records.length === 0) return undefined;

  const conflict = await findFork(framed, state);
  if (conflict) {
    findings.add({
      kind: 'chain-fork',
      deviceId,
      firstSequence: conflict.sequence,
      lastSequence: conflict.sequence,
      message: `chain-fork: device ${deviceId}: ${conflict.message}; batch of records ${first}..${last} refused, nothing stored`,
      batch: bytes,
    });
    return undefined;
  }

  // Verified: apply.
  state.touched = true;
  state.samples = samples;
  context.heads.push({
    deviceId,
    first,
    sequence: last,
    hash: unverifiedHead.hash,
    time: unverifiedHead.time,
    head: batch.head,
  });
  applyGaps(state, first, last, findings);
  context.result.stored += verified.stored;
  if (enrolment.doorId)
    for (const opening of verified.openings)
      context.openings.push({ ...opening, deviceId, doorId: enrolment.doorId });
  if (enrolment.keyCabinetId)
    for (const record of verified.cabinetRecords)
      context.cabinetRecords.push({
        keyCabinetId: enrolment.keyCabinetId,
        sequence: record.sequence,
        kind: record.kind === keyTakenCode ? 'key-taken' : 'key-returned',
        slot: record.slot,
        atMs: record.atMs,
        staffPseudonym: record.staffPseudonym,
      });
  context.result.duplicates += batch.records.length - verified.stored;
  state.stored += verified.stored;
  if (enrolment.kind === 'lock' && verified.newestBattery && verified.newestBattery.sequence > wasLast)
    if (verified.newestBattery.sequence > (state.newestBattery?.sequence ?? 0))
      state.newestBattery = verified.newestBattery;
  if (enrolment.lockDeviceId && verified.blockList) {
    const current = state.blockList;
    if (
      !current ||
      verified.blockList.version > current.version ||
      (verified.blockList.version === current.version && verified.blockList.at > current.at)
    )
      state.blockList = verified.blockList;
  }
  if (state.batchCount > 1) {
    // A later batch of this device in the same call is compared with this one's records.
    for (let i = 0; i < batch.records.length; i++)
      state.refs.set(first + i, { hash: verified.hashes[i]!, prev: verified.prevs[i]! });
  }
  if (last > state.lastSequence) {
    state.lastSequence = last;
    state.lastHash = unverifiedHead.hash;
    state.lastHead = batch.head;
  }
  return verified.chunk;
}

/**
 * Forks: records already stored must come back identical and link both ways. A batch continuing
 * the chain needs only the chain's last hash (as "the record before"); one reaching back compares
 * with the stored records loaded for it.
 */
async function findFork(
  { batch, head }: FramedBatch,
  state: ChainState,
): Promise<{ sequence: number; message: string } | undefined> {
  const first = head.firstSequence;
  const continues = first > state.lastSequence && state.lastSequence > 0;
  const lastRef: StoredRecordRef = { hash: state.lastHash, prev: genesis };
  const lookup = (sequence: number): StoredRecordRef | undefined =>
    state.refs.get(sequence) ?? (continues && sequence === state.lastSequence ? lastRef : undefined);
  const touching = batch.records.filter((_, i) => {
    const s = first + i;
    return lookup(s) !== undefined || lookup(s - 1) !== undefined || lookup(s + 1) !== undefined;
  });
  if (touching.length === 0) return undefined;
  return (await findChainConflicts({ head: batch.head, records: touching }, lookup)) ?? undefined;
}

/** A batch after the chain's end opens a gap; one reaching back fills what it covers. */
function applyGaps(state: ChainState, first: number, last: number, findings: IngestFindings): void {
  const { deviceId } = state;
  if (first > state.lastSequence + 1) {
    state.gaps = [...state.gaps, [state.lastSequence + 1, first - 1]];
    findings.add({
      kind: 'gap',
      deviceId,
      firstSequence: state.lastSequence + 1,
      lastSequence: first - 1,
      message: `device ${deviceId}: records ${state.lastSequence + 1}..${first - 1} missing`,
    });
  } else if (first <= state.lastSequence) {
    const { gaps, filled } = fillGaps(state.gaps, first, Math.min(last, state.lastSequence));
    state.gaps = gaps;
    for (const [a, b] of filled) {
      findings.add({
        kind: 'gap_filled',
        deviceId,
        firstSequence: a,
        lastSequence: b,
        message: `device ${deviceId}: missing records ${a}..${b} arrived`,
      });
    }
  }
}
