// Rules of a device's record chain as ingest applies them (docs/event-log.md "Ingest", "Clock
// drift"): which devices sign their own heads, the clock correction, and open sequence gaps.

/** How many recent clock samples a device's offset estimate is taken from. */
export const clockSampleCount = 20;

/**
 * The key that signed a chain head at `sequence` of a device that was re-enrolled (docs/event-log.md
 * "Re-enrolment"): the first retired key whose part of the chain reaches that sequence, else the
 * key the enrolment holds now. `retired` is the enrolment's retired keys, oldest first, each with
 * the last sequence stored when it was replaced.
 */
export function keyForSequence<K>(
  retired: ReadonlyArray<{ publicJwk: K; upToSequence: number }>,
  current: K,
  sequence: number,
): K {
  return retired.find((key) => sequence <= key.upToSequence)?.publicJwk ?? current;
}

/** Keys and phones sign their own heads at upload; a lock's head is signed when a key collects it. */
export function isDirectDeviceKind(kind: string): boolean {
  // Key cabinets hand their records to the server themselves, like phones.
  return kind === 'key' || kind === 'phone' || kind === 'key_cabinet';
}

/**
 * The clock correction applied to a device's records (seconds to add to device time). Keys and
 * phones sign their own heads at upload, so receive − head time is their offset plus a small
 * transport delay, and the smallest recent sample is the estimate. A lock's head was signed when
 * a key collected it, possibly hours before upload, so its samples only bound the offset: they
 * can prove a lock clock runs ahead (negative), never that it runs behind (the protocol pulls a
 * slow lock forward to every ticket's issued-at anyway).
 */
export function clockCorrection(samples: number[], isDirect: boolean): number {
  if (samples.length === 0) return 0;
  const estimate = Math.min(...samples);
  return isDirect ? estimate : Math.min(0, estimate);
}

/** The recent samples after one more: the last `clockSampleCount`. */
export function addClockSample(samples: number[], sample: number): number[] {
  return [...samples, sample].slice(-clockSampleCount);
}

export type SequenceRange = [number, number];

/** Whether `sequence` lies in one of the open gaps. */
export function isInGap(gaps: SequenceRange[], sequence: number): boolean {
  return gaps.some(([first, last]) => sequence >= first && sequence <= last);
}

/**
 * Removes [first, last] from the open gaps: the gaps that remain, and the ranges that were
 * filled (each a part of a gap).
 */
export function fillGaps(
  gaps: SequenceRange[],
  first: number,
  last: number,
): { gaps: SequenceRange[]; filled: SequenceRange[] } {
  const filled: SequenceRange[] = [];
  const next: SequenceRange[] = [];
  for (const [a, b] of gaps) {
    if (b < first || a > last) {
      next.push([a, b]);
      continue;
    }
    filled.push([Math.max(a, first), Math.min(b, last)]);
    if (a < first) next.push([a, first - 1]);
    if (b > last) next.push([last + 1, b]);
  }
  return { gaps: next, filled };
}
