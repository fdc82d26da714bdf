// Which locks are due within N weeks of an instant, with their forecasts: the due list's and a
// battery round's selection, written once.
import type { BatteryForecastView } from '@portvakt/contract';
import { listBatteryLocks, type BatteryLock, type Queryable } from '@portvakt/storage';
import {
  forecastLocks,
  judgeCandidateLevel,
  judgeDueAt,
  presentForecast,
  readBatteryThreshold,
} from './battery-forecasts';

const weekMs = 7 * 86_400_000;

export interface DueLock {
  lock: BatteryLock;
  /** When it is due; null when not known to be due (listed only without a look-ahead). */
  dueAt: number | null;
  view: BatteryForecastView;
}

export interface DueLockFilter {
  /** Due within this many weeks of `from`; without it, every lock the other filters let through. */
  withinWeeks?: number;
  /** Only locks whose latest level is at most this. */
  maxLevel?: number;
  districtId?: string;
  teamId?: string;
  search?: string;
  from: Date;
  now: Date;
}

/**
 * The locks the filter lets through with their forecasts, soonest due first (locks not known to
 * be due last, by serial). `until` is null without a look-ahead.
 */
export async function findDueLocks(
  db: Queryable,
  municipalityId: string,
  filter: DueLockFilter,
): Promise<{ threshold: number; until: Date | null; locks: DueLock[] }> {
  const threshold = await readBatteryThreshold(db, municipalityId);
  const until =
    filter.withinWeeks === undefined ? null : new Date(filter.from.getTime() + filter.withinWeeks * weekMs);
  const weeksAhead =
    until === null ? undefined : Math.ceil((until.getTime() - filter.now.getTime()) / weekMs);
  const cut = weeksAhead === undefined ? undefined : judgeCandidateLevel(threshold, weeksAhead);
  const levels = [cut, filter.maxLevel].filter((level): level is number => level !== undefined);
  const maxLevel = levels.length > 0 ? Math.min(...levels) : undefined;
  const candidates = await listBatteryLocks(db, municipalityId, {
    at: filter.now,
    ...(filter.districtId === undefined ? {} : { districtId: filter.districtId }),
    ...(filter.teamId === undefined ? {} : { teamId: filter.teamId }),
    ...(maxLevel === undefined ? {} : { maxLevel }),
    ...(filter.search ? { search: filter.search } : {}),
  });
  const forecasts = await forecastLocks(
    db,
    municipalityId,
    candidates.map((lock) => lock.lockId),
    { now: filter.now, threshold },
  );
  const locks: DueLock[] = [];
  for (const lock of candidates) {
    const { forecast } = forecasts.get(lock.lockId)!;
    // The database's cut lets through locks of unknown level: the level filter is exact here.
    if (filter.maxLevel !== undefined && (lock.batteryLevel === null || lock.batteryLevel > filter.maxLevel))
      continue;
    const dueAt = judgeDueAt(lock, forecast, threshold, filter.now);
    const isDue = dueAt !== null && (until === null || dueAt < until.getTime());
    if (isDue || until === null) locks.push({ lock, dueAt, view: presentForecast(forecast) });
  }
  const last = Number.MAX_SAFE_INTEGER;
  locks.sort((a, b) => (a.dueAt ?? last) - (b.dueAt ?? last) || a.lock.serial.localeCompare(b.lock.serial));
  return { threshold, until, locks };
}
