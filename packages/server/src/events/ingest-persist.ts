// Ingest step 4, persist (docs/event-log.md "Ingest"): after the records' COPY, what the accepted
// batches changed: heads, chain rows, gaps, lock battery levels, block-list reports, and every
// finding of the call, in the caller's transaction.
import { clockCorrection, isDirectDeviceKind } from '@portvakt/core';
import {
  insertChainHeads,
  insertEventFindings,
  recordBlockListReports,
  replaceDeviceGaps,
  updateDeviceChains,
  updateLockBatteries,
  type AcceptedHead,
  type Queryable,
} from '@portvakt/storage';
import type { ChainState, IngestFindings, IngestSource } from './ingest-state';

export async function persistIngest(
  db: Queryable,
  call: {
    municipalityId: string;
    source: IngestSource;
    receivedAt: Date;
    heads: AcceptedHead[];
    chains: Map<string, ChainState>;
    findings: IngestFindings;
  },
): Promise<void> {
  await insertChainHeads(db, call.municipalityId, call.heads, {
    at: call.receivedAt,
    sourceKind: call.source.kind,
    sourceDeviceId: call.source.deviceId,
  });
  const touched = [...call.chains.values()].filter((c) => c.touched);
  await updateDeviceChains(
    db,
    call.municipalityId,
    touched.map((c) => {
      const isDirect = isDirectDeviceKind(c.enrolment.kind);
      return {
        deviceId: c.deviceId,
        lastSequence: c.lastSequence,
        lastHash: c.lastHash,
        lastHead: c.lastHead,
        storedRecords: c.stored,
        samples: c.samples,
        clockOffsetSeconds: clockCorrection(c.samples, isDirect),
        isClockOffsetDirect: isDirect,
      };
    }),
    call.receivedAt,
  );
  const changedGaps = touched.filter((c) => JSON.stringify(c.gaps) !== c.loadedGaps);
  await replaceDeviceGaps(
    db,
    call.municipalityId,
    changedGaps.map((c) => c.deviceId),
    changedGaps.flatMap((c) => c.gaps.map(([first, last]) => ({ deviceId: c.deviceId, first, last }))),
  );
  const locks = touched.filter((c) => c.enrolment.lockDeviceId);
  await updateLockBatteries(
    db,
    call.municipalityId,
    locks.flatMap((c) =>
      c.newestBattery ? [{ lockDeviceId: c.enrolment.lockDeviceId!, battery: c.newestBattery.battery }] : [],
    ),
  );
  await recordBlockListReports(
    db,
    call.municipalityId,
    locks.flatMap((c) =>
      c.blockList
        ? [{ lockDeviceId: c.enrolment.lockDeviceId!, version: c.blockList.version, atMs: c.blockList.at }]
        : [],
    ),
  );
  await insertEventFindings(db, call.findings.rows);
}
