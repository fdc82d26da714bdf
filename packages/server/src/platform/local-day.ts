import { createZoneClock, parseIsoDate } from '@portvakt/core';
import type { Queryable } from '@portvakt/storage';
import { ApiError } from './errors';
import { readMunicipalityTimeZone } from './municipality-settings';

/**
 * The instants a local day of the municipality (its time zone) runs between, for lists filtered
 * by day; 400 invalid_range when the `field`'s value `day` is not a calendar date.
 */
export async function readLocalDayBounds(
  db: Queryable,
  municipalityId: string,
  day: string,
  field: string,
): Promise<{ from: Date; to: Date }> {
  const clock = createZoneClock(await readMunicipalityTimeZone(db, municipalityId));
  let start: number;
  try {
    start = parseIsoDate(day, field) * 1440;
  } catch {
    throw new ApiError(400, 'invalid_range', `\`${field}\` is not a calendar date.`);
  }
  return {
    from: new Date(clock.fromLocal(start) * 60_000),
    to: new Date(clock.fromLocal(start + 1440) * 60_000),
  };
}
