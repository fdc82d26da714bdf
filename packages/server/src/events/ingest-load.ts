// Ingest step 2, load (docs/event-log.md "Ingest"): the enrolments of the batches' devices, their
// chain rows locked in device-id order, open gaps, and, for batches reaching back into what is
// stored, the stored records they overlap or touch (hash and `prev`), in the caller's transaction.
import { findDeviceEnrolments, listStoredRecords, lockDeviceChains, type Queryable } from '@portvakt/storage';
import type { StoredRecordRef } from '@portvakt/protocol';
import { newScannedRecord, scanEventRecord } from './event-record-scan';
import type { FramedBatch } from './ingest-frame';
import { genesis, sha256, type ChainState } from './ingest-state';

/** The chain state of every enrolled device the batches come from (unknown devices are absent). */
export async function loadChains(
  db: Queryable,
  municipalityId: string,
  framed: FramedBatch[],
): Promise<Map<string, ChainState>> {
  const deviceIds = [...new Set(framed.map((f) => f.deviceId))].sort();
  const enrolments = new Map(
    (await findDeviceEnrolments(db, municipalityId, deviceIds)).map((row) => [row.id, row]),
  );
  const known = deviceIds.filter((id) => enrolments.has(id));
  const rows = await lockDeviceChains(
    db,
    municipalityId,
    known.map((id) => ({ id, kind: enrolments.get(id)!.kind })),
    genesis,
  );
  const chains = new Map<string, ChainState>();
  for (const row of rows) {
    chains.set(row.deviceId, {
      deviceId: row.deviceId,
      enrolment: enrolments.get(row.deviceId)!,
      lastSequence: row.lastSequence,
      lastHash: row.lastHash,
      lastHead: row.lastHead,
      samples: row.samples,
      gaps: row.gaps,
      loadedGaps: JSON.stringify(row.gaps),
      stored: row.storedRecords,
      touched: false,
      refs: new Map(),
      batchCount: 0,
    });
  }
  for (const { deviceId } of framed) {
    const state = chains.get(deviceId);
    if (state) state.batchCount += 1;
  }
  await loadStoredRefs(db, municipalityId, framed, chains);
  return chains;
}

/**
 * What a fork check compares with: the stored records a batch overlaps or touches (only for
 * batches reaching back into what is stored; a batch continuing the chain needs only its hash).
 */
async function loadStoredRefs(
  db: Queryable,
  municipalityId: string,
  framed: FramedBatch[],
  chains: Map<string, ChainState>,
): Promise<void> {
  const ranges = new Map<string, [number, number]>();
  for (const { deviceId, head } of framed) {
    const state = chains.get(deviceId);
    if (!state || head.firstSequence > state.lastSequence) continue;
    const from = Math.max(1, head.firstSequence - 1);
    const to = Math.min(head.sequence + 1, state.lastSequence);
    const range = ranges.get(deviceId);
    ranges.set(deviceId, range ? [Math.min(range[0], from), Math.max(range[1], to)] : [from, to]);
  }
  const rows = await listStoredRecords(
    db,
    municipalityId,
    [...ranges].map(([deviceId, [first, last]]) => ({ deviceId, first, last })),
  );
  const scanned = newScannedRecord();
  for (const row of rows) {
    const bytes = new Uint8Array(row.record);
    let prev: Uint8Array;
    try {
      scanEventRecord(bytes, scanned);
      prev = scanned.src.slice(scanned.prevAt, scanned.prevAt + 32);
    } catch {
      prev = genesis; // a stored record that no longer decodes: verify-log reports it
    }
    const ref: StoredRecordRef = { hash: sha256(bytes), prev };
    chains.get(row.deviceId)!.refs.set(row.sequence, ref);
  }
}
