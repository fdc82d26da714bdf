// Support hours as the console shows them (R9.1; docs/support.md "Support hours"): open now or
// not, today's public holiday, and when support opens next, so that outside the hours people
// learn when to call again and that only emergency opening can be asked for meanwhile.
import { createZoneClock, minutesPerDay } from '../access';
import { createSwedishHolidayCalendar } from '../visits';
import { isWithinSupportHours, supportHolidayOn, type SupportHours } from './support-settings';

const publicHolidays = createSwedishHolidayCalendar({ areEvesHolidays: false });
/** Far enough for any real setting (support closes at most a few days around Easter and Christmas). */
const daysAhead = 31;

export interface SupportHoursStatus {
  isOpen: boolean;
  /** The public holiday `at` falls on (Swedish name), if any. */
  holiday: string | null;
  /** The next instant support opens (after `at`), or null when no weekday is listed. */
  nextOpening: Date | null;
}

/** Whether support is open at `at`, today's holiday, and the next opening after `at`. */
export function readSupportHoursStatus(
  hours: SupportHours,
  at: Date,
  timeZone = 'Europe/Stockholm',
): SupportHoursStatus {
  const clock = createZoneClock(timeZone);
  const epochMinute = Math.floor(at.getTime() / 60_000);
  const today = Math.floor(clock.toLocal(epochMinute) / minutesPerDay);
  let nextOpening: Date | null = null;
  for (let day = today; day <= today + daysAhead && nextOpening === null; day += 1) {
    const weekday = new Date(day * 86_400_000).getUTCDay() || 7;
    if (!hours.weekdays.includes(weekday) || publicHolidays.holidayOn(day) !== undefined) continue;
    const opens = clock.fromLocal(day * minutesPerDay + hours.fromMinute) * 60_000;
    if (opens > at.getTime()) nextOpening = new Date(opens);
  }
  return {
    isOpen: isWithinSupportHours(hours, at, timeZone),
    holiday: supportHolidayOn(at, timeZone) ?? null,
    nextOpening,
  };
}

/** "08:00" for 480: the hours as people read them. */
export function formatMinuteOfDay(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
