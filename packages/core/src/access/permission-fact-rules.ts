// When a team membership may run (docs/permissions.md "Changing permissions"): never wholly
// outside the staff member's employment, where it gives nothing and only confuses the record.
import type { RuleViolation } from '../registry/index';

type Row = Record<string, unknown>;

/** The local day (YYYY-MM-DD) of an instant in `timeZone`. */
function localDayOf(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

function toMillis(value: unknown): number | undefined {
  const time = typeof value === 'string' ? Date.parse(value) : value instanceof Date ? value.getTime() : NaN;
  return Number.isNaN(time) ? undefined : time;
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
