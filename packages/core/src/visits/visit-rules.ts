// Rules of visit registration (R5.1, R5.3; docs/visits.md): what a visit may look like, and who
// may change a month's visits until when. Pure.
import type { Role } from '../platform/roles';
import type { RuleViolation } from '../registry';
import { createZoneClock, localDayOf, minutesPerDay, type ZoneClock } from '../access';

/** What home care does on a visit (the needs assessor grants minutes per service and month). */
export const visitServices = [
  'personal_care',
  'meals',
  'medication',
  'shower',
  'cleaning',
  'laundry',
  'shopping',
  'escort',
  'supervision',
] as const;
export type VisitService = (typeof visitServices)[number];

export const visitSources = ['lock', 'phone', 'manual'] as const;
export type VisitSource = (typeof visitSources)[number];

export const visitStates = [
  'registered',
  'incomplete',
  'declined',
  'voided',
  'approved',
  'corrected',
] as const;
export type VisitState = (typeof visitStates)[number];

/**
 * Whether a visit in `state` counts: takes its staff's time and is paid. A declined visit counts
 * nothing (the customer declined), nor does a voided one (registered by mistake), so neither
 * overlaps another visit: declining or voiding one of two overlapping visits is how a work
 * lead resolves them (docs/visits.md "Corrections").
 */
export function isVisitCounted(state: VisitState): boolean {
  return state !== 'declined' && state !== 'voided';
}

/**
 * Whether a visit in `state` happened: not one voided as registered by mistake (a declined one
 * did: staff came). Relatives see only those, and the console counts only those as visits.
 */
export function hasVisitHappened(state: VisitState): boolean {
  return state !== 'voided';
}

/** The states of the visits relatives' visit list shows. */
export type RelativesVisitState = Exclude<VisitState, 'voided'>;
export const relativesVisitStates = visitStates.filter((state): state is RelativesVisitState =>
  hasVisitHappened(state),
);

/** Municipality settings of visit registration (municipality.settings, docs/visits.md). */
export interface VisitSettings {
  /** Openings further apart than this at one door are two visits, not an arrival and a departure. */
  maxVisitMinutes: number;
  /** Day of the next month through which work leads may still change a month. */
  lockDay: number;
  /** Whether lock records make visits at ingest. */
  isDerivationOn: boolean;
  timeZone: string;
}

export const defaultVisitSettings: VisitSettings = {
  maxVisitMinutes: 120,
  lockDay: 5,
  isDerivationOn: true,
  timeZone: 'Europe/Stockholm',
};

/** The longest visit anyone registers; longer is a typing error (a day, not an hour). */
export const maxRegisteredVisitMinutes = 12 * 60;

/** A visit's times: departure after arrival, no longer than a working day, not in the future. */
export function checkVisitTimes(arrival: number, departure: number | null, now: number): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (arrival > now + 60_000)
    violations.push({
      field: 'arrival',
      code: 'visit_in_future',
      message: 'A visit cannot start in the future.',
    });
  if (departure === null) return violations;
  if (departure <= arrival)
    violations.push({
      field: 'departure',
      code: 'reversed_times',
      message: 'The departure must come after the arrival.',
    });
  else if (departure - arrival > maxRegisteredVisitMinutes * 60_000)
    violations.push({
      field: 'departure',
      code: 'visit_too_long',
      message: `A visit is at most ${maxRegisteredVisitMinutes / 60} hours long.`,
    });
  else if (departure > now + 60_000)
    violations.push({
      field: 'departure',
      code: 'visit_in_future',
      message: 'A departure cannot be in the future.',
    });
  return violations;
}

/** The local month (YYYY-MM) an instant falls in. */
export function localMonthOf(at: number, clock: ZoneClock): string {
  const local = new Date(clock.toLocal(Math.floor(at / 60_000)) * 60_000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The instant a month locks: local midnight after `lockDay` of the following month. */
export function monthLocksAt(month: string, lockDay: number, clock: ZoneClock): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const localMinute = Date.UTC(year, monthNumber, lockDay + 1) / 60_000;
  return clock.fromLocal(localMinute) * 60_000;
}

/** The first and the end instant of a local month, [from, to). */
export function localMonthRange(month: string, clock: ZoneClock): { from: number; to: number } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return {
    from: clock.fromLocal(Date.UTC(year, monthNumber - 1, 1) / 60_000) * 60_000,
    to: clock.fromLocal(Date.UTC(year, monthNumber, 1) / 60_000) * 60_000,
  };
}

/**
 * The local days, each as [from, to) instants, whose approval a change at `instants` withdraws
 * (docs/visits.md "Approval"): a day's approval vouches for the visits arriving in it, so a
 * person's change of one (its old and its new arrival) takes the approval of that day back.
 */
export function listChangedApprovalDays(
  instants: readonly number[],
  clock: ZoneClock,
): { from: number; to: number }[] {
  const days = [...new Set(instants.map((at) => localDayOf(clock, Math.floor(at / 60_000))))].sort(
    (a, b) => a - b,
  );
  return days.map((day) => ({
    from: clock.fromLocal(day * minutesPerDay) * 60_000,
    to: clock.fromLocal((day + 1) * minutesPerDay) * 60_000,
  }));
}

export interface VisitChangeJudgement {
  violations: RuleViolation[];
  /** A municipality admin's change after the lock date: flagged in the next compensation run. */
  isLate: boolean;
}

/**
 * Whether `role` may change (correct, decline, approve) visits of the months the old and new
 * times fall in (R5.3): a work lead until the lock date, a municipality admin always, late.
 */
export function judgeVisitChange(
  role: Role,
  instants: readonly number[],
  now: number,
  settings: Pick<VisitSettings, 'lockDay' | 'timeZone'>,
): VisitChangeJudgement {
  const clock = createZoneClock(settings.timeZone);
  const lockedMonths = [...new Set(instants.map((at) => localMonthOf(at, clock)))].filter(
    (month) => now >= monthLocksAt(month, settings.lockDay, clock),
  );
  if (lockedMonths.length === 0) return { violations: [], isLate: false };
  if (role === 'municipality_admin') return { violations: [], isLate: true };
  return {
    violations: [
      {
        field: 'month',
        code: 'month_locked',
        message: `${lockedMonths.join(', ')} is locked (after day ${settings.lockDay} of the next month); only the municipality can change it now.`,
      },
    ],
    isLate: false,
  };
}

/** Reads the visit settings from a municipality's settings object, with the defaults. */
export function readVisitSettings(settings: Record<string, unknown>): VisitSettings {
  const number = (key: string, fallback: number): number => {
    const value = settings[key];
    return typeof value === 'number' ? value : fallback;
  };
  return {
    maxVisitMinutes: number('maxVisitMinutes', defaultVisitSettings.maxVisitMinutes),
    lockDay: number('visitLockDay', defaultVisitSettings.lockDay),
    isDerivationOn: settings.deriveVisits !== false,
    timeZone: typeof settings.timeZone === 'string' ? settings.timeZone : defaultVisitSettings.timeZone,
  };
}
