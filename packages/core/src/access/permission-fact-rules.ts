// When an individual grant or a team membership may run (docs/permissions.md "Changing
// permissions"): never starting in the past, and a membership never wholly outside the staff
// member's employment. Explain answers "why could X open at T?" from these facts; a grant or
// membership written today to start last week would rewrite that answer for a time already past.
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

/**
 * A new individual grant or team membership, or one whose start is moved, must not start in the
 * past: a grant not before now (less a minute's grace for the client's clock; a start the server
 * stamps is the start of the current minute), a membership not on a day before today (local).
 * An unchanged start is not judged again, so a grant or membership that began earlier can still be
 * shortened or ended. `before` is the row before the write (undefined on create).
 */
export function checkPermissionFactStart(
  resource: Resource,
  before: Row | undefined,
  after: Row,
  now: Date,
  timeZone = 'Europe/Stockholm',
): RuleViolation[] {
  if (resource !== 'access_grant' && resource !== 'team_membership') return [];
  const start = toMillis(after.validFrom);
  if (start === undefined || (before && toMillis(before.validFrom) === start)) return [];
  const isPast =
    resource === 'access_grant'
      ? start < now.getTime() - grantStartGraceMs
      : localDayOf(start, timeZone) < localDayOf(now.getTime(), timeZone);
  if (!isPast) return [];
  return [
    {
      field: 'validFrom',
      code: 'starts_in_the_past',
      message:
        resource === 'access_grant'
          ? 'A grant can start now at the earliest, not before: what has already applied stays as it was.'
          : 'A membership can start today at the earliest, not before: what has already applied stays as it was.',
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
