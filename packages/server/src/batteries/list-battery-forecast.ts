// GET /api/v1/battery-forecast: the locks due for a battery change within N weeks (R2.4).
import { maxForecastWeeks, type Actor } from '@portvakt/core';
import type { BatteryForecastList, batteryListSorts } from '@portvakt/contract';
import { hasMunicipalityRow, type Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { ApiError } from '../platform/errors';
import { findDueLocks } from './find-due-locks';

export interface DueFilter {
  withinWeeks?: number;
  maxLevel?: number;
  districtId?: string;
  teamId?: string;
}

export interface BatteryListInput extends DueFilter {
  q?: string;
  sort?: (typeof batteryListSorts)[number];
}

/** Refuses a look-ahead out of range and a district or team the municipality does not have. */
export async function checkDueFilter(
  db: Queryable,
  municipalityId: string,
  filter: DueFilter,
): Promise<void> {
  if (filter.withinWeeks !== undefined && (filter.withinWeeks < 1 || filter.withinWeeks > maxForecastWeeks))
    throw new ApiError(422, 'out_of_range', `withinWeeks must be between 1 and ${maxForecastWeeks}.`, {
      field: 'withinWeeks',
    });
  if (filter.maxLevel !== undefined && (filter.maxLevel < 0 || filter.maxLevel > 100))
    throw new ApiError(422, 'out_of_range', 'maxLevel must be between 0 and 100.', { field: 'maxLevel' });
  for (const [table, id, field] of [
    ['district', filter.districtId, 'districtId'],
    ['team', filter.teamId, 'teamId'],
  ] as const)
    if (id !== undefined && !(await hasMunicipalityRow(db, table, municipalityId, id)))
      throw new ApiError(422, 'unknown_reference', `No such ${table}.`, { field });
}

/** Longest answer: the list is for planning, not an export. */
const maxItems = 1000;

/**
 * Locks due within the weeks and/or at most a level, soonest first (or lowest level first);
 * locks, doors and addresses only. Neither filter given: due within 4 weeks.
 */
export async function listBatteryForecast(options: {
  db: Queryable;
  actor: Actor;
  input: BatteryListInput;
  now: Date;
}): Promise<BatteryForecastList> {
  const { db, actor, now } = options;
  const { q, sort, ...filter } = options.input;
  authorise(actor, 'battery_forecast', 'read');
  if (filter.withinWeeks === undefined && filter.maxLevel === undefined) filter.withinWeeks = 4;
  await checkDueFilter(db, actor.municipalityId, filter);
  const due = await findDueLocks(db, actor.municipalityId, {
    ...filter,
    ...(q?.trim() ? { search: q.trim() } : {}),
    from: now,
    now,
  });
  if (sort === 'batteryLevel')
    due.locks.sort((a, b) => (a.lock.batteryLevel ?? 101) - (b.lock.batteryLevel ?? 101));
  return {
    threshold: due.threshold,
    until: due.until?.toISOString() ?? null,
    items: due.locks.slice(0, maxItems).map(({ lock, view }) => ({
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
