// Municipality-local time, daily service windows and interval arithmetic for the permission
// compiler. Pure: the only "clock" is Intl.DateTimeFormat, used to learn a zone's UTC offsets
// (no I/O, available in Node and browsers). Everything here works in whole minutes: instants are
// *epoch minutes* (minutes since 1970-01-01T00:00Z), local wall-clock times are *local minutes*
// (the same count on a clock that shows local time), local dates are *epoch days*.
import type { WeeklyWindow } from '@portvakt/protocol';
import { minutesPerWeek } from '@portvakt/protocol';

export const minutesPerDay = 24 * 60;
const msPerMinute = 60_000;
const msPerDay = 86_400_000;

/** Converts between instants and local wall-clock time in one IANA time zone. */
export interface ZoneClock {
  readonly timeZone: string;
  /** UTC offset in minutes (local − UTC) in force at `epochMinute`. */
  offsetAt(epochMinute: number): number;
  /** The local wall-clock minute at `epochMinute`. */
  toLocal(epochMinute: number): number;
  /**
   * The instant at which the local clock shows `localMinute`. Like Temporal's "compatible"
   * disambiguation: a time that occurs twice (autumn) maps to the earlier instant; a time that
   * does not exist (spring gap) is shifted forward by the gap (02:30 → 03:30 CEST).
   */
  fromLocal(localMinute: number): number;
}

/** The local day (days since the epoch, by the clock's wall time) that `epochMinute` falls on. */
export function localDayOf(clock: ZoneClock, epochMinute: number): number {
  return Math.floor(clock.toLocal(epochMinute) / minutesPerDay);
}
/**
 * Creates a clock for `timeZone` (e.g. "Europe/Stockholm"). Throws RangeError for an unknown
 * zone. Offsets are learnt per UTC day with two Intl calls and cached; must hold: the zone changes
 * its offset at most once per UTC day (true for every zone in use since 1970 but a handful of
 * historical oddities).
 */
export function createZoneClock(timeZone: string): ZoneClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const exactOffset = (epochMinute: number): number => {
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    for (const part of format.formatToParts(new Date(epochMinute * msPerMinute))) {
      if (part.type === 'year') year = Number(part.value);
      else if (part.type === 'month') month = Number(part.value);
      else if (part.type === 'day') day = Number(part.value);
      else if (part.type === 'hour') hour = Number(part.value);
      else if (part.type === 'minute') minute = Number(part.value);
    }
    return Date.UTC(year, month - 1, day, hour, minute) / msPerMinute - epochMinute;
  };
  // Per UTC day: either a constant offset, or [transition minute, offset before, offset after].
  const days = new Map<number, number | [number, number, number]>();
  const dayEntry = (utcDay: number): number | [number, number, number] => {
    const start = utcDay * minutesPerDay;
    const before = exactOffset(start);
    const after = exactOffset(start + minutesPerDay);
    if (before === after) return before;
    // Binary search for the first minute with the new offset.
    let low = start;
    let high = start + minutesPerDay;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (exactOffset(mid) === before) low = mid;
      else high = mid;
    }
    return [high, before, after];
  };
  const offsetAt = (epochMinute: number): number => {
    const utcDay = Math.floor(epochMinute / minutesPerDay);
    let entry = days.get(utcDay);
    if (entry === undefined) {
      entry = dayEntry(utcDay);
      days.set(utcDay, entry);
    }
    if (typeof entry === 'number') return entry;
    return epochMinute < entry[0] ? entry[1] : entry[2];
  };
  return {
    timeZone,
    offsetAt,
    toLocal: (epochMinute) => epochMinute + offsetAt(epochMinute),
    fromLocal: (localMinute) => {
      const before = offsetAt(localMinute - minutesPerDay);
      const after = offsetAt(localMinute + minutesPerDay);
      if (before === after) return localMinute - before;
      const early = localMinute - before;
      const late = localMinute - after;
      const isEarlyValid = offsetAt(early) === before;
      const isLateValid = offsetAt(late) === after;
      if (isEarlyValid && isLateValid) return Math.min(early, late);
      if (isEarlyValid) return early;
      if (isLateValid) return late;
      return localMinute - before; // in the gap: shift forward
    },
  };
}

/** Epoch day of an ISO date "YYYY-MM-DD"; throws RangeError for anything else or an impossible date. */
export function parseIsoDate(value: string, what = 'date'): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`${what}: expected YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`${what}: ${value} is not a calendar date`);
  }
  return epochDayOf(year, month, day);
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by arithmetic (H. Hinnant's days_from_civil):
 * no Date object per call on the compiler's hot path, and every year read as itself (Date.UTC
 * reads 0–99 as 1900–1999).
 */
function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** ISO date "YYYY-MM-DD" of an epoch day. */
export function formatEpochDay(epochDay: number): string {
  return new Date(epochDay * msPerDay).toISOString().slice(0, 10);
}

/** ISO weekday (Monday = 1 … Sunday = 7) of an epoch day; 1970-01-01 was a Thursday. */
export function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** Minutes after midnight of "HH:MM" (00:00–24:00); throws RangeError otherwise. */
export function parseClockTime(value: string, what = 'time'): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!(minutes <= minutesPerDay))
    throw new RangeError(`${what}: expected HH:MM, got ${JSON.stringify(value)}`);
  return minutes;
}

/** "HH:MM" for minutes after midnight (1440 → "24:00"). */
export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "YYYY-MM-DD HH:MM" local time of an instant (epoch minute). */
export function formatLocalMinute(clock: ZoneClock, epochMinute: number): string {
  const local = clock.toLocal(epochMinute);
  const day = Math.floor(local / minutesPerDay);
  return `${formatEpochDay(day)} ${formatClockTime(local - day * minutesPerDay)}`;
}

/**
 * A daily window as configured, e.g. { from: '22:00', to: '07:00' } for a night patrol. `to` at
 * or before `from` means the window runs past midnight into the next day; '00:00'–'24:00' is the
 * whole day. `days` (ISO weekdays, Monday = 1) restricts the days the window *starts* on.
 */
export interface DailyWindow {
  from: string;
  to: string;
  days?: readonly number[];
}

/** A parsed daily window: an occurrence anchored on local day d runs [d·1440+from, d·1440+end). */
export interface ParsedDailyWindow {
  from: number;
  /** Minutes after the anchor day's midnight; > 1440 when the window crosses midnight. */
  end: number;
  /** Bit n set = may start on ISO weekday n. */
  dayMask: number;
  /** Human form, e.g. "22:00–07:00" or "07:00–16:00 Mon–Fri". */
  label: string;
}

const allDays = 0b11111110;
const weekdayNames = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** " Mon–Fri, Sun" for a day mask (empty for every day), in the given weekday names (index 1–7). */
export function describeDays(mask: number, names: readonly string[] = weekdayNames): string {
  if (mask === allDays) return '';
  const runs: string[] = [];
  for (let day = 1; day <= 7; day++) {
    if (!(mask & (1 << day))) continue;
    let last = day;
    while (last < 7 && mask & (1 << (last + 1))) last++;
    runs.push(last === day ? names[day]! : `${names[day]}–${names[last]}`);
    day = last;
  }
  return ` ${runs.join(', ')}`;
}

/** Parses a daily window; throws RangeError for bad times, equal from/to, or bad weekdays. */
export function parseDailyWindow(window: DailyWindow, what = 'window'): ParsedDailyWindow {
  const from = parseClockTime(window.from, `${what}.from`);
  const to = parseClockTime(window.to, `${what}.to`);
  if (from === minutesPerDay) throw new RangeError(`${what}.from: a window cannot start at 24:00`);
  if (from === to) throw new RangeError(`${what}: from and to are equal; use 00:00–24:00 for a whole day`);
  let dayMask = allDays;
  if (window.days) {
    dayMask = 0;
    for (const day of window.days) {
      if (!Number.isInteger(day) || day < 1 || day > 7)
        throw new RangeError(`${what}.days: ISO weekdays 1–7`);
      dayMask |= 1 << day;
    }
    if (dayMask === 0) throw new RangeError(`${what}.days: at least one day`);
  }
  const end = to > from ? to : to + minutesPerDay;
  const label = `${formatClockTime(from)}–${formatClockTime(to)}${describeDays(dayMask)}`;
  return { from, end, dayMask, label };
}

/** The window used when a provider has none configured for a service: around the clock. */
export const wholeDayWindow: ParsedDailyWindow = {
  from: 0,
  end: minutesPerDay,
  dayMask: allDays,
  label: '00:00–24:00',
};

/**
 * Start and end instants (epoch minutes) of `window`'s occurrence anchored on local day `epochDay`,
 * or undefined when the window does not start on that weekday. Must hold: compile uses this and
 * single checks use isInOccurrence, which computes the same bounds, so they agree at DST edges.
 */
export function windowOccurrence(
  clock: ZoneClock,
  window: ParsedDailyWindow,
  epochDay: number,
): [number, number] | undefined {
  if (!(window.dayMask & (1 << isoWeekday(epochDay)))) return undefined;
  const midnight = epochDay * minutesPerDay;
  return [clock.fromLocal(midnight + window.from), clock.fromLocal(midnight + window.end)];
}

/** Whether `epochMinute` lies in the occurrence anchored on `epochDay`; windowOccurrence without allocating. */
export function isInOccurrence(
  clock: ZoneClock,
  window: ParsedDailyWindow,
  epochDay: number,
  epochMinute: number,
): boolean {
  if (!(window.dayMask & (1 << isoWeekday(epochDay)))) return false;
  const midnight = epochDay * minutesPerDay;
  return (
    clock.fromLocal(midnight + window.from) <= epochMinute &&
    epochMinute < clock.fromLocal(midnight + window.end)
  );
}

// ---- Interval sets: flat arrays [start0, end0, start1, end1, …] of half-open [start, end). ----

/** Sorts and merges overlapping or touching intervals; returns a new normalised set. */
export function mergeIntervals(flat: readonly number[]): number[] {
  if (flat.length <= 2) return flat.length === 2 && flat[0]! < flat[1]! ? [flat[0]!, flat[1]!] : [];
  const order: number[] = [];
  for (let i = 0; i < flat.length; i += 2) if (flat[i]! < flat[i + 1]!) order.push(i);
  order.sort((a, b) => flat[a]! - flat[b]!);
  const out: number[] = [];
  for (const i of order) {
    const start = flat[i]!;
    const end = flat[i + 1]!;
    const n = out.length;
    if (n > 0 && start <= out[n - 1]!) {
      if (end > out[n - 1]!) out[n - 1] = end;
    } else out.push(start, end);
  }
  return out;
}

/** Intersection of two normalised interval sets (sorted, disjoint); the result is normalised. */
export function intersectIntervals(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!, b[j]!);
    const end = Math.min(a[i + 1]!, b[j + 1]!);
    if (start < end) out.push(start, end);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

/** Intersection of a normalised set with one interval [start, end). */
export function clipIntervals(a: readonly number[], start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i += 2) {
    const s = Math.max(a[i]!, start);
    const e = Math.min(a[i + 1]!, end);
    if (s < e) out.push(s, e);
  }
  return out;
}

/** Minute of the week as the protocol counts it (Monday 00:00 UTC = 0) for an epoch minute. */
export function weekMinute(epochMinute: number): number {
  return (((epochMinute + 3 * minutesPerDay) % minutesPerWeek) + minutesPerWeek) % minutesPerWeek;
}

/**
 * Expresses a normalised interval set as protocol weekly windows (UTC minutes of the week,
 * ascending, disjoint, non-touching). Must hold: the set spans less than a week, so every minute
 * of the week stands for exactly one instant of the span and a lock checking the windows during
 * the ticket's validity sees exactly the set. At most `maxWindows` windows are produced: later
 * intervals are dropped (never widened) and `coveredUntil` says where the kept part ends.
 */
export function toWeeklyWindows(
  intervals: readonly number[],
  maxWindows: number,
): { windows: WeeklyWindow[]; coveredUntil: number; isTruncated: boolean } {
  if (intervals.length > 0 && intervals[intervals.length - 1]! - intervals[0]! >= minutesPerWeek) {
    throw new RangeError('intervals span a week or more; weekly windows would be ambiguous');
  }
  const windows: WeeklyWindow[] = [];
  let coveredUntil = intervals.length > 0 ? intervals[0]! : 0;
  let isTruncated = false;
  for (let i = 0; i < intervals.length; i += 2) {
    const start = weekMinute(intervals[i]!);
    const length = intervals[i + 1]! - intervals[i]!;
    const pieces: WeeklyWindow[] =
      start + length <= minutesPerWeek
        ? [{ start, end: start + length }]
        : [
            { start, end: minutesPerWeek },
            { start: 0, end: start + length - minutesPerWeek },
          ];
    if (windows.length + pieces.length > maxWindows) {
      isTruncated = true;
      break;
    }
    windows.push(...pieces);
    coveredUntil = intervals[i + 1]!;
  }
  windows.sort((a, b) => a.start - b.start);
  const merged: WeeklyWindow[] = [];
  for (const window of windows) {
    const last = merged[merged.length - 1];
    if (last && window.start <= last.end) last.end = Math.max(last.end, window.end);
    else merged.push({ ...window });
  }
  return { windows: merged, coveredUntil, isTruncated };
}
