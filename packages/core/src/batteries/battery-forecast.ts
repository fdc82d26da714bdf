// When a lock's battery reaches the replacement threshold (R2.4, docs/batteries.md): a robust
// straight-line fit (Theil–Sen) over one reading per day since the battery was last changed.
// Every lock record carries the level, so a busy lock reports thousands of readings a month; the
// per-day median (computed in the database, or by summariseReadingsByDay here) keeps the cost
// to one point per day and already removes most single bad readings.

const dayMs = 86_400_000;
/** Average days in a month, for the rate per month shown to people. */
export const daysPerMonth = 30.44;
/** The municipality setting's default: change the battery at 20 % (R2.4). */
export const defaultBatteryThreshold = 20;

/** One reading as the lock reported it: when, and the level in per cent. */
export interface BatteryReading {
  at: number;
  level: number;
}

/** The readings of one UTC day: their median level at the day's median instant. */
export interface DailyBatteryLevel {
  /** Milliseconds since the epoch: the median instant of that day's readings. */
  at: number;
  level: number;
  readings: number;
}

export type ForecastConfidence = 'high' | 'medium' | 'low';

export type UnknownForecastReason =
  /** No reading since the latest battery change. */
  | 'no_readings'
  /** Fewer days with readings than a fit needs. */
  | 'too_few_readings'
  /** The readings span too few days to see a trend in ±3 % noise. */
  | 'too_short_span'
  /** The level does not fall (a fresh battery's plateau, or a lock that sits unused). */
  | 'not_discharging';

export interface BatteryLine {
  /** Level at `at` on the fitted line. */
  at: number;
  level: number;
  /** Change per day (negative while discharging). */
  slopePerDay: number;
}

export type BatteryForecast =
  | {
      isKnown: true;
      /** When the fitted line reaches the threshold (may already have passed). */
      dueAt: number;
      /** Percentage points lost per month. */
      ratePerMonth: number;
      confidence: ForecastConfidence;
      /** Days with readings used, and the days they span. */
      days: number;
      spanDays: number;
      /** Where the fit starts: the latest battery change, recorded or seen as a jump up. */
      since: number | null;
      line: BatteryLine;
    }
  | {
      isKnown: false;
      reason: UnknownForecastReason;
      days: number;
      spanDays: number;
      since: number | null;
    };

export interface ForecastOptions {
  /** Per cent at which the battery is to be changed; 20 by default. */
  threshold?: number;
  /** Battery changes on record (the battery_change table), any order. */
  changes?: readonly number[];
}

/** Fewest days with readings a fit is made from, and the shortest span. */
const minimumDays = 5;
const minimumSpanDays = 10;
/** A jump up this large that holds for the following days is a new battery. */
const changeJump = 15;
/** Days looked at on each side of a possible change; medians of these make one outlier harmless. */
const changeWindow = 5;
/** Readings older than this many days before the newest are not used: the recent slope matters. */
const fitWindowDays = 240;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The per-day medians of raw readings (what storage computes in SQL), oldest first. */
export function summariseReadingsByDay(readings: readonly BatteryReading[]): DailyBatteryLevel[] {
  const byDay = new Map<number, BatteryReading[]>();
  for (const reading of readings) {
    const day = Math.floor(reading.at / dayMs);
    const list = byDay.get(day);
    if (list) list.push(reading);
    else byDay.set(day, [reading]);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, list]) => ({
      at: median(list.map((reading) => reading.at)),
      level: median(list.map((reading) => reading.level)),
      readings: list.length,
    }));
}

/**
 * Where the newest battery began, from the levels alone: the latest day whose following days
 * stand clearly above the preceding ones (medians of a few days each side, so a single wild
 * reading is no change). Returns the index of the first day of the new battery, or 0.
 */
export function findLatestBatteryChange(days: readonly DailyBatteryLevel[]): number {
  const isChangeAt = (index: number): boolean => {
    const before = days.slice(Math.max(0, index - changeWindow), index).map((day) => day.level);
    const after = days.slice(index, index + changeWindow).map((day) => day.level);
    if (after.length < 3) return false;
    // With fewer days after than the window, all of them must be high: one wild reading is no change.
    const afterLevel = after.length < changeWindow ? Math.min(...after) : median(after);
    return afterLevel - median(before) >= changeJump;
  };
  for (let index = days.length - 1; index >= 1; index -= 1) {
    if (!isChangeAt(index)) continue;
    // The window sees the jump on a few consecutive days; the new battery starts at the day of
    // the largest single rise among them.
    let best = index;
    for (let earlier = index - 1; earlier >= 1 && isChangeAt(earlier); earlier -= 1)
      if (days[earlier]!.level - days[earlier - 1]!.level > days[best]!.level - days[best - 1]!.level)
        best = earlier;
    return best;
  }
  return 0;
}

/**
 * The Theil–Sen line through the points: the median of all pairwise slopes, and the median
 * intercept. Breaks down only when more than about 29 % of points are wild, where a least-squares
 * line is pulled by a single one. Pairs closer than a day apart are skipped (their slope is noise).
 */
export function fitTheilSenLine(points: readonly DailyBatteryLevel[]): {
  slopePerDay: number;
  at: number;
  level: number;
} {
  const slopes: number[] = [];
  // At most ~200 points take part (every k-th): a fit over 240 days costs ~20 000 pairs.
  const step = Math.max(1, Math.ceil(points.length / 200));
  const used = points.filter((_, index) => index % step === 0 || index === points.length - 1);
  for (let i = 0; i < used.length; i += 1)
    for (let j = i + 1; j < used.length; j += 1) {
      const days = (used[j]!.at - used[i]!.at) / dayMs;
      if (days >= 1) slopes.push((used[j]!.level - used[i]!.level) / days);
    }
  const slopePerDay = slopes.length > 0 ? median(slopes) : 0;
  // The line is anchored at the newest point's instant: what happens next is read from there.
  const at = points[points.length - 1]!.at;
  const level = median(points.map((point) => point.level - (slopePerDay * (point.at - at)) / dayMs));
  return { slopePerDay, at, level };
}

function judgeConfidence(days: number, spanDays: number): ForecastConfidence {
  if (days >= 30 && spanDays >= 45) return 'high';
  if (days >= 12 && spanDays >= 20) return 'medium';
  return 'low';
}

/**
 * Estimates when the battery reaches the threshold from the lock's daily levels (oldest first):
 * only the days after the latest change (recorded, or seen as a clear jump up) count, over at
 * most the last 240 days; the answer is "unknown" with a reason when those are too few, too
 * close together, or not falling.
 */
export function forecastBattery(
  days: readonly DailyBatteryLevel[],
  options: ForecastOptions = {},
): BatteryForecast {
  const threshold = options.threshold ?? defaultBatteryThreshold;
  const recorded = options.changes?.length ? Math.max(...options.changes) : null;
  const afterRecorded = recorded === null ? days : days.filter((day) => day.at >= recorded);
  const detectedIndex = findLatestBatteryChange(afterRecorded);
  const detected = detectedIndex > 0 ? afterRecorded[detectedIndex]!.at : null;
  const since = detected ?? recorded;
  const newest = afterRecorded.length > 0 ? afterRecorded[afterRecorded.length - 1]!.at : 0;
  const used = afterRecorded.slice(detectedIndex).filter((day) => day.at >= newest - fitWindowDays * dayMs);
  const spanDays = used.length > 0 ? Math.round((newest - used[0]!.at) / dayMs) : 0;
  const unknown = (reason: UnknownForecastReason): BatteryForecast => ({
    isKnown: false,
    reason,
    days: used.length,
    spanDays,
    since,
  });
  if (used.length === 0) return unknown('no_readings');
  if (used.length < minimumDays) return unknown('too_few_readings');
  if (spanDays < minimumSpanDays) return unknown('too_short_span');
  const line = fitTheilSenLine(used);
  // Less than half a point a month is no measurable discharge: the date would be years away.
  if (line.slopePerDay > -0.5 / daysPerMonth) return unknown('not_discharging');
  return {
    isKnown: true,
    dueAt: Math.round(line.at + ((threshold - line.level) / line.slopePerDay) * dayMs),
    ratePerMonth: Math.round(-line.slopePerDay * daysPerMonth * 10) / 10,
    confidence: judgeConfidence(used.length, spanDays),
    days: used.length,
    spanDays,
    since,
    line,
  };
}
