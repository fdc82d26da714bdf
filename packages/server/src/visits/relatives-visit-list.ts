// The relatives' visit list (R5.1, issue #11 item 7; docs/visits.md "Relatives' visit list"): the
// customer's stored visits in whole local days, so the list agrees with billing, with staff named
// as the municipality decides (core's rules) and the period stated with both ends included.
import {
  countRelativesVisitMinutes,
  createZoneClock,
  readRelativesStaffNaming,
  readVisitSettings,
  resolveListDays,
  servicePeriodOf,
  showStaffToRelatives,
  type RelativesStaffShown,
  type RelativesStaffNaming,
  type Scope,
  type RelativesVisitState,
} from '@portvakt/core';
import { findRelativesListCustomer, listRelativesVisits, type Queryable } from '@portvakt/storage';
import { ApiError } from '../platform/errors';
import { readQueryPeriod } from '../platform/query-period';

export interface RelativesVisit {
  /** Local date and times (the municipality's time zone). */
  date: string;
  arrival: string;
  /** Null without a departure (the Swedish files say "okänd"). */
  departure: string | null;
  minutes: number | null;
  /** What relatives may know of each member of staff; words come from the reader's client. */
  staff: RelativesStaffShown[];
  provider: string;
  state: RelativesVisitState;
}

export interface RelativesVisitList {
  customerName: string;
  firstDay: string;
  lastDay: string;
  from: Date;
  to: Date;
  staffNaming: RelativesStaffNaming;
  totalMinutes: number;
  visits: RelativesVisit[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * The list, or undefined when `scope` may not see the customer during the period (the same as an
 * unknown id). A provider gets only its own visits. `400 invalid_range` for a period that ends
 * before it starts (two instants: `to` not after `from`) or is longer than a year.
 */
export async function buildRelativesVisitList(
  db: Queryable,
  scope: Scope,
  customerId: string,
  period: { from?: string | undefined; to?: string | undefined },
  options: { now: Date; settings: Record<string, unknown> },
): Promise<RelativesVisitList | undefined> {
  // Two instants are refused out of order as on every other list (400 invalid_range), before
  // they widen to whole days: 20:00 to 10:00 on one day would otherwise pass as that day.
  if (period.from && period.to && !isDay(period.from) && !isDay(period.to)) readQueryPeriod(period);
  const clock = createZoneClock(readVisitSettings(options.settings).timeZone);
  const days = resolveListDays(period, options.now.getTime(), clock);
  if (!days)
    throw new ApiError(
      400,
      'invalid_range',
      'The period must end on or after its first day and be at most a year long.',
    );
  const range = { from: new Date(days.from), to: new Date(days.to) };
  const customer = await findRelativesListCustomer(
    db,
    scope,
    customerId,
    servicePeriodOf(range, clock.timeZone),
  );
  if (!customer) return undefined;
  const rows = await listRelativesVisits(db, scope, customerId, range.from, range.to);
  const naming = readRelativesStaffNaming(options.settings);
  const local = (at: Date) => new Date(clock.toLocal(Math.floor(at.getTime() / 60_000)) * 60_000);
  const time = (at: Date) => `${pad(local(at).getUTCHours())}:${pad(local(at).getUTCMinutes())}`;
  const visits = rows.map((row): RelativesVisit => {
    const minutes = countRelativesVisitMinutes({
      state: row.state,
      arrival: row.arrival.getTime(),
      departure: row.departure?.getTime() ?? null,
    });
    return {
      date: local(row.arrival).toISOString().slice(0, 10),
      arrival: time(row.arrival),
      departure: row.departure ? time(row.departure) : null,
      minutes,
      staff: row.staff.map((person) => showStaffToRelatives(naming, person)),
      provider: row.providerName,
      state: row.state,
    };
  });
  return {
    customerName: customer.name,
    firstDay: days.firstDay,
    lastDay: days.lastDay,
    ...range,
    staffNaming: naming,
    totalMinutes: visits.reduce((sum, visit) => sum + (visit.minutes ?? 0), 0),
    visits,
  };
}
