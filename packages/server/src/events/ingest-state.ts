// What the ingest steps (frame → load → verify → persist, event-ingest.ts) share: the source and
// result of a call, each device's chain state as the call changes it, and the findings it makes.
import { hash as nodeHash } from 'node:crypto';
import type { SequenceRange } from '@portvakt/core';
import type { StoredRecordRef } from '@portvakt/protocol';
import type { DeviceEnrolment, EventFindingInput } from '@portvakt/storage';

export interface IngestSource {
  kind: 'sync_station' | 'phone' | 'adapter' | 'key_cabinet';
  deviceId: string;
}

export interface IngestResult {
  stored: number;
  duplicates: number;
  findings: string[];
}

/** A device's chain as this call changes it (written back by persist when `touched`). */
export interface ChainState {
  deviceId: string;
  enrolment: DeviceEnrolment;
  lastSequence: number;
  lastHash: Uint8Array;
  lastHead: Uint8Array | null;
  samples: number[];
  gaps: SequenceRange[];
  /** The gaps as loaded, to write only chains whose gaps changed. */
  loadedGaps: string;
  stored: number;
  newestBattery?: { sequence: number; battery: number };
  /** Highest block-list version the lock reported in this call, and when (newest such record). */
  blockList?: { version: number; at: number };
  touched: boolean;
  /** Stored records (and records accepted earlier in this call) a fork check compares with. */
  refs: Map<number, StoredRecordRef>;
  /** How many batches of this device the call carries. */
  batchCount: number;
}

export type IngestFinding = Omit<EventFindingInput, 'municipalityId' | 'sourceKind' | 'sourceDeviceId'>;

/** Collects a call's findings: for event_finding, and as messages for the caller. */
export class IngestFindings {
  readonly rows: EventFindingInput[] = [];

  constructor(
    private readonly municipalityId: string,
    private readonly source: IngestSource,
    private readonly result: IngestResult,
  ) {}

  add(finding: IngestFinding): void {
    this.rows.push({
      ...finding,
      municipalityId: this.municipalityId,
      sourceKind: this.source.kind,
      sourceDeviceId: this.source.deviceId,
    });
    this.result.findings.push(finding.message);
  }
}

export const genesis = new Uint8Array(32);

/** Node's one-shot SHA-256 (no hash object per record). */
export const sha256 = (bytes: Uint8Array): Buffer => nodeHash('sha256', bytes, 'buffer');
