// Block-list exposure, measured from the event stream: for every block, for every lock the
// blocked key's ticket lets it open, the time from the block until the lock has learned it
// (version ≥ the block's, or the key among entries taken from a ticket), capped at the key's
// ticket expiry, after which every lock refuses it anyway (docs/protocol.md §5).
import type { SimulationEvent } from './simulation-events';

interface PendingBlock {
  keyId: string;
  version: number;
  at: number;
  expiresAt: number;
  activatedUntil: number;
}

export interface ExposureSample {
  keyId: string;
  lock: number;
  seconds: number;
  /** From the block to the key's ticket expiry: the exposure with no block list at all. */
  untilExpirySeconds: number;
  /**
   * The part of the exposure while the lost key was still activated: what a finder without the
   * PIN could use (0 when the activation ended at or before the block).
   */
  activeSeconds: number;
  /** False when the key's ticket expired before the lock learned the block. */
  isLearned: boolean;
}

export interface ExposureSummary {
  blocks: number;
  locksRelevant: number;
  /** Pairs still open when the run ended (the run was too short for them). */
  censored: number;
  learnedShare: number;
  p50Hours: number;
  p95Hours: number;
  maxHours: number;
  /** The same, counting only time while the lost key was still activated (activeSeconds). */
  activeP50Hours: number;
  activeP95Hours: number;
}

export class ExposureMeter {
  private readonly versions = new Map<number, number>();
  private readonly pending = new Map<number, PendingBlock[]>();
  private blocks = 0;
  readonly samples: ExposureSample[] = [];

  /** Feeds one event of the stream (subscribe it to a simulation). */
  observe(event: SimulationEvent): void {
    if (event.type === 'key-blocked') {
      this.blocks++;
      if (event.ticketExpiresAt === null) return;
      const block = {
        keyId: event.keyId,
        version: event.version,
        at: event.at,
        expiresAt: event.ticketExpiresAt,
        activatedUntil: event.activatedUntil ?? event.at,
      };
      for (const lock of event.locks) {
        if ((this.versions.get(lock) ?? 0) >= event.version) {
          this.samples.push(sampleOf(block, lock, block.at));
          continue;
        }
        const list = this.pending.get(lock) ?? [];
        list.push(block);
        this.pending.set(lock, list);
      }
      return;
    }
    if (event.type !== 'block-list-learned') return;
    this.versions.set(event.lock, Math.max(this.versions.get(event.lock) ?? 0, event.version));
    const list = this.pending.get(event.lock);
    if (!list) return;
    const keys = new Set(event.keys);
    const remaining = list.filter((block) => {
      if (event.version < block.version && !keys.has(block.keyId)) return true;
      this.samples.push(sampleOf(block, event.lock, event.at));
      return false;
    });
    if (remaining.length > 0) this.pending.set(event.lock, remaining);
    else this.pending.delete(event.lock);
  }

  /** Closes the pairs whose ticket has expired by `endAt`; the rest are censored. */
  finish(endAt: number): ExposureSummary {
    let censored = 0;
    for (const [lock, list] of this.pending) {
      for (const block of list) {
        if (block.expiresAt <= endAt) this.samples.push(sampleOf(block, lock, Infinity));
        else censored++;
      }
    }
    this.pending.clear();
    const hours = this.samples.map((s) => s.seconds / 3600).sort((a, b) => a - b);
    const active = this.samples.map((s) => s.activeSeconds / 3600).sort((a, b) => a - b);
    return {
      blocks: this.blocks,
      locksRelevant: this.samples.length + censored,
      censored,
      learnedShare: hours.length === 0 ? 1 : this.samples.filter((s) => s.isLearned).length / hours.length,
      p50Hours: percentile(hours, 50),
      p95Hours: percentile(hours, 95),
      maxHours: hours.length === 0 ? 0 : hours[hours.length - 1]!,
      activeP50Hours: percentile(active, 50),
      activeP95Hours: percentile(active, 95),
    };
  }
}

/** The exposure of one pair whose lock learned the block at `learnedAt` (Infinity: never). */
function sampleOf(block: PendingBlock, lock: number, learnedAt: number): ExposureSample {
  const end = Math.min(learnedAt, block.expiresAt);
  return {
    keyId: block.keyId,
    lock,
    seconds: end - block.at,
    untilExpirySeconds: block.expiresAt - block.at,
    activeSeconds: Math.max(0, Math.min(end, block.activatedUntil) - block.at),
    isLearned: learnedAt < block.expiresAt,
  };
}

/** Nearest-rank percentile of sorted values (0 for none). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
