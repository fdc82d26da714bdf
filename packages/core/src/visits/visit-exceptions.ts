// The exceptions queue (R5.3; docs/visits.md "Exceptions"): what a work lead must look at before a
// month is paid. Each exception has a stable key, so a confirmation with a reason sticks to what
// it confirmed: a key names the visit *version*, and a later correction raises it anew. Pure.
import { groupBy } from '../platform/group-by';
import { isHouseholdPair } from './household-visits';
import { isVisitCounted, type VisitState } from './visit-rules';

export const visitExceptionCodes = [
  'no_departure',
  'too_long',
  'too_short',
  'two_customers_at_once',
  'duplicate_visit',
  'unplanned_visit',
  'missed_planned_visit',
  'no_entry',
  'outside_service',
] as const;
export type VisitExceptionCode = (typeof visitExceptionCodes)[number];

/** Codes that hold a visit's minutes back from the compensation run until resolved. */
export const holdingExceptionCodes: ReadonlySet<VisitExceptionCode> = new Set([
  'no_departure',
  'too_long',
  'two_customers_at_once',
  'duplicate_visit',
  'outside_service',
]);

export interface ExceptionVisit {
  visitId: string;
  version: number;
  customerId: string;
  staffMemberIds: readonly string[];
  state: VisitState;
  arrival: number;
  departure: number | null;
  /** Whether the provider served the customer on the visit's day. */
  isServed: boolean;
  /**
   * Whether the customer has planned visits of the provider in the visit's local month: only then
   * is a visit with no plan near it `unplanned_visit`. A fact of the visit, read with it, not of
   * the planned visits of the period someone asked for (docs/visits.md "Exceptions").
   */
  hasPlans: boolean;
  /** The apartment door the customer shares with another customer (a couple), or null. */
  householdId: string | null;
}

export interface ExceptionPlannedVisit {
  plannedVisitId: string;
  customerId: string;
  windowStart: number;
  windowEnd: number;
}

/** A refused attempt by a staff member at one of the customer's doors. */
export interface RefusedAttempt {
  customerId: string;
  staffMemberId: string;
  at: number;
}

export interface VisitException {
  key: string;
  code: VisitExceptionCode;
  at: number;
  customerId: string;
  staffMemberIds: readonly string[];
  visitIds: readonly string[];
  plannedVisitId: string | null;
}

export interface ExceptionLimits {
  maxVisitMinutes: number;
  minVisitMinutes: number;
  /** How far from a planned window a visit still counts as that planned visit. */
  planMarginMinutes: number;
  /** How long after a refused attempt a visit shows the staff member got in after all. */
  entryMinutes: number;
}

export const defaultExceptionLimits: ExceptionLimits = {
  maxVisitMinutes: 120,
  minVisitMinutes: 2,
  planMarginMinutes: 60,
  entryMinutes: 30,
};

const minute = 60_000;

/**
 * Every exception in the given visits, planned visits and refused attempts, oldest first. `now`
 * is when the list is read: a planned visit is missed, and a refused attempt "could not get in",
 * only once the visit that would answer it can no longer come (the window and its margin, the
 * attempt's half hour, have passed), so today's list does not call this evening's visits missed.
 */
export function findVisitExceptions(
  visits: readonly ExceptionVisit[],
  planned: readonly ExceptionPlannedVisit[],
  refused: readonly RefusedAttempt[],
  limits: ExceptionLimits = defaultExceptionLimits,
  now = Number.POSITIVE_INFINITY,
): VisitException[] {
  const found: VisitException[] = [];
  const counted = visits.filter((v) => isVisitCounted(v.state));
  const ofVisit = (code: VisitExceptionCode, visit: ExceptionVisit) =>
    found.push({
      key: `${code}:${visit.visitId}:${visit.version}`,
      code,
      at: visit.arrival,
      customerId: visit.customerId,
      staffMemberIds: visit.staffMemberIds,
      visitIds: [visit.visitId],
      plannedVisitId: null,
    });
  // An approved visit has been reviewed: it raises nothing itself, but still meets plans.
  const reviewable = counted.filter((v) => v.state !== 'approved');
  for (const visit of reviewable) {
    if (!visit.isServed) ofVisit('outside_service', visit);
    if (visit.departure === null) {
      ofVisit('no_departure', visit);
      continue;
    }
    const minutes = (visit.departure - visit.arrival) / minute;
    if (minutes > limits.maxVisitMinutes) ofVisit('too_long', visit);
    if (minutes < limits.minVisitMinutes) ofVisit('too_short', visit);
  }
  findOverlaps(counted, found);
  // Planned visits, visits and refused attempts meet only within one customer: grouped once, so
  // a provider's month (tens of thousands of each) is compared customer by customer.
  const margin = limits.planMarginMinutes * minute;
  const plannedByCustomer = groupBy(planned, (p) => p.customerId);
  const countedByCustomer = groupBy(counted, (v) => v.customerId);
  const isNear = (visit: ExceptionVisit, plan: ExceptionPlannedVisit) =>
    visit.arrival < plan.windowEnd + margin && (visit.departure ?? visit.arrival) > plan.windowStart - margin;
  for (const visit of reviewable)
    if (
      visit.hasPlans &&
      !(plannedByCustomer.get(visit.customerId) ?? []).some((plan) => isNear(visit, plan))
    )
      ofVisit('unplanned_visit', visit);
  for (const plan of planned)
    if (
      now >= plan.windowEnd + margin &&
      !(countedByCustomer.get(plan.customerId) ?? []).some((visit) => isNear(visit, plan))
    )
      found.push({
        key: `missed_planned_visit:${plan.plannedVisitId}`,
        code: 'missed_planned_visit',
        at: plan.windowStart,
        customerId: plan.customerId,
        staffMemberIds: [],
        visitIds: [],
        plannedVisitId: plan.plannedVisitId,
      });
  const entry = limits.entryMinutes * minute;
  for (const attempt of refused) {
    if (now <= attempt.at + entry) continue;
    const gotIn = (countedByCustomer.get(attempt.customerId) ?? []).some(
      (v) =>
        v.staffMemberIds.includes(attempt.staffMemberId) &&
        v.arrival >= attempt.at - minute &&
        v.arrival <= attempt.at + entry,
    );
    if (!gotIn)
      found.push({
        key: `no_entry:${attempt.customerId}:${attempt.staffMemberId}:${attempt.at}`,
        code: 'no_entry',
        at: attempt.at,
        customerId: attempt.customerId,
        staffMemberIds: [attempt.staffMemberId],
        visitIds: [],
        plannedVisitId: null,
      });
  }
  return dedupeNoEntry(found).sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
}

/**
 * One staff member in two visits at the same time (a visit without departure lasts a minute): at
 * two customers who do not share a home, or twice at one, which is one visit registered twice (e.g. by the lock and by
 * hand) and would be paid twice. Two staff there at once is double staffing: one visit naming
 * both, or two visits with no staff member in common, neither of which meets here.
 */
function findOverlaps(visits: readonly ExceptionVisit[], found: VisitException[]): void {
  const byStaff = new Map<string, ExceptionVisit[]>();
  for (const visit of visits)
    for (const staff of visit.staffMemberIds) {
      const own = byStaff.get(staff);
      if (own) own.push(visit);
      else byStaff.set(staff, [visit]);
    }
  const seen = new Set<string>();
  for (const [staff, own] of byStaff) {
    const sorted = [...own].sort((a, b) => a.arrival - b.arrival);
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i]!;
        const b = sorted[j]!;
        if (b.arrival >= (a.departure ?? a.arrival + minute)) break;
        if (a.state === 'approved' && b.state === 'approved') continue;
        // One stay with a couple helps both; the run counts the overlap once (household-visits.ts).
        if (isHouseholdPair(a, b)) continue;
        const code = a.customerId === b.customerId ? 'duplicate_visit' : 'two_customers_at_once';
        const key = `${code}:${[`${a.visitId}:${a.version}`, `${b.visitId}:${b.version}`].sort().join(':')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({
          key,
          code,
          at: b.arrival,
          customerId: b.customerId,
          staffMemberIds: [staff],
          visitIds: [a.visitId, b.visitId],
          plannedVisitId: null,
        });
      }
  }
}

/** Several refused tries in a row at one door are one "could not get in". */
function dedupeNoEntry(found: VisitException[]): VisitException[] {
  const lastNoEntry = new Map<string, number>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter((exception) => {
      if (exception.code !== 'no_entry') return true;
      const who = `${exception.customerId} ${exception.staffMemberIds[0]}`;
      const previous = lastNoEntry.get(who);
      lastNoEntry.set(who, exception.at);
      return previous === undefined || exception.at - previous > 30 * minute;
    });
}
