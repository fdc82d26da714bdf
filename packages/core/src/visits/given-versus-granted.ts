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

/**
 * A provider serving a customer in the month (a customer service of any kind running in it), as a
 * candidate for one of the customer's granted services, with what it planned and gave of that
 * service in the month.
 */
export interface GrantedTimeClaim {
  customerId: string;
  service: string;
  grantedMinutes: number;
  providerId: string;
  /** It delivers the customer's home care, the kind every visit service is part of. */
  isHomeCare: boolean;
  /** The first day of its earliest customer service running in the month (YYYY-MM-DD). */
  servesSince: string;
  plannedMinutes: number;
  givenMinutes: number;
}

/**
 * Granted time has no provider (the needs assessor's decision names the customer, the service and
 * the month), so each granted service is put in one provider's run only: the provider that
 * delivers it. That is the provider the care system planned the most minutes of the service
 * with; failing a plan, the one that gave the most; failing both, the customer's home-care
 * provider, the longest-standing first. So no decision is counted twice and no provider is shown a
 * shortfall in what another delivers (docs/visits.md "Time given against granted"). Returns per
 * provider its granted minutes keyed "customer service", as `computeCompensation` takes them.
 */
export function attributeGrantedTime(claims: readonly GrantedTimeClaim[]): Map<string, Map<string, number>> {
  const best = new Map<string, GrantedTimeClaim>();
  for (const claim of claims) {
    const key = `${claim.customerId} ${claim.service}`;
    const held = best.get(key);
    if (!held || isStrongerClaim(claim, held)) best.set(key, claim);
  }
  const byProvider = new Map<string, Map<string, number>>();
  for (const [key, claim] of best) {
    const granted = byProvider.get(claim.providerId) ?? new Map<string, number>();
    granted.set(key, claim.grantedMinutes);
    byProvider.set(claim.providerId, granted);
  }
  return byProvider;
}

function isStrongerClaim(a: GrantedTimeClaim, b: GrantedTimeClaim): boolean {
  const order =
    b.plannedMinutes - a.plannedMinutes ||
    b.givenMinutes - a.givenMinutes ||
    Number(b.isHomeCare) - Number(a.isHomeCare) ||
    a.servesSince.localeCompare(b.servesSince) ||
    a.providerId.localeCompare(b.providerId);
  return order < 0;
}
