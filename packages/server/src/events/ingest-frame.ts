// Ingest step 1, framing (docs/event-log.md "Ingest"): each batch's canonical `[head, [records]]`
// form and its unverified head, outside any transaction. A batch that does not parse is rejected
// as it is, with its bytes.
import {
  bytesToUuid,
  isProtocolError,
  parseChainHead,
  type ChainHead,
  type RecordBatch,
} from '@portvakt/protocol';
import { frameRecordBatch } from './event-record-scan';
import type { IngestFindings } from './ingest-state';

export interface FramedBatch {
  bytes: Uint8Array;
  batch: RecordBatch;
  deviceId: string;
  /** Parsed, not verified: the signature is checked in the verify step. */
  head: ChainHead;
}

export function frameBatches(batches: Uint8Array[], findings: IngestFindings): FramedBatch[] {
  const framed: FramedBatch[] = [];
  for (const bytes of batches) {
    try {
      const batch = frameRecordBatch(bytes);
      const { head } = parseChainHead(batch.head);
      framed.push({ bytes, batch, deviceId: bytesToUuid(head.deviceId), head });
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      findings.add({ kind: 'rejected_batch', message: `batch refused: ${error.message}`, batch: bytes });
    }
  }
  return framed;
}
