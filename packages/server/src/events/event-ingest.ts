// Ingest of device record batches (R4.1, R4.5; docs/event-log.md "Ingest"): the seam the device
// gateway calls with what sync stations, phones and adapters hand over. Each batch is framed,
// its device's chain loaded, the batch verified (head signature with the device's enrolled key,
// hash chain, link to what is stored) and then applied whole or not at all; every record is
// stored once per (device, sequence), gaps become findings, and a rejected batch is recorded
// with its bytes. Steps: ingest-frame → ingest-load → ingest-verify → visit derivation
// (visits/derive-lock-visits.ts) → ingest-persist.
import {
  CopyBinaryWriter,
  notifyLiveNotice,
  openEventCopy,
  withTransaction,
  type AcceptedHead,
  type CabinetRecord,
  type EventCopy,
} from '@portvakt/storage';
import type { LockOpening } from '@portvakt/core';
import type pg from 'pg';
import { closeCabinetTakesAtIngest } from '../key-cabinets';
import { deriveLockVisitsAtIngest } from '../visits';
import { newScannedRecord } from './event-record-scan';
import { frameBatches } from './ingest-frame';
import { loadChains } from './ingest-load';
import { persistIngest } from './ingest-persist';
import { IngestFindings, type IngestResult, type IngestSource } from './ingest-state';
import { verifyBatch } from './ingest-verify';

export type { IngestResult, IngestSource } from './ingest-state';

/**
 * Verifies and stores record batches for one municipality. Batches from devices not enrolled in
 * it, with a bad head signature, a broken chain, or records that contradict what is stored, are
 * rejected whole and recorded as findings; the others are applied in one transaction.
 */
export async function ingestRecordBatches(
  pool: pg.Pool,
  municipalityId: string,
  batches: Uint8Array[],
  source: IngestSource,
  /**
   * The receiving clock: the device gateway passes the server's (`readClock`), simulations
   * replaying the past (seed-demo) their own; the machine's when absent.
   */
  options: { now?: Date } = {},
): Promise<IngestResult> {
  const receivedMs = Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000;
  const result: IngestResult = { stored: 0, duplicates: 0, findings: [] };
  const findings = new IngestFindings(municipalityId, source, result);
  // Framing, outside the transaction: a batch that does not parse is rejected as it is.
  const framed = frameBatches(batches, findings);
  let accepted: AcceptedHead[] = [];
  await withTransaction(pool, async (client) => {
    const chains = await loadChains(client, municipalityId, framed);
    const heads: AcceptedHead[] = [];
    accepted = heads;
    // Each accepted batch goes into COPY at once: PostgreSQL stores batch N while batch N + 1 is
    // verified here. An unexpected error aborts the COPY and the transaction rolls back.
    let copy: EventCopy | undefined = chains.size > 0 ? openEventCopy(client) : undefined;
    try {
      const context = {
        municipalityId,
        sourceKind: source.kind,
        receivedMs,
        chains,
        findings,
        result,
        heads,
        record: newScannedRecord(),
        writer: new CopyBinaryWriter(),
        openings: [] as LockOpening[],
        cabinetRecords: [] as CabinetRecord[],
      };
      for (const batch of framed) {
        const rows = await verifyBatch(batch, context);
        if (rows) await copy!.write(rows);
      }
      const open = copy;
      copy = undefined;
      await open?.end();
      await deriveLockVisitsAtIngest(client, municipalityId, context.openings);
      for (const finding of await closeCabinetTakesAtIngest(client, municipalityId, context.cabinetRecords))
        findings.add(finding);
    } catch (error) {
      copy?.abort(error as Error);
      throw error;
    }
    await persistIngest(client, {
      municipalityId,
      source,
      receivedAt: new Date(receivedMs),
      heads,
      chains,
      findings,
    });
  });
  // After the commit: live streams in every server process re-read what the notice names
  // (docs/live.md). The records are stored whatever happens here; a stream that misses a notice
  // catches up by receive time when it reconnects.
  if (result.stored > 0 && accepted.length > 0)
    await notifyLiveNotice(pool, {
      municipalityId,
      at: receivedMs,
      batches: accepted.map((head) => ({ deviceId: head.deviceId, first: head.first, last: head.sequence })),
    }).catch(() => undefined);
  return result;
}
