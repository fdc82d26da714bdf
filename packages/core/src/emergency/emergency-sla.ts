// The SLA view of emergency opening (R9.2, docs/support.md "SLA"): per Stockholm month of the
// assignment and per locksmith company, how many, the share on site within the SLA, the median
// and 90th percentile minutes from assignment to on site, and every breach. Pure: storage reads
// the assignments, the server passes the clock.
import { createZoneClock, parseIsoDate } from '../access';
import { groupBy } from '../platform/group-by';

/** One assigned emergency, as the SLA counts it. */
export interface SlaAssignment {
  emergencyId: string;
  reference: string;
  locksmithCompanyId: string;
  locksmithCompanyName: string;
  assignedAt: Date;
  dueAt: Date;
  onSiteAt: Date | null;
  /** When support closed the emergency (staff may get in another way, docs/support.md). */
  closedAt: Date | null;
}

export interface SlaBreach {
  emergencyId: string;
  reference: string;
  locksmithCompanyId: string;
  locksmithCompanyName: string;
  month: string;
  assignedAt: Date;
  dueAt: Date;
  onSiteAt: Date | null;
  /** Set when the emergency was closed past the deadline without the locksmith. */
  closedAt: Date | null;
  /**
   * Minutes from assignment to on site; without the locksmith, to the closing, or to now while
   * the emergency is open.
   */
  minutes: number;
  isStillWaiting: boolean;
}

export interface SlaFigures {
  /** Every assignment in the group. */
  count: number;
  onTime: number;
  breached: number;
  /** Not on site, not closed, deadline not yet passed: counted neither way. */
  pending: number;
  /**
   * Closed at or before the deadline without the locksmith on site (staff got in another way, the
   * locksmith was cancelled): counted neither way, as the locksmith still had time.
   */
  closedBeforeArrival: number;
  /** onTime / (onTime + breached), or null when nothing is decided yet. */
  shareWithin: number | null;
  /** Minutes from assignment to on site over those on site. */
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface SlaGroup extends SlaFigures {
  month: string;
  locksmithCompanyId: string;
  locksmithCompanyName: string;
}

export interface SlaReport {
  groups: SlaGroup[];
  /** Per month over all companies. */
  months: Array<SlaFigures & { month: string }>;
  total: SlaFigures;
  breaches: SlaBreach[];
}

/**
 * The `p`-th percentile (0–100) of `values` with linear interpolation between the closest ranks
 * (the spreadsheet PERCENTILE.INC rule): the median of 10 and 20 is 15. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** The Stockholm calendar month of an instant, YYYY-MM. */
export function stockholmMonth(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((item) => item.type === type)!.value;
  return `${part('year')}-${part('month')}`;
}

const minutesBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;
const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

type Outcome = 'on_time' | 'breached' | 'pending' | 'closed_before_arrival';

/**
 * On time: on site at or before the deadline. Breached: on site after it, or not there when it
 * passed (still open, or closed only after it). Closed before arrival: closed at or before the
 * deadline without the locksmith, who then never had to come. Pending: open, deadline ahead.
 */
export function judgeSlaOutcome(assignment: SlaAssignment, now: Date): Outcome {
  const due = assignment.dueAt.getTime();
  if (assignment.onSiteAt) return assignment.onSiteAt.getTime() <= due ? 'on_time' : 'breached';
  // A closed emergency stops the clock: judged at its closing, never by today's date.
  const judgedAt = assignment.closedAt ?? now;
  if (judgedAt.getTime() > due) return 'breached';
  return assignment.closedAt ? 'closed_before_arrival' : 'pending';
}

function summarise(assignments: readonly SlaAssignment[], now: Date): SlaFigures {
  let onTime = 0;
  let breached = 0;
  let pending = 0;
  let closedBeforeArrival = 0;
  const minutes: number[] = [];
  for (const assignment of assignments) {
    const outcome = judgeSlaOutcome(assignment, now);
    if (outcome === 'on_time') onTime += 1;
    else if (outcome === 'breached') breached += 1;
    else if (outcome === 'closed_before_arrival') closedBeforeArrival += 1;
    else pending += 1;
    if (assignment.onSiteAt) minutes.push(minutesBetween(assignment.assignedAt, assignment.onSiteAt));
  }
  const decided = onTime + breached;
  return {
    count: assignments.length,
    onTime,
    breached,
    pending,
    closedBeforeArrival,
    shareWithin: decided === 0 ? null : onTime / decided,
    medianMinutes: round1(percentile(minutes, 50)),
    p90Minutes: round1(percentile(minutes, 90)),
  };
}

/**
 * Builds the SLA report over `assignments` as of `now`: groups ordered by month, then company
 * name; breaches in order of assignment.
 */
export function buildSlaReport(assignments: readonly SlaAssignment[], now: Date): SlaReport {
  const withMonth = assignments.map((assignment) => ({
    assignment,
    month: stockholmMonth(assignment.assignedAt),
  }));
  const groups: SlaGroup[] = [];
  for (const items of groupBy(
    withMonth,
    (item) => `${item.month}|${item.assignment.locksmithCompanyId}`,
  ).values()) {
    const first = items[0]!;
    groups.push({
      month: first.month,
      locksmithCompanyId: first.assignment.locksmithCompanyId,
      locksmithCompanyName: first.assignment.locksmithCompanyName,
      ...summarise(
        items.map((item) => item.assignment),
        now,
      ),
    });
  }
  groups.sort(
    (a, b) =>
      a.month.localeCompare(b.month) || a.locksmithCompanyName.localeCompare(b.locksmithCompanyName, 'sv'),
  );
  const months = [...groupBy(withMonth, (item) => item.month)]
    .map(([month, items]) => ({
      month,
      ...summarise(
        items.map((item) => item.assignment),
        now,
      ),
    }))
    .sort((a, b) => a.month.localeCompare(b.month));
  const breaches = withMonth
    .filter((item) => judgeSlaOutcome(item.assignment, now) === 'breached')
    .sort((a, b) => a.assignment.assignedAt.getTime() - b.assignment.assignedAt.getTime())
    .map(({ assignment, month }) => ({
      emergencyId: assignment.emergencyId,
      reference: assignment.reference,
      locksmithCompanyId: assignment.locksmithCompanyId,
      locksmithCompanyName: assignment.locksmithCompanyName,
      month,
      assignedAt: assignment.assignedAt,
      dueAt: assignment.dueAt,
      onSiteAt: assignment.onSiteAt,
      closedAt: assignment.onSiteAt ? null : assignment.closedAt,
      minutes: Math.round(
        minutesBetween(assignment.assignedAt, assignment.onSiteAt ?? assignment.closedAt ?? now),
      ),
      isStillWaiting: assignment.onSiteAt === null && assignment.closedAt === null,
    }));
  return { groups, months, total: summarise(assignments, now), breaches };
}

const stockholmClock = createZoneClock('Europe/Stockholm');

/** The instant a Stockholm calendar day (YYYY-MM-DD) begins: the SLA view's period bounds. */
export function findStockholmDayStart(day: string): Date {
  return new Date(stockholmClock.fromLocal(parseIsoDate(day) * 24 * 60) * 60_000);
}
