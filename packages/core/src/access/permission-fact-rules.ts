// When an individual grant or a team membership may run (docs/permissions.md "Changing
// permissions"): never starting in the past, and a membership never wholly outside the staff
// member's employment. Explain answers "why could X open at T?" from these facts; a grant or
// membership written today to start last week would rewrite that answer for a time already past.
import { createZoneClock } from './time-windows';
import { localToday } from '../platform/local-day';
import type { Resource } from '../platform/policy';
import type { RuleViolation } from '../registry/index';

type Row = Record<string, unknown>;

/** How far before the server's clock a grant may start: the client's clock may be a little behind. */
export const grantStartGraceMs = 60_000;

/** The local day (YYYY-MM-DD) of an instant in `timeZone`. */
function localDayOf(instant: number, timeZone: string): string {
  return localToday(new Date(instant), timeZone);
}

function toMillis(value: unknown): number | undefined {
  const time = typeof value === 'string' ? Date.parse(value) : value instanceof Date ? value.getTime() : NaN;
  return Number.isNaN(time) ? undefined : time;
}

const datedPermissionFacts: readonly Resource[] = ['access_grant', 'team_membership'];

/**
 * The times of an individual grant or team membership keep what has already applied:
 * - a new one, or one whose start is moved, does not start in the past: a grant not before now
 *   (less a minute's grace for the client's clock; a start the server stamps is the start of the
 *   current minute), a membership not on a day before today (local);
 * - once it has begun, its start stays (moved later it would erase the time it applied);
 * - once it has ended, its end stays (moved later, or removed, it would grant a time already past).
 * An unchanged start is not judged again, so a grant or membership that began earlier can still be
 * shortened or ended. `before` is the row before the write (undefined on create).
 */
export function checkPermissionFactTimes(
  resource: Resource,
  before: Row | undefined,
  after: Row,
  now: Date,
  timeZone = 'Europe/Stockholm',
): RuleViolation[] {
  if (!datedPermissionFacts.includes(resource)) return [];
  const label = resource === 'access_grant' ? 'grant' : 'membership';
  const violations: RuleViolation[] = [];
  const start = toMillis(after.validFrom);
  const startBefore = before ? toMillis(before.validFrom) : undefined;
  if (start !== undefined && start !== startBefore) {
    const isPast =
      resource === 'access_grant'
        ? start < now.getTime() - grantStartGraceMs
        : localDayOf(start, timeZone) < localDayOf(now.getTime(), timeZone);
    if (startBefore !== undefined && startBefore <= now.getTime())
      violations.push({
        field: 'validFrom',
        code: 'already_started',
        message: `The ${label} has already begun, so its start stays as it was; end it instead.`,
      });
    else if (isPast)
      violations.push({
        field: 'validFrom',
        code: 'starts_in_the_past',
        message: `A ${label} can start ${resource === 'access_grant' ? 'now' : 'today'} at the earliest, not before: what has already applied stays as it was.`,
      });
  }
  const endBefore = before ? toMillis(before.validUntil) : undefined;
  if (endBefore !== undefined && endBefore <= now.getTime() && toMillis(after.validUntil) !== endBefore)
    violations.push({
      field: 'validUntil',
      code: 'already_ended',
      message: `The ${label} has already ended, so its end stays as it was; add a new one instead.`,
    });
  return violations;
}

/**
 * Whether an individual grant or team membership may be deleted: only before it begins (withdrawn
 * unused). One that has begun is ended instead, so "who could open at T?" keeps its answer.
 */
export function checkPermissionFactRemoval(resource: Resource, before: Row, now: Date): RuleViolation[] {
  if (!datedPermissionFacts.includes(resource)) return [];
  const start = toMillis(before.validFrom);
  if (start === undefined || start > now.getTime()) return [];
  return [
    {
      field: 'validFrom',
      code: 'already_started',
      message: `The ${resource === 'access_grant' ? 'grant' : 'membership'} has already begun and stays on record; end it instead.`,
    },
  ];
}

/**
 * A team membership must share at least a day with the staff member's employment
 * (`employmentStartsOn`, `employmentEndsOn`: local days, the end inclusive): one that ends before
 * the employment starts or starts after it has ended gives nothing and only confuses the record.
 * A membership may begin before a new hire's first day (added to the team in advance).
 */
export function checkMembershipWithinEmployment(
  membership: Row,
  staff: Row | undefined,
  timeZone = 'Europe/Stockholm',
): RuleViolation[] {
  if (!staff) return [];
  const start = toMillis(membership.validFrom);
  const until = toMillis(membership.validUntil);
  const startsOn = typeof staff.employmentStartsOn === 'string' ? staff.employmentStartsOn : undefined;
  const endsOn = typeof staff.employmentEndsOn === 'string' ? staff.employmentEndsOn : undefined;
  // The membership's last local day: its end is exclusive.
  if (startsOn && until !== undefined && localDayOf(until - 1, timeZone) < startsOn) {
    return [
      {
        field: 'validUntil',
        code: 'outside_employment',
        message: `The membership ends before the staff member's employment starts (${startsOn}).`,
      },
    ];
  }
  if (endsOn && start !== undefined && localDayOf(start, timeZone) > endsOn) {
    return [
      {
        field: 'validFrom',
        code: 'outside_employment',
        message: `The membership starts after the staff member's employment ended (${endsOn}).`,
      },
    ];
  }
  return [];
}

/**
 * The instant an employment whose last day is `endsOn` (a local day, inclusive) ends: the midnight
 * that ends that day. What `checkGrantWithinEmployment` lets a grant reach, and where a grant that
 * ran past a new, earlier end is cut (server `endGrantsWithEmployment`).
 */
export function findEmploymentEnd(endsOn: string, timeZone = 'Europe/Stockholm'): Date {
  const [year, month, day] = endsOn.split('-').map(Number) as [number, number, number];
  return new Date(createZoneClock(timeZone).fromLocal(Date.UTC(year, month - 1, day + 1) / 60_000) * 60_000);
}

/**
 * An individual grant lies within the staff member's employment (`employmentEndsOn`: a local day,
 * inclusive): it may not start after the last day, nor reach past it. A grant ending at any time
 * of the last day, or at the midnight that ends it, is within (its end is exclusive). Unlike a
 * membership it is short and personal, so a grant outlasting the employment would only show as
 * current an access nobody may use.
 */
export function checkGrantWithinEmployment(
  grant: Row,
  staff: Row | undefined,
  timeZone = 'Europe/Stockholm',
): RuleViolation[] {
  const endsOn = typeof staff?.employmentEndsOn === 'string' ? staff.employmentEndsOn : undefined;
  if (!endsOn) return [];
  const start = toMillis(grant.validFrom);
  const until = toMillis(grant.validUntil);
  if (start !== undefined && localDayOf(start, timeZone) > endsOn)
    return [
      {
        field: 'validFrom',
        code: 'outside_employment',
        message: `The grant starts after the staff member's employment ends (last day ${endsOn}).`,
      },
    ];
  if (until !== undefined && localDayOf(until - 1, timeZone) > endsOn)
    return [
      {
        field: 'validUntil',
        code: 'outside_employment',
        message: `The grant reaches past the staff member's employment (last day ${endsOn}); let it end that day at the latest.`,
      },
    ];
  return [];
}
