/**
 * The days over which a provider must serve a customer (a `customer_service` of the provider that
 * overlaps them) for the customer to be inside the provider's scope. One rule for the registry
 * and for reports, so a customer is never readable in one place and hidden in another:
 * - the registry asks about today onwards (`fromDay` null = today in the database, `toDay`
 *   null = open-ended): current customers and those whose service has been agreed but not
 *   started, never former ones;
 * - a report (the visit list) asks about its own period: a former customer stays visible for
 *   the days the provider served them, and only for those.
 * Days are ISO dates (YYYY-MM-DD) in the municipality's zone.
 */
export interface ServicePeriod {
  fromDay: string | null;
  toDay: string | null;
}

/** The registry's rule: served today or later. */
export const servedFromToday: ServicePeriod = { fromDay: null, toDay: null };

/**
 * The service period matching a report's half-open time range [from, to): the local days from
 * the day of `from` to the day of the last instant before `to`.
 */
export function servicePeriodOf(
  range: { from: Date; to: Date },
  timeZone = 'Europe/Stockholm',
): ServicePeriod {
  const day = (at: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      at,
    );
  return {
    fromDay: day(range.from),
    toDay: day(new Date(Math.max(range.from.getTime(), range.to.getTime() - 1))),
  };
}

/**
 * The service period of a query whose bounds are both optional (the event log): the days of
 * [from, to) as servicePeriodOf; without `from` the registry's "today on" (so asking without a
 * period never reaches further than GET /customers/{id}), without `to` open-ended.
 */
export function servicePeriodOfQuery(
  range: { from?: Date | undefined; to?: Date | undefined },
  timeZone = 'Europe/Stockholm',
): ServicePeriod {
  if (!range.from) {
    if (!range.to) return servedFromToday;
    const last = new Date(range.to.getTime() - 1);
    return { fromDay: null, toDay: servicePeriodOf({ from: last, to: range.to }, timeZone).toDay };
  }
  if (!range.to)
    return { fromDay: servicePeriodOf({ from: range.from, to: range.from }, timeZone).fromDay, toDay: null };
  return servicePeriodOf({ from: range.from, to: range.to }, timeZone);
}
