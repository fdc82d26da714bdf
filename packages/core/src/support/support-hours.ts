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

const weekdayNames = {
  sv: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** "måndag–fredag" for consecutive weekdays, "måndag, onsdag" otherwise. */
function describeWeekdays(weekdays: readonly number[], language: 'sv' | 'en'): string {
  const sorted = [...weekdays].sort((a, b) => a - b);
  const names = sorted.map((day) => weekdayNames[language][day - 1]!);
  const isRun =
    sorted.length > 2 && sorted.every((day, index) => index === 0 || day === sorted[index - 1]! + 1);
  return isRun ? `${names[0]}–${names.at(-1)}` : names.join(', ');
}

/**
 * Why a case cannot be raised now, for a person (R9.1): the hours, when support opens again,
 * and that only emergency opening can be asked for meanwhile. Swedish unless English is asked.
 */
export function describeSupportClosed(
  hours: SupportHours,
  status: SupportHoursStatus,
  language: 'sv' | 'en',
  timeZone = 'Europe/Stockholm',
): string {
  const span = `${formatMinuteOfDay(hours.fromMinute)}–${formatMinuteOfDay(hours.untilMinute)}`;
  const days = describeWeekdays(hours.weekdays, language);
  const opens =
    status.nextOpening &&
    new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    }).format(status.nextOpening);
  if (language === 'en')
    return [
      `Support is closed${status.holiday ? ` (public holiday: ${status.holiday})` : ''}. It is open ${days} ${span}, not on public holidays.`,
      opens ? `It opens again ${opens}.` : '',
      'Until then only an emergency opening can be requested.',
    ]
      .filter(Boolean)
      .join(' ');
  return [
    `Supporten är stängd${status.holiday ? ` (${status.holiday})` : ''}. Den har öppet ${days} ${span}, utom helgdagar.`,
    opens ? `Den öppnar igen ${opens}.` : '',
    'Till dess kan bara nödöppning begäras.',
  ]
    .filter(Boolean)
    .join(' ');
}
