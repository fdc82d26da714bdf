import { describe, expect, it } from 'vitest';
import {
  findLatestBatteryChange,
  forecastBattery,
  summariseReadingsByDay,
  type BatteryReading,
} from './battery-forecast';
import { generateLock, seededRandom } from './battery-curves.testing';

const dayMs = 86_400_000;
const start = Date.UTC(2026, 0, 1);

function forecastGenerated(seed: number, count: number) {
  const random = seededRandom(seed);
  const results = [];
  for (let n = 0; n < count; n += 1) {
    const lock = generateLock(random, {
      threshold: 20,
      changeShare: 0.3,
      outlierShare: 0.03,
      levelNow: [25, 50],
    });
    const forecast = forecastBattery(summariseReadingsByDay(lock.readings), {
      threshold: 20,
      changes: lock.change?.isRecorded ? [lock.change.at] : [],
    });
    const errorDays = forecast.isKnown ? Math.abs(forecast.dueAt - lock.trueDueAt) / dayMs : Infinity;
    results.push({ lock, forecast, errorDays });
  }
  return results;
}

const generated = forecastGenerated(20261201, 500);
const withinWeek = generated.filter((result) => result.errorDays <= 7).length / generated.length;
const changed = generated.filter((result) => result.lock.change !== null);
const changedWithinWeek = changed.filter((result) => result.errorDays <= 7).length / changed.length;

describe('battery forecast on 500 generated discharge curves (4–18 months, ±3 %, 3 % wild readings, 30 % changed mid-series)', () => {
  it(`predicts the threshold date within 7 days for ${(withinWeek * 100).toFixed(1)} % of locks (at least 90 %)`, () => {
    // Printed for docs/batteries.md: the share and the spread of errors.
    const errors = generated.map((result) => result.errorDays).sort((a, b) => a - b);
    console.log(
      `battery forecast: ${(withinWeek * 100).toFixed(1)} % within 7 days; median error ${errors[250]!.toFixed(1)} d, ` +
        `90th percentile ${errors[450]!.toFixed(1)} d; after a change ${(changedWithinWeek * 100).toFixed(1)} % of ${changed.length}`,
    );
    expect(withinWeek).toBeGreaterThanOrEqual(0.9);
  });

  it(`holds for the locks whose battery was changed mid-series: ${(changedWithinWeek * 100).toFixed(1)} %`, () => {
    expect(changed.length).toBeGreaterThan(100);
    expect(changed.some((result) => !result.lock.change!.isRecorded)).toBe(true);
    expect(changedWithinWeek).toBeGreaterThanOrEqual(0.9);
  });

  it('uses only the current battery: the fit starts at the change, recorded or seen', () => {
    // Seen from the levels alone: the first day with readings after the change, a few days at most.
    const found = changed.filter(
      (result) =>
        result.forecast.since !== null &&
        result.forecast.since >= result.lock.change!.at &&
        result.forecast.since - result.lock.change!.at < 5 * dayMs,
    );
    expect(found.length / changed.length).toBeGreaterThanOrEqual(0.95);
  });
});

function steadyReadings(days: number, options: { from?: number; fresh?: number; perDay?: number } = {}) {
  const readings: BatteryReading[] = [];
  const from = options.from ?? start;
  for (let day = 0; day < days; day += 1)
    for (let n = 0; n < (options.perDay ?? 3); n += 1)
      readings.push({
        at: from + day * dayMs + n * 3_600_000,
        level: Math.round((options.fresh ?? 90) - day * 0.5),
      });
  return readings;
}

describe('forecastBattery', () => {
  it('reads the date straight off a clean line: 90 % falling 0.5 a day reaches 20 % after 140 days', () => {
    const forecast = forecastBattery(summariseReadingsByDay(steadyReadings(60)));
    expect(forecast.isKnown).toBe(true);
    if (!forecast.isKnown) return;
    expect(Math.abs(forecast.dueAt - (start + 140 * dayMs)) / dayMs).toBeLessThan(1.5);
    expect(forecast.ratePerMonth).toBeCloseTo(15.2, 0);
    expect(forecast.confidence).toBe('high');
  });

  it('honours the municipality threshold', () => {
    const at30 = forecastBattery(summariseReadingsByDay(steadyReadings(60)), { threshold: 30 });
    expect(at30.isKnown && Math.abs(at30.dueAt - (start + 120 * dayMs)) / dayMs).toBeLessThan(1.5);
  });

  it('is not pulled by wild readings on days with a single reading', () => {
    const readings = steadyReadings(60, { perDay: 1 }).map((reading, index) =>
      index % 9 === 4 ? { ...reading, level: index % 2 === 0 ? 100 : 0 } : reading,
    );
    const forecast = forecastBattery(summariseReadingsByDay(readings));
    expect(forecast.isKnown && Math.abs(forecast.dueAt - (start + 140 * dayMs)) / dayMs).toBeLessThan(3);
  });

  it('sees a battery change as a lasting jump up and fits only what came after', () => {
    const old = steadyReadings(100, { fresh: 80 });
    const fresh = steadyReadings(40, { from: start + 100 * dayMs, fresh: 100 });
    const days = summariseReadingsByDay([...old, ...fresh]);
    expect(days[findLatestBatteryChange(days)]!.at).toBeGreaterThanOrEqual(start + 100 * dayMs);
    const forecast = forecastBattery(days);
    expect(forecast.isKnown).toBe(true);
    if (!forecast.isKnown) return;
    expect(forecast.since).toBeGreaterThanOrEqual(start + 100 * dayMs);
    // 100 % falling 0.5 a day from day 100: 20 % on day 260.
    expect(Math.abs(forecast.dueAt - (start + 260 * dayMs)) / dayMs).toBeLessThan(1.5);
  });

  it('takes no single high day for a change', () => {
    const readings = steadyReadings(60, { perDay: 1 });
    readings[58] = { ...readings[58]!, level: 100 };
    expect(findLatestBatteryChange(summariseReadingsByDay(readings))).toBe(0);
  });

  it('starts at a recorded change even when the levels show no jump (a half-used battery put in)', () => {
    const readings = steadyReadings(80);
    const forecast = forecastBattery(summariseReadingsByDay(readings), { changes: [start + 75 * dayMs] });
    expect(forecast).toMatchObject({ isKnown: false, reason: 'too_short_span', since: start + 75 * dayMs });
  });

  it('answers unknown, with the reason, when there is too little to go on', () => {
    expect(forecastBattery([])).toMatchObject({ isKnown: false, reason: 'no_readings' });
    expect(forecastBattery(summariseReadingsByDay(steadyReadings(3)))).toMatchObject({
      isKnown: false,
      reason: 'too_few_readings',
      days: 3,
    });
    expect(forecastBattery(summariseReadingsByDay(steadyReadings(8)))).toMatchObject({
      isKnown: false,
      reason: 'too_short_span',
    });
    const flat = steadyReadings(40).map((reading) => ({ ...reading, level: 97 }));
    expect(forecastBattery(summariseReadingsByDay(flat))).toMatchObject({
      isKnown: false,
      reason: 'not_discharging',
    });
  });

  it('is cheap for a busy lock: a year of 200 readings a day', () => {
    const readings = steadyReadings(365, { perDay: 200, fresh: 100 }).map((reading) => ({
      ...reading,
      level: Math.max(0, Math.round(100 - (reading.at - start) / dayMs / 5)),
    }));
    const began = performance.now();
    const forecast = forecastBattery(summariseReadingsByDay(readings));
    expect(performance.now() - began).toBeLessThan(2000);
    expect(forecast.isKnown).toBe(true);
  });
});
