// The years a date or instant the API takes may lie in. A date outside them is a typing mistake
// (0001-01-01 for 2001-01-01, 20266 for 2026), never a home-care fact: employments, services,
// grants and reports all lie well within. Refusing it at the edge keeps it out of the day
// arithmetic the permission compiler, rollout and reports do on stored dates.
export const earliestYear = 1900;
export const latestYear = 2999;

/** How a refusal says the range. */
export const calendarRangeRule = `between ${earliestYear}-01-01 and ${latestYear}-12-31`;

/** Whether an ISO date or instant ("YYYY-…", four-digit year first) lies in the accepted years. */
export function isInCalendarRange(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= earliestYear && year <= latestYear;
}
