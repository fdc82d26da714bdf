// The forecasts of a set of locks at an instant: their daily levels and recorded changes read in
// two statements, the fit in core (docs/batteries.md). Shared by the due list, the lock page and
// battery rounds.
import {
  batteryThreshold,
  forecastBattery,
  type BatteryForecast,
  type DailyBatteryLevel,
} from '@portvakt/core';
import type { BatteryForecastView } from '@portvakt/contract';
import {
  listBatteryChanges,
  readDailyBatteryLevels,
  type BatteryChange,
  type BatteryLock,
  type Queryable,
} from '@portvakt/storage';
import { readMunicipalitySettings } from '../platform/municipality-settings';

const dayMs = 86_400_000;
/** How far back readings are read: the fit uses at most the last 240 days (core). */
const readingDays = 240;

export interface LockForecast {
  forecast: BatteryForecast;
  days: DailyBatteryLevel[];
  changes: BatteryChange[];
}

/** The municipality's replacement threshold in per cent. */
export async function readBatteryThreshold(db: Queryable, municipalityId: string): Promise<number> {
  return batteryThreshold(await readMunicipalitySettings(db, municipalityId));
}

export async function forecastLocks(
  db: Queryable,
  municipalityId: string,
  lockIds: readonly string[],
  options: { now: Date; threshold: number },
): Promise<Map<string, LockForecast>> {
  const until = new Date(options.now.getTime() + 1);
  const from = new Date(options.now.getTime() - readingDays * dayMs);
  const [levels, changes] = await Promise.all([
    readDailyBatteryLevels(db, municipalityId, lockIds, from, until),
    listBatteryChanges(db, municipalityId, lockIds),
  ]);
  const forecasts = new Map<string, LockForecast>();
  for (const lockId of lockIds) {
    const days = levels.get(lockId) ?? [];
    const lockChanges = changes.filter(
      (change) => change.lockDeviceId === lockId && change.changedAt.getTime() <= options.now.getTime(),
    );
    const forecast = forecastBattery(days, {
      threshold: options.threshold,
      changes: lockChanges.map((change) => change.changedAt.getTime()),
    });
    forecasts.set(lockId, { forecast, days, changes: lockChanges });
  }
  return forecasts;
}

/** The forecast as the API shows it. */
export function presentForecast(forecast: BatteryForecast): BatteryForecastView {
  const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
  return {
    dueAt: forecast.isKnown ? iso(forecast.dueAt) : null,
    ratePerMonth: forecast.isKnown ? forecast.ratePerMonth : null,
    confidence: forecast.isKnown ? forecast.confidence : null,
    unknownReason: forecast.isKnown ? null : forecast.reason,
    readingDays: forecast.days,
    spanDays: forecast.spanDays,
    since: iso(forecast.since),
  };
}

/**
 * When a lock is due for the lists: the forecast's date, or `now` for a lock whose forecast is
 * unknown but whose level is already at or below the threshold; null when not known to be due.
 */
export function judgeDueAt(
  lock: BatteryLock,
  forecast: BatteryForecast,
  threshold: number,
  now: Date,
): number | null {
  if (forecast.isKnown) return forecast.dueAt;
  return lock.batteryLevel !== null && lock.batteryLevel <= threshold ? now.getTime() : null;
}

/**
 * A first cut in the database before any fit: a lock above this level cannot reach the threshold
 * within `weeks` unless its battery loses more than 30 points a month (a battery lasting under
 * three months), which no lock model in use does.
 */
export function judgeCandidateLevel(threshold: number, weeks: number): number | undefined {
  const level = Math.ceil(threshold + (30 * weeks * 7) / 30.44);
  return level >= 100 ? undefined : level;
}
