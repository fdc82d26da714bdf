// Generated discharge curves for the forecast's tests and docs: seeded, never Math.random or the
// wall clock. Each lock's battery falls in a straight line from 95–100 % to empty over 4–18 months;
// readings come at irregular times (0–8 a day, some days none), carry ±3 % noise and now and then
// a wild value, and are whole per cents as the lock reports them. Some locks had their battery
// changed mid-series (recorded or not).
import type { BatteryReading } from './battery-forecast';

const dayMs = 86_400_000;

/** mulberry32: a small seeded generator, enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface GeneratedLock {
  readings: BatteryReading[];
  /** The forecast is made at this instant. */
  now: number;
  /** When the true curve of the current battery crosses the threshold. */
  trueDueAt: number;
  /** The mid-series change, if any, and whether it was recorded. */
  change: { at: number; isRecorded: boolean } | null;
  lifeMonths: number;
}

export interface CurveOptions {
  threshold: number;
  /** Share of locks with a mid-series battery change. */
  changeShare: number;
  /** Share of readings that are wild (any value 0–100). */
  outlierShare: number;
  /** Level of the current battery at the forecast instant: between these. */
  levelNow: [number, number];
}

const start = Date.UTC(2026, 0, 1);

/** One lock's history up to its forecast instant. */
export function generateLock(random: () => number, options: CurveOptions): GeneratedLock {
  const between = (low: number, high: number) => low + random() * (high - low);
  const lifeMonths = between(4, 18);
  const lifeDays = lifeMonths * 30.44;
  const fresh = between(95, 100);
  const slope = fresh / lifeDays;
  const hasChange = random() < options.changeShare;
  // The old battery (when there is one) ran from `start` until changed at 15–40 %.
  const oldFresh = between(95, 100);
  const oldSlope = oldFresh / (between(4, 18) * 30.44);
  const changeAt = hasChange ? start + ((oldFresh - between(15, 40)) / oldSlope) * dayMs : start;
  const levelNow = between(options.levelNow[0], options.levelNow[1]);
  const now = changeAt + ((fresh - levelNow) / slope) * dayMs;
  const trueDueAt = changeAt + ((fresh - options.threshold) / slope) * dayMs;
  const trueLevel = (at: number) =>
    at < changeAt ? oldFresh - (oldSlope * (at - start)) / dayMs : fresh - (slope * (at - changeAt)) / dayMs;
  const readings: BatteryReading[] = [];
  for (let day = start; day < now; day += dayMs) {
    const count = Math.floor(random() * random() * 9);
    for (let n = 0; n < count; n += 1) {
      const at = day + random() * dayMs;
      if (at >= now) continue;
      const level = random() < options.outlierShare ? random() * 100 : trueLevel(at) + between(-3, 3);
      readings.push({ at, level: Math.min(100, Math.max(0, Math.round(level))) });
    }
  }
  return {
    readings,
    now,
    trueDueAt,
    change: hasChange ? { at: changeAt, isRecorded: random() < 0.5 } : null,
    lifeMonths,
  };
}
