import type { EventKind, Reason } from '@portvakt/protocol';
import type { RecordFields } from './record-log';

/** Unverified refusals of one kind and reason, counted until written as one aggregate record. */
interface PendingAggregate {
  kind: EventKind;
  reason: Reason;
  count: number;
  firstTime: number;
  claimedKeyId?: Uint8Array;
}

type SummaryFields = Omit<RecordFields, 'time' | 'battery' | 'lock' | 'blockListVersion'>;

/**
 * What a lock counts instead of recording one by one: refusals it could not verify (one aggregate
 * record per kind and reason, so junk cannot flush genuine records out of the ring buffer) and
 * events dropped while its log was full of uncollected records.
 */
export class PendingSummaries {
  private readonly aggregates = new Map<string, PendingAggregate>();
  private dropped: { count: number; firstTime: number } | undefined;

  /** Counts an unverified refusal toward its aggregate record (written later, see `flush`). */
  countUnverified(kind: EventKind, reason: Reason, now: number, claimedKeyId?: Uint8Array): void {
    const key = `${kind}:${reason}`;
    const aggregate = this.aggregates.get(key);
    if (aggregate) {
      aggregate.count++;
      if (claimedKeyId) aggregate.claimedKeyId = claimedKeyId;
    } else {
      this.aggregates.set(key, {
        kind,
        reason,
        count: 1,
        firstTime: now,
        ...(claimedKeyId ? { claimedKeyId } : {}),
      });
    }
  }

  /** Counts an event the full log had no room for. */
  countDropped(now: number): void {
    this.dropped = this.dropped
      ? { count: this.dropped.count + 1, firstTime: this.dropped.firstTime }
      : { count: 1, firstTime: now };
  }

  /**
   * Writes pending aggregates (and the count of dropped events) while `hasRoom` says the log has
   * room. What does not fit stays pending and keeps counting; nothing recorded is overwritten.
   */
  async flush(hasRoom: () => boolean, append: (fields: SummaryFields) => Promise<void>): Promise<void> {
    if (this.dropped && hasRoom()) {
      const { count, firstTime } = this.dropped;
      this.dropped = undefined;
      await append({ kind: 'records-dropped', result: 'denied', reason: 'log-full', count, firstTime });
    }
    for (const [key, aggregate] of this.aggregates) {
      if (!hasRoom()) return;
      this.aggregates.delete(key);
      await append({
        kind: aggregate.kind,
        result: 'denied',
        reason: aggregate.reason,
        verified: false,
        count: aggregate.count,
        firstTime: aggregate.firstTime,
        ...(aggregate.claimedKeyId ? { claimedKeyId: aggregate.claimedKeyId } : {}),
      });
    }
  }
}
