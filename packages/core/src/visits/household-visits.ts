// Couples (docs/visits.md "A shared home"): customers with one apartment door share a home, and
// one staff member often helps both in one stay. Their visits may overlap, and the time they
// overlap is paid once, shared among them, not once per customer. Pure.
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

/** A span of time a visit counts, [from, to) in epoch milliseconds (on whole minutes where shared). */
export type CountedSpan = readonly [from: number, to: number];

/**
 * The time each visit counts, in whole minutes. Where a staff member's visits at two or more
 * customers of one home overlap, each minute of the overlap counts for one of them: the overlap
 * is cut in even whole-minute parts, in order of arrival (then visit id), so the first visit
 * takes the first part. Every other minute counts whole: two visits at one home by different
 * staff are two people working, and two visits at one customer are left to the exceptions queue
 * (`duplicate_visit`). Each visit's spans are in time order and never touch; a visit that
 * overlaps no one keeps its own times.
 */
export function shareHouseholdTime(visits: readonly HouseholdVisit[]): Map<string, CountedSpan[]> {
  const spans = new Map<string, CountedSpan[]>();
  const add = (visitId: string, from: number, to: number) => {
    const own = spans.get(visitId) ?? [];
    const last = own.at(-1);
    if (last && last[1] === from) own[own.length - 1] = [last[0], to];
    else own.push([from, to]);
    spans.set(visitId, own);
  };
  const rounded = visits.map((visit) => ({
    ...visit,
    from: Math.round(visit.arrival / minute),
    to: Math.round(visit.departure / minute),
  }));
  // A visit that overlaps no one in its home keeps its own times, seconds and all, so it counts
  // exactly as a visit outside a home does (splitByBand rounds its length, not each end).
  for (const visit of rounded)
    if (visit.householdId === null) add(visit.visitId, visit.arrival, visit.departure);
  const households = groupBy(
    rounded.filter((visit) => visit.householdId !== null),
    (visit) => visit.householdId!,
  );
  for (const home of households.values())
    for (const stay of listStays(home))
      if (stay.length === 1) add(stay[0]!.visitId, stay[0]!.arrival, stay[0]!.departure);
      else shareStay(stay, add);
  // A visit of no minutes counts nothing, as one outside a home does.
  for (const visit of visits) if (!spans.has(visit.visitId)) spans.set(visit.visitId, []);
  return spans;
}

type RoundedVisit = HouseholdVisit & { from: number; to: number };

/** Walks a stay's minute edges: each stretch counts whole for a visit, or in parts for sharers. */
function shareStay(stay: readonly RoundedVisit[], add: (visitId: string, from: number, to: number) => void) {
  const edges = [...new Set(stay.flatMap((visit) => [visit.from, visit.to]))].sort((a, b) => a - b);
  for (const [index, start] of edges.entries()) {
    const end = edges[index + 1];
    if (end === undefined) break;
    const present = stay.filter((visit) => visit.from <= start && visit.to >= end);
    const sharing = present.filter((visit) =>
      present.some(
        (other) =>
          isHouseholdPair(visit, other) &&
          visit.staffMemberIds.some((id) => other.staffMemberIds.includes(id)),
      ),
    );
    for (const visit of present)
      if (!sharing.includes(visit)) add(visit.visitId, start * minute, end * minute);
    const parts = splitEvenly(end - start, sharing.length);
    let at = start;
    for (const [i, visit] of sharing.entries()) {
      if (parts[i]! > 0) add(visit.visitId, at * minute, (at + parts[i]!) * minute);
      at += parts[i]!;
    }
  }
}

/**
 * A home's visits in runs that overlap one another (in order of arrival, then id), so the minute
 * edges are walked per stay, not over a whole month's visits at once.
 */
function listStays(home: readonly RoundedVisit[]): RoundedVisit[][] {
  const stays: RoundedVisit[][] = [];
  let end = -Infinity;
  for (const visit of [...home].sort((a, b) => a.from - b.from || a.visitId.localeCompare(b.visitId))) {
    if (visit.from < end) stays.at(-1)!.push(visit);
    else stays.push([visit]);
    end = Math.max(end, visit.to);
  }
  return stays;
}
