// Couples (docs/visits.md "A shared home"): customers with one apartment door share a home, and
// one staff member often helps both in one stay. Their visits may overlap, and the time a staff
// member spends with both is paid once, shared among the visits, not once per customer. Pure.
import { groupBy } from '../platform/group-by';
import { splitEvenly } from '../platform/split-evenly';

const minute = 60_000;

export interface HouseholdVisit {
  visitId: string;
  customerId: string;
  /** The apartment door the customer shares with another customer; null when they share none. */
  householdId: string | null;
  staffMemberIds: readonly string[];
  arrival: number;
  departure: number;
}

/** Two visits at two customers of one home: they may overlap (one staff member helps both). */
export function isHouseholdPair(
  a: Pick<HouseholdVisit, 'customerId' | 'householdId'>,
  b: Pick<HouseholdVisit, 'customerId' | 'householdId'>,
): boolean {
  return a.customerId !== b.customerId && a.householdId !== null && a.householdId === b.householdId;
}

/** A span of time that counts, [from, to) in epoch milliseconds (on whole minutes where shared). */
export type CountedSpan = readonly [from: number, to: number];

/** What a visit counts: each staff member's time (in `staffMemberIds` order) and the customer's. */
export interface CountedTime {
  /** The customer had care whenever one of the visit's staff counts: the union of `staff`. */
  customer: CountedSpan[];
  staff: CountedSpan[][];
}

/**
 * The time each visit counts. Where one staff member's visits at two or more customers of one
 * home overlap, each minute of that staff member's overlap counts for one of the visits: it is
 * cut in even whole-minute parts, in order of arrival (then visit id), the first visit taking the
 * first part. Every other minute counts whole: another staff member with only one spouse worked
 * there all the time, and two visits at one customer are left to the exceptions queue
 * (`duplicate_visit`). A visit that overlaps no one in its home keeps its own times, seconds and
 * all, so it counts exactly as a visit outside a home (splitByBand rounds its length, not each end).
 */
export function shareHouseholdTime(visits: readonly HouseholdVisit[]): Map<string, CountedTime> {
  const counted = new Map<string, CountedTime>();
  const whole = (visit: HouseholdVisit) => {
    const span: CountedSpan = [visit.arrival, visit.departure];
    counted.set(visit.visitId, { customer: [span], staff: visit.staffMemberIds.map(() => [span]) });
  };
  for (const visit of visits) if (visit.householdId === null) whole(visit);
  const households = groupBy(
    visits.filter((visit) => visit.householdId !== null),
    (visit) => visit.householdId!,
  );
  for (const home of households.values())
    for (const stay of listStays(home))
      if (stay.length === 1) whole(stay[0]!);
      else for (const [visitId, time] of shareStay(stay)) counted.set(visitId, time);
  return counted;
}

type RoundedVisit = HouseholdVisit & { from: number; to: number };

/** Each staff member's minutes of an overlapping stay, walked edge by edge, and their union. */
function shareStay(stay: readonly RoundedVisit[]): Map<string, CountedTime> {
  const staffSpans = new Map<string, CountedSpan[]>();
  const add = (visitId: string, staffId: string, from: number, to: number) => {
    const key = `${visitId} ${staffId}`;
    staffSpans.set(key, appendSpan(staffSpans.get(key) ?? [], [from * minute, to * minute]));
  };
  for (const staffId of new Set(stay.flatMap((visit) => visit.staffMemberIds))) {
    const own = stay.filter((visit) => visit.staffMemberIds.includes(staffId));
    const edges = [...new Set(own.flatMap((visit) => [visit.from, visit.to]))].sort((a, b) => a - b);
    for (const [index, start] of edges.entries()) {
      const end = edges[index + 1];
      if (end === undefined) break;
      const present = own.filter((visit) => visit.from <= start && visit.to >= end);
      const sharing = present.filter((visit) => present.some((other) => isHouseholdPair(visit, other)));
      for (const visit of present) if (!sharing.includes(visit)) add(visit.visitId, staffId, start, end);
      const parts = splitEvenly(end - start, sharing.length);
      let at = start;
      for (const [i, visit] of sharing.entries()) {
        if (parts[i]! > 0) add(visit.visitId, staffId, at, at + parts[i]!);
        at += parts[i]!;
      }
    }
  }
  return new Map(
    stay.map((visit) => {
      const staff = visit.staffMemberIds.map(
        (staffId) => staffSpans.get(`${visit.visitId} ${staffId}`) ?? [],
      );
      const customer = staff
        .flat()
        .sort((a, b) => a[0] - b[0])
        .reduce<CountedSpan[]>((union, span) => appendSpan(union, span), []);
      return [visit.visitId, { customer, staff }];
    }),
  );
}

/** `spans` (in time order) with `span` after them, merged into the last where they meet. */
function appendSpan(spans: CountedSpan[], span: CountedSpan): CountedSpan[] {
  const last = spans.at(-1);
  if (last && span[0] <= last[1]) spans[spans.length - 1] = [last[0], Math.max(last[1], span[1])];
  else spans.push(span);
  return spans;
}

/**
 * A home's visits in runs that overlap one another (in order of arrival, then id), on whole
 * minutes, so the minute edges are walked per stay, not over a whole month's visits at once.
 */
function listStays(home: readonly HouseholdVisit[]): RoundedVisit[][] {
  const stays: RoundedVisit[][] = [];
  let end = -Infinity;
  const rounded = home.map((visit) => ({
    ...visit,
    from: Math.round(visit.arrival / minute),
    to: Math.round(visit.departure / minute),
  }));
  for (const visit of rounded.sort((a, b) => a.from - b.from || a.visitId.localeCompare(b.visitId))) {
    if (visit.from < end) stays.at(-1)!.push(visit);
    else stays.push([visit]);
    end = Math.max(end, visit.to);
  }
  return stays;
}
