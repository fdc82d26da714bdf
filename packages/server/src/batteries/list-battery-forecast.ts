// GET /api/v1/battery-forecast: the locks due for a battery change within N weeks (R2.4).
import { maxForecastWeeks, type Actor } from '@portvakt/core';
import type { BatteryForecastList } from '@portvakt/contract';
import { hasMunicipalityRow, type Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { ApiError } from '../platform/errors';
import { findDueLocks } from './find-due-locks';

export interface DueFilter {
  withinWeeks: number;
  districtId?: string;
  teamId?: string;
}

/** Refuses a look-ahead out of range and a district or team the municipality does not have. */
export async function checkDueFilter(
  db: Queryable,
  municipalityId: string,
  filter: DueFilter,
): Promise<void> {
  if (filter.withinWeeks < 1 || filter.withinWeeks > maxForecastWeeks)
    throw new ApiError(422, 'out_of_range', `withinWeeks must be between 1 and ${maxForecastWeeks}.`, {
      field: 'withinWeeks',
    });
  for (const [table, id, field] of [
    ['district', filter.districtId, 'districtId'],
    ['team', filter.teamId, 'teamId'],
  ] as const)
    if (id !== undefined && !(await hasMunicipalityRow(db, table, municipalityId, id)))
      throw new ApiError(422, 'unknown_reference', `No such ${table}.`, { field });
}

/** Locks due within the weeks, soonest first; locks, doors and addresses only. */
export async function listBatteryForecast(options: {
  db: Queryable;
  actor: Actor;
  input: DueFilter;
  now: Date;
}): Promise<BatteryForecastList> {
  const { db, actor, input, now } = options;
  authorise(actor, 'battery_forecast', 'read');
  await checkDueFilter(db, actor.municipalityId, input);
  const due = await findDueLocks(db, actor.municipalityId, { ...input, from: now, now });
  return {
    threshold: due.threshold,
    until: due.until.toISOString(),
    items: due.locks.map(({ lock, view }) => ({
      lockId: lock.lockId,
      serial: lock.serial,
      batteryLevel: lock.batteryLevel,
      doorId: lock.doorId,
      doorKind: lock.doorKind as BatteryForecastList['items'][number]['doorKind'],
      doorLabel: lock.doorLabel,
      propertyId: lock.propertyId,
      streetAddress: lock.streetAddress,
      districtId: lock.districtId,
      districtName: lock.districtName,
      ...view,
    })),
  };
}
