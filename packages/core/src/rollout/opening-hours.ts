// When a door can be opened without a lock of ours (R2.6), and which hours a service needs it
// open: both as local wall-clock windows, compared on one week of minutes so windows past
// midnight and from Sunday into Monday need no special case.
import { minutesPerDay, parseDailyWindow, type DailyWindow } from '../access';

const minutesPerWeek = 7 * minutesPerDay;

/** ISO weekdays, 1 = Monday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * A door's opening hours: the windows it can be opened in (each `days` given or every day, a
 * window whose end is before its start runs past midnight into the next day); null = any hour.
 */
export type OpeningHours = readonly DailyWindow[] | null;

/** A stretch of the week, e.g. Friday 22:00 to Saturday 06:00. */
export interface WeekSpan {
  /** The ISO weekdays the stretch starts on, each the same hours. */
  days: IsoWeekday[];
  from: string;
  /** Before or equal to `from`: the next day (or later, see `minutes`). "24:00" ends at midnight. */
  to: string;
  /** How long each stretch is. */
  minutes: number;
}

/** Minute-of-week marks (0 = Monday 00:00) covered by `windows`. */
export function markWeek(windows: readonly DailyWindow[]): Uint8Array {
  const week = new Uint8Array(minutesPerWeek);
  windows.forEach((window, index) => {
    const parsed = parseDailyWindow(window, `window ${index + 1}`);
    for (let day = 1; day <= 7; day += 1) {
      if ((parsed.dayMask & (1 << day)) === 0) continue;
      const start = (day - 1) * minutesPerDay + parsed.from;
      for (let minute = start; minute < start + parsed.end - parsed.from; minute += 1)
        week[minute % minutesPerWeek] = 1;
    }
  });
  return week;
}

/** Whether a door with `hours` can be opened at `minuteOfWeek` (0 = Monday 00:00, local). */
export function isOpenAt(hours: OpeningHours, minuteOfWeek: number): boolean {
  if (hours === null) return true;
  return markWeek(hours)[((minuteOfWeek % minutesPerWeek) + minutesPerWeek) % minutesPerWeek] === 1;
}

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * The stretches of the week that are marked in `needed` but not in `open`, grouped by hours so a
 * daily gap reads as one span over seven days. Empty when `open` covers every needed minute.
 */
export function findUncoveredSpans(needed: Uint8Array, open: Uint8Array): WeekSpan[] {
  const gap = (minute: number) =>
    needed[minute % minutesPerWeek] === 1 && open[minute % minutesPerWeek] !== 1;
  // Start scanning at a covered minute so no stretch is cut at the week's end.
  let anchor = 0;
  while (anchor < minutesPerWeek && gap(anchor)) anchor += 1;
  if (anchor === minutesPerWeek)
    return [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00', minutes: minutesPerDay }];
  const runs: Array<{ start: number; minutes: number }> = [];
  for (let offset = 1; offset <= minutesPerWeek; offset += 1) {
    const minute = (anchor + offset) % minutesPerWeek;
    if (!gap(minute)) continue;
    const last = runs.at(-1);
    if (last && (last.start + last.minutes) % minutesPerWeek === minute) last.minutes += 1;
    else runs.push({ start: minute, minutes: 1 });
  }
  const spans = new Map<string, WeekSpan>();
  for (const run of runs.sort((a, b) => a.start - b.start)) {
    const from = run.start % minutesPerDay;
    const end = (from + run.minutes) % minutesPerDay;
    const to = end === 0 ? '24:00' : clock(end);
    const key = `${from}-${run.minutes}`;
    const day = (Math.floor(run.start / minutesPerDay) + 1) as IsoWeekday;
    const span = spans.get(key);
    if (span) span.days.push(day);
    else spans.set(key, { days: [day], from: clock(from), to, minutes: run.minutes });
  }
  return [...spans.values()];
}
