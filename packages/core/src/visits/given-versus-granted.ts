// Time given against time granted per customer and service (R5.2; docs/visits.md "Time given
// against granted"): the difference and share, and the order a reader needs, largest shortfall
// first. Pure; the figures come from the month's compensation runs.

export interface GivenAndGranted {
  givenMinutes: number;
  /** Null when nothing was granted for that service: given without a decision. */
  grantedMinutes: number | null;
}

export interface GivenComparison {
  /** Given − granted: negative is a shortfall. Null without a decision. */
  differenceMinutes: number | null;
  /** Given as a whole percentage of granted; null without a decision or when none was granted. */
  givenPercent: number | null;
}

export function compareGivenWithGranted({ givenMinutes, grantedMinutes }: GivenAndGranted): GivenComparison {
  if (grantedMinutes === null) return { differenceMinutes: null, givenPercent: null };
  return {
    differenceMinutes: givenMinutes - grantedMinutes,
    givenPercent: grantedMinutes > 0 ? Math.round((100 * givenMinutes) / grantedMinutes) : null,
  };
}

/**
 * Largest shortfall first (most negative difference), then the smallest share given; rows
 * without a decision last, most minutes first. `tieBreak` orders what is still equal (e.g. names).
 */
export function sortByShortfall<T extends GivenAndGranted & GivenComparison>(
  rows: readonly T[],
  tieBreak: (a: T, b: T) => number = () => 0,
): T[] {
  return [...rows].sort((a, b) => {
    if (a.differenceMinutes === null || b.differenceMinutes === null) {
      if (a.differenceMinutes !== null) return -1;
      if (b.differenceMinutes !== null) return 1;
      return b.givenMinutes - a.givenMinutes || tieBreak(a, b);
    }
    return (
      a.differenceMinutes - b.differenceMinutes ||
      (a.givenPercent ?? Infinity) - (b.givenPercent ?? Infinity) ||
      tieBreak(a, b)
    );
  });
}
