// When an employment or a customer's service may end (docs/permissions.md "Changing
// permissions"): both are kept in local days, the last day included. Like a grant's or a
// membership's times (access/permission-fact-rules.ts), an end written today never reaches back:
// a staff member's employment decides which keys and permissions applied, a service which
// provider served the customer and may read their event log for that time; so a service whose
// first day has passed is ended, never deleted.
import type { Resource } from '../platform/policy';
import type { RuleViolation } from './registry-rules';

type Row = Record<string, unknown>;

/** The resources that end on a local day, with the field holding their last day and its word. */
const dayEnds: Partial<Record<Resource, { field: string; label: string }>> = {
  staff_member: { field: 'employmentEndsOn', label: 'employment' },
  customer_service: { field: 'endsOn', label: 'service' },
};

/**
 * The end of an employment or a service, as a person writes it, on `today` (YYYY-MM-DD, local):
 * - an end that has passed (its last day before today) stays: moved or removed it would rewrite
 *   who could open and who served for days already gone (`already_ended`; add a new one instead);
 * - a new or moved end is today at the earliest (`ends_in_the_past`): the last day is still
 *   served, so ending today takes effect when today is over.
 * An unchanged end is not judged again, nor a new record's (`before` undefined): recording an
 * employment or service that is over says nothing new about the days it covers, as its start,
 * which may lie in the past, already does. Care-system imports do not come here: they bring the
 * history the care system already holds.
 */
export function checkDayEndTimes(
  resource: Resource,
  before: Row | undefined,
  after: Row,
  today: string,
): RuleViolation[] {
  const end = dayEnds[resource];
  if (!end || !before) return [];
  const endBefore = before[end.field];
  const endAfter = after[end.field] ?? null;
  if (typeof endBefore === 'string' && endBefore < today && endAfter !== endBefore)
    return [
      {
        field: end.field,
        code: 'already_ended',
        message: `The ${end.label} ended on ${endBefore}, so its end stays as it was; add a new ${end.label} instead.`,
      },
    ];
  if (typeof endAfter === 'string' && endAfter !== endBefore && endAfter < today)
    return [
      {
        field: end.field,
        code: 'ends_in_the_past',
        message: `The ${end.label} can end today at the earliest (${today}), not on a day already past.`,
      },
    ];
  return [];
}

/**
 * Whether a customer's service may be deleted on `today` (YYYY-MM-DD, local): only before its first
 * day has passed. One that has served a day, ended or not, is the record of which provider served
 * the customer, could read their event log and whose staff could open for those days, so it is
 * ended instead (`already_started`, as a grant or membership that has begun). One starting today
 * or later may still be deleted: a mistake made today is undone, not left as a day's service.
 */
export function checkServiceRemoval(resource: Resource, before: Row, today: string): RuleViolation[] {
  if (resource !== 'customer_service') return [];
  const startsOn = before.startsOn;
  if (typeof startsOn !== 'string' || startsOn >= today) return [];
  return [
    {
      field: 'startsOn',
      code: 'already_started',
      message: `The customer's ${String(before.service)} service began on ${startsOn} and stays on record of who served them; end it instead.`,
    },
  ];
}
