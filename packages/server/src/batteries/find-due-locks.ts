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
  dueAt: number;
  view: BatteryForecastView;
}

export async function findDueLocks(
  db: Queryable,
  municipalityId: string,
  filter: { withinWeeks: number; districtId?: string; teamId?: string; from: Date; now: Date },
): Promise<{ threshold: number; until: Date; locks: DueLock[] }> {
  const threshold = await readBatteryThreshold(db, municipalityId);
  const until = new Date(filter.from.getTime() + filter.withinWeeks * weekMs);
  const weeksAhead = Math.ceil((until.getTime() - filter.now.getTime()) / weekMs);
  const maxLevel = judgeCandidateLevel(threshold, weeksAhead);
  const candidates = await listBatteryLocks(db, municipalityId, {
    at: filter.now,
    ...(filter.districtId === undefined ? {} : { districtId: filter.districtId }),
    ...(filter.teamId === undefined ? {} : { teamId: filter.teamId }),
    ...(maxLevel === undefined ? {} : { maxLevel }),
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
    const dueAt = judgeDueAt(lock, forecast, threshold, filter.now);
    if (dueAt !== null && dueAt < until.getTime())
      locks.push({ lock, dueAt, view: presentForecast(forecast) });
  }
  locks.sort((a, b) => a.dueAt - b.dueAt || a.lock.serial.localeCompare(b.lock.serial));
  return { threshold, until, locks };
}
