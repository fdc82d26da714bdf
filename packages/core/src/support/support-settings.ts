// The municipality's support settings (R9.1, R9.2, R8.3; docs/support.md): support hours with
// Swedish public holidays, the emergency SLA, the key-out limit and the date round-the-clock
// support was established. Stored in municipality.settings; read here with their defaults.
import { parseClockTime } from '../access';
import { readWholeNumberSetting } from '../platform/whole-number-setting';
import { createSwedishHolidayCalendar, type HolidayCalendar } from '../visits';

/** Weekday support hours, local time: Monday–Friday `from`–`until`, closed on public holidays. */
export interface SupportHours {
  /** Minutes after local midnight, e.g. 480 for 08:00. */
  fromMinute: number;
  /** Exclusive, e.g. 1020 for 17:00; 1440 (24:00) keeps support open to midnight. */
  untilMinute: number;
  /** ISO weekdays with support, 1 = Monday … 7 = Sunday. */
  weekdays: readonly number[];
}

export interface SupportSettings {
  supportHours: SupportHours;
  /** Minutes from a locksmith's assignment to on site (R9.2: 60). */
  emergencySlaMinutes: number;
  /** How long a backup key may be out of its cabinet before it is flagged. */
  keyOutLimitMinutes: number;
  /** The day the municipality's round-the-clock support was established (R8.3), or null. */
  roundTheClockSupportSince: string | null;
}

export const defaultSupportHours: SupportHours = {
  fromMinute: 8 * 60,
  untilMinute: 17 * 60,
  weekdays: [1, 2, 3, 4, 5],
};
export const defaultEmergencySlaMinutes = 60;
export const defaultKeyOutLimitMinutes = 240;

/** Minutes after midnight of a stored "HH:MM" (00:00–24:00), or undefined for anything else. */
function parseMinute(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return parseClockTime(value);
  } catch {
    return undefined;
  }
}

/** Why support hours cannot be stored: the field, a stable code and what is wrong. */
export interface SupportHoursRefusal {
  code: 'support_hours_reversed';
  field: string;
  message: string;
}

/**
 * Refuses support hours that could never be open, before they are stored (a reader would fall
 * back to the default and the hours sent would be lost without a word): `until` must be after
 * `from` on the same day, 24:00 for midnight. The shape of each time is the schema's to check.
 */
export function judgeSupportHours(hours: { from: string; until: string }): SupportHoursRefusal | null {
  const from = parseMinute(hours.from);
  const until = parseMinute(hours.until);
  if (from === undefined || until === undefined || until > from) return null;
  return {
    code: 'support_hours_reversed',
    field: 'settings.supportHours.until',
    message: `Support must close after it opens: until (${hours.until}) is not after from (${hours.from}). Use 24:00 for midnight.`,
  };
}

/**
 * Reads the support settings from municipality.settings, falling back to the defaults for what is
 * missing or malformed. `supportHours` is stored as `{ "from": "08:00", "until": "17:00",
 * "weekdays": [1,2,3,4,5] }`.
 */
export function readSupportSettings(settings: Record<string, unknown>): SupportSettings {
  const stored = (settings.supportHours ?? {}) as Record<string, unknown>;
  const fromMinute = parseMinute(stored.from) ?? defaultSupportHours.fromMinute;
  const untilMinute = parseMinute(stored.until) ?? defaultSupportHours.untilMinute;
  const weekdays =
    Array.isArray(stored.weekdays) && stored.weekdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)
      ? (stored.weekdays as number[])
      : defaultSupportHours.weekdays;
  const since = settings.roundTheClockSupportSince;
  return {
    supportHours: untilMinute > fromMinute ? { fromMinute, untilMinute, weekdays } : defaultSupportHours,
    emergencySlaMinutes: readWholeNumberSetting(settings.emergencySlaMinutes, defaultEmergencySlaMinutes),
    keyOutLimitMinutes: readWholeNumberSetting(settings.keyOutLimitMinutes, defaultKeyOutLimitMinutes),
    roundTheClockSupportSince: typeof since === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(since) ? since : null,
  };
}

const calendars = new Map<string, HolidayCalendar>();
/** Public holidays only (röda dagar): support is open on the eves that fall on weekdays. */
function holidayCalendar(): HolidayCalendar {
  let calendar = calendars.get('public');
  if (!calendar) {
    calendar = createSwedishHolidayCalendar({ areEvesHolidays: false });
    calendars.set('public', calendar);
  }
  return calendar;
}

/** The local date parts of an instant in a time zone. */
function localParts(at: Date, timeZone: string): { epochDay: number; isoWeekday: number; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const epochDay = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / 86_400_000;
  const weekday = new Date(epochDay * 86_400_000).getUTCDay();
  return {
    epochDay,
    isoWeekday: weekday === 0 ? 7 : weekday,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/**
 * Whether the hours never close: every weekday from 00:00 to 24:00. A municipality that chose every
 * day all day means public holidays too, so such hours are open on them (docs/support.md).
 */
export function isRoundTheClockHours(hours: SupportHours): boolean {
  return (
    hours.fromMinute === 0 &&
    hours.untilMinute >= 24 * 60 &&
    [1, 2, 3, 4, 5, 6, 7].every((day) => hours.weekdays.includes(day))
  );
}

/**
 * Whether `at` is inside support hours: a listed weekday, not a Swedish public holiday, and
 * between `from` and `until` local time; hours of every day 00:00–24:00 always are. Outside them
 * only emergency opening can be raised (R9.1) unless round-the-clock support is established
 * (`isSupportOpen`, the rule callers use).
 */
export function isWithinSupportHours(hours: SupportHours, at: Date, timeZone = 'Europe/Stockholm'): boolean {
  if (isRoundTheClockHours(hours)) return true;
  const local = localParts(at, timeZone);
  if (!hours.weekdays.includes(local.isoWeekday)) return false;
  if (holidayCalendar().holidayOn(local.epochDay) !== undefined) return false;
  return local.minute >= hours.fromMinute && local.minute < hours.untilMinute;
}

/** The name of the public holiday `at` falls on, for the console's "closed today: …" line. */
export function supportHolidayOn(at: Date, timeZone = 'Europe/Stockholm'): string | undefined {
  return holidayCalendar().holidayOn(localParts(at, timeZone).epochDay);
}
