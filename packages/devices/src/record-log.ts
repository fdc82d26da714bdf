// The hash-chained record store shared by locks, keys and phones: a ring buffer of encoded
// records and signed chain heads made on demand when records are handed over. Keys overwrite the
// oldest record when full (the server sees a gap); locks ask `canAppend` first and never
// overwrite a record no key has collected (they count what they cannot record instead).
import type { EventRecord, RecordBatch } from '@portvakt/protocol';
import {
  encodeEventRecord,
  genesisHash,
  hashEventRecord,
  hexToBytes,
  signChainHead,
} from '@portvakt/protocol';

export type RecordFields = Omit<EventRecord, 'deviceId' | 'sequence' | 'prev'>;

interface StoredRecord {
  sequence: number;
  bytes: Uint8Array;
}

/** Everything a record log holds, as plain data (structured-cloneable, e.g. into IndexedDB). */
export interface RecordLogState {
  ring: StoredRecord[];
  lastSequence: number;
  lastHash: Uint8Array;
  handedOverUpTo: number;
}

/** Where a re-enrolled device's chain continues: the server's `chainStart`, its hash decoded. */
export interface ChainStart {
  afterSequence: number;
  prevHash: Uint8Array;
}

/** The server's `chainStart` (hash in hex) as a ChainStart; undefined for a first enrolment. */
export function chainStartFrom(
  reply: { afterSequence: number; prevHash: string } | null | undefined,
): ChainStart | undefined {
  return reply ? { afterSequence: reply.afterSequence, prevHash: hexToBytes(reply.prevHash) } : undefined;
}

export class RecordLog {
  private readonly ring: StoredRecord[] = [];
  private lastSequence = 0;
  private lastHash: Uint8Array = genesisHash;
  /** Records after this sequence have not been handed over yet. */
  private handedOverUpTo = 0;

  constructor(
    private readonly deviceId: Uint8Array,
    private readonly privateKey: CryptoKey,
    private readonly capacity: number,
  ) {}

  get sequence(): number {
    return this.lastSequence;
  }

  /** Records not yet handed over (collected). */
  get uncollected(): number {
    return this.lastSequence - this.handedOverUpTo;
  }

  /**
   * Whether a record can be appended without overwriting an uncollected one, keeping `reserve`
   * slots free (a lock keeps a few for its summary records).
   */
  canAppend(reserve = 0): boolean {
    return this.uncollected + reserve < this.capacity;
  }

  /** Encoded records still held, oldest first. */
  get heldRecords(): Uint8Array[] {
    return this.ring.map((r) => r.bytes);
  }

  async append(fields: RecordFields): Promise<EventRecord> {
    const record: EventRecord = {
      ...fields,
      deviceId: this.deviceId,
      sequence: this.lastSequence + 1,
      prev: this.lastHash,
    };
    const bytes = encodeEventRecord(record);
    this.lastHash = await hashEventRecord(bytes);
    this.lastSequence = record.sequence;
    this.ring.push({ sequence: record.sequence, bytes });
    if (this.ring.length > this.capacity) this.ring.shift();
    return record;
  }

  /**
   * Returns the records after `afterSequence` still held (default: those not yet handed over) with
   * a chain head signed now. Does not mark them handed over: call confirmHandedOver once the
   * receiver has them, so a failed upload loses nothing.
   */
  async exportBatch(time: number, afterSequence?: number): Promise<RecordBatch> {
    const from = afterSequence ?? this.handedOverUpTo;
    const records = this.ring.filter((r) => r.sequence > from);
    const firstSequence = records[0]?.sequence ?? this.lastSequence + 1;
    const head = await signChainHead(
      { deviceId: this.deviceId, firstSequence, sequence: this.lastSequence, hash: this.lastHash, time },
      this.privateKey,
    );
    return { head, records: records.map((r) => r.bytes) };
  }

  /** The log as plain data, so a device that restarts (the phone app reloading) continues its chain. */
  saveState(): RecordLogState {
    return {
      ring: this.ring.map((r) => ({ ...r })),
      lastSequence: this.lastSequence,
      lastHash: this.lastHash,
      handedOverUpTo: this.handedOverUpTo,
    };
  }

  /** Continues from a saved state: the next record follows its last one in the same hash chain. */
  restoreState(state: RecordLogState): void {
    this.ring.splice(0, this.ring.length, ...state.ring.map((r) => ({ ...r })));
    this.lastSequence = state.lastSequence;
    this.lastHash = state.lastHash;
    this.handedOverUpTo = state.handedOverUpTo;
  }

  /**
   * Starts the chain after `afterSequence` instead of at 1, linking to `prevHash`: a device
   * enrolled into an enrolment that already holds records (the server's `chainStart`, docs/event-log.md
   * "Re-enrolment"). Only a log that holds nothing yet can start elsewhere.
   */
  continueChain(start: ChainStart): void {
    if (this.lastSequence !== 0 || this.ring.length > 0)
      throw new Error('a record log that already holds records cannot start its chain elsewhere');
    if (!Number.isSafeInteger(start.afterSequence) || start.afterSequence < 1 || start.prevHash.length !== 32)
      throw new Error('a chain start needs a positive sequence and a 32-byte hash');
    this.lastSequence = start.afterSequence;
    this.lastHash = start.prevHash;
    this.handedOverUpTo = start.afterSequence;
  }

  /** Marks records up to `sequence` as handed over. */
  confirmHandedOver(sequence: number): void {
    this.handedOverUpTo = Math.max(this.handedOverUpTo, Math.min(sequence, this.lastSequence));
  }
}

/** A device that keeps a record log (a lock, a key cabinet): what it holds, for inspection and tests. */
export abstract class RecordingDevice {
  protected constructor(protected readonly log: RecordLog) {}

  /** Encoded records still held, oldest first (not on the radio). */
  get records(): Uint8Array[] {
    return this.log.heldRecords;
  }

  get recordSequence(): number {
    return this.log.sequence;
  }

  /** Records not collected yet. */
  get uncollectedRecords(): number {
    return this.log.uncollected;
  }

  /** Continues the enrolment's chain after the records stored under its earlier key (RecordLog.continueChain). */
  continueChainAfter(start: ChainStart): void {
    this.log.continueChain(start);
  }
}
