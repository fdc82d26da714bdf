// GET /api/v1/locks/{id}/battery: a lock's daily levels, the fitted line, the forecast and the
// battery changes on record (the lock page's chart: predicted against actual).
import { findEntity as findEntityDefinition, type Actor } from '@portvakt/core';
import type { LockBattery } from '@portvakt/contract';
import { findEntity, type Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { notFound } from '../platform/errors';
import { forecastLocks, presentForecast, readBatteryThreshold } from './battery-forecasts';
import { presentBatteryChange } from './list-battery-changes';

const lockEntity = findEntityDefinition('lock_device');

export async function readLockBattery(options: {
  db: Queryable;
  actor: Actor;
  input: { id: string };
  now: Date;
}): Promise<LockBattery> {
  const { db, actor, input, now } = options;
  const scope = authorise(actor, 'battery_forecast', 'read');
  const lock = await findEntity(db, lockEntity, scope, input.id);
  if (!lock) throw notFound(lockEntity.label);
  const threshold = await readBatteryThreshold(db, actor.municipalityId);
  const { forecast, days, changes } = (
    await forecastLocks(db, actor.municipalityId, [input.id], { now, threshold })
  ).get(input.id)!;
  return {
    lockId: input.id,
    threshold,
    batteryLevel: (lock.batteryLevel as number | null) ?? null,
    readings: days.map((day) => ({
      at: new Date(day.at).toISOString(),
      level: day.level,
      readings: day.readings,
    })),
    line: forecast.isKnown
      ? {
          at: new Date(forecast.line.at).toISOString(),
          level: forecast.line.level,
          slopePerDay: forecast.line.slopePerDay,
        }
      : null,
    changes: changes.map(presentBatteryChange),
    ...presentForecast(forecast),
  };
}
