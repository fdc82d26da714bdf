// Support hours as the console shows them (R9.1; docs/support.md "Support hours"): open now or
// not, round the clock or not, today's public holiday, and when support opens next, so that
// outside the hours people learn when to call again and that only emergency opening can be asked
// for meanwhile. `isSupportOpen` is the one rule of whether a case may be raised at an instant.
import { createZoneClock, formatEpochDay, localDayOf, minutesPerDay, type ZoneClock } from '../access';
import { createSwedishHolidayCalendar } from '../visits';
import {
  isRoundTheClockHours,
  isWithinSupportHours,
  supportHolidayOn,
  type SupportHours,
  type SupportSettings,
} from './support-settings';

const publicHolidays = createSwedishHolidayCalendar({ areEvesHolidays: false });
/** Far enough for any real setting (support closes at most a few days around Easter and Christmas). */
const daysAhead = 31;

/** The settings that decide whether support is open: the hours and round-the-clock support (R9.1, R8.3). */
export type SupportOpening = Pick<SupportSettings, 'supportHours' | 'roundTheClockSupportSince'>;

export interface SupportHoursStatus {
  isOpen: boolean;
  /** Support never closes: round-the-clock support is established, or the hours are every day 00:00–24:00. */
  isRoundTheClock: boolean;
  /** The public holiday `at` falls on (Swedish name), if any. */
  holiday: string | null;
  /**
   * The next instant support opens (after `at`), or null when it is round the clock or no weekday
   * is listed.
   */
  nextOpening: Date | null;
}

/** The local day (epoch day) `at` falls on in `timeZone`. */
function localDayAt(at: Date, timeZone: string): number {
  return localDayOf(createZoneClock(timeZone), Math.floor(at.getTime() / 60_000));
}

/**
 * Whether support never closes on `at`'s local day: round-the-clock support was established on or
 * before that day (R8.3), whatever the hours say, or the hours are every day 00:00–24:00.
 */
export function isRoundTheClockSupport(
  support: SupportOpening,
  at: Date,
  timeZone = 'Europe/Stockholm',
): boolean {
  const since = support.roundTheClockSupportSince;
  if (since !== null && since <= formatEpochDay(localDayAt(at, timeZone))) return true;
  return isRoundTheClockHours(support.supportHours);
}

/**
 * Whether support is open at `at`, so that a case may be raised (R9.1): round the clock once
 * established, otherwise within the hours. Every place that decides this uses this rule.
 */
export function isSupportOpen(support: SupportOpening, at: Date, timeZone = 'Europe/Stockholm'): boolean {
  return (
    isRoundTheClockSupport(support, at, timeZone) || isWithinSupportHours(support.supportHours, at, timeZone)
  );
}

/**
 * The next instant after `at` support opens: a listed weekday's `from` that is no public holiday,
 * or the local midnight round-the-clock support starts, whichever comes first.
 */
function findNextOpening(support: SupportOpening, at: Date, clock: ZoneClock): Date | null {
  const { supportHours: hours, roundTheClockSupportSince: since } = support;
  const today = localDayOf(clock, Math.floor(at.getTime() / 60_000));
  for (let day = today; day <= today + daysAhead; day += 1) {
    const isEstablished = since !== null && since <= formatEpochDay(day);
    const weekday = new Date(day * 86_400_000).getUTCDay() || 7;
    if (!isEstablished && (!hours.weekdays.includes(weekday) || publicHolidays.holidayOn(day) !== undefined))
      continue;
    const opens = clock.fromLocal(day * minutesPerDay + (isEstablished ? 0 : hours.fromMinute)) * 60_000;
    if (opens > at.getTime()) return new Date(opens);
  }
  return null;
}

/** Whether support is open at `at`, round the clock or not, today's holiday, and the next opening. */
export function readSupportHoursStatus(
  support: SupportOpening,
  at: Date,
  timeZone = 'Europe/Stockholm',
): SupportHoursStatus {
  const isRoundTheClock = isRoundTheClockSupport(support, at, timeZone);
  return {
    isOpen: isSupportOpen(support, at, timeZone),
    isRoundTheClock,
    holiday: supportHolidayOn(at, timeZone) ?? null,
    nextOpening: isRoundTheClock ? null : findNextOpening(support, at, createZoneClock(timeZone)),
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
