import type { Static } from 'typebox';
import type { WorkShiftPage, WorkShiftQuery } from '@portvakt/contract';
import { createZoneClock, parseIsoDate, readVisitSettings } from '@portvakt/core';
import { findMunicipality, listWorkShifts as selectWorkShifts } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { readListPage, type ListCursors } from '../platform/list-cursor';
import { readListPeriod } from './visit-list-page';
import { presentWorkShift } from './work-shift-presenter';

/**
 * Work shifts overlapping a local day or a period inside the actor's scope, earliest first, in
 * pages (docs/visits.md "Work shifts"): a work lead's provider's, a staff member's own, all for
 * the municipality's roles.
 */
export async function listWorkShifts({
  db,
  actor,
  input,
  cursors,
}: ReadOptions<Static<typeof WorkShiftQuery>> & { cursors: ListCursors }): Promise<WorkShiftPage> {
  const scope = authorise(actor, 'work_shift', 'read');
  let from: Date;
  let to: Date;
  if (input.day !== undefined) {
    if (input.from !== undefined || input.to !== undefined)
      throw new ApiError(400, 'invalid_range', 'Name a day or a period (`from` and `to`), not both.');
    const settings = (await findMunicipality(db, actor.municipalityId))?.settings ?? {};
    const clock = createZoneClock(readVisitSettings(settings).timeZone);
    let day: number;
    try {
      day = parseIsoDate(input.day, 'day') * 1440;
    } catch {
      throw new ApiError(400, 'invalid_range', '`day` is not a calendar date.');
    }
    from = new Date(clock.fromLocal(day) * 60_000);
    to = new Date(clock.fromLocal(day + 1440) * 60_000);
  } else {
    if (input.from === undefined || input.to === undefined)
      throw new ApiError(400, 'invalid_range', 'Name a day, or a period with `from` and `to`.');
    ({ from, to } = readListPeriod(input.from, input.to));
  }
  const binding = { resource: 'work_shift', sort: 'startsAt', scope };
  const { page, nextCursor } = await readListPage(
    cursors,
    binding,
    { ...input, defaultLimit: 200 },
    (after, limit) =>
      selectWorkShifts(db, scope, {
        from,
        to,
        staffMemberId: input.staffMemberId,
        providerId: input.providerId,
        after: after && { startsAt: after.sortKey, id: after.id },
        limit,
      }),
  );
  return { items: page.map(presentWorkShift), nextCursor };
}
