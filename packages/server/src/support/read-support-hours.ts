import type { SupportHoursStatus } from '@portvakt/contract';
import type { ReadOptions } from '../platform/context';
import { presentSupportHours, readSupportHoursNow } from './support-hours';

/**
 * Whether support is open now, its hours, today's public holiday and the next opening, for any
 * logged-in role: the console tells people when support opens before they try to raise a case.
 */
export async function readSupportHours({
  db,
  actor,
  now,
}: ReadOptions<undefined> & { now: Date }): Promise<SupportHoursStatus> {
  return presentSupportHours(await readSupportHoursNow(db, actor.municipalityId, now));
}
