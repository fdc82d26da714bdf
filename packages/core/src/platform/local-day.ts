// The one place a local calendar day is read off an instant: registry, access, rollout and
// exports all judge "today" and "that day" in the municipality's zone the same way.

/** The day (YYYY-MM-DD) that `now` falls on in `timeZone` (the municipality's zone, Sweden's by default). */
export function localToday(now = new Date(), timeZone = 'Europe/Stockholm'): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
