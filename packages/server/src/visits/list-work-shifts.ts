import type { Static } from 'typebox';
import type { WorkShiftPage, WorkShiftQuery } from '@portvakt/contract';
import { listWorkShifts as selectWorkShifts } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { ApiError } from '../platform/errors';
import { readListPage, type ListOptions } from '../platform/list-cursor';
import { readLocalDayBounds } from '../platform/local-day';
import { readListPeriod } from './visit-list-page';
import { presentWorkShift } from './work-shift-presenter';

/**
 * Work shifts overlapping a local day or a period inside the actor's scope, earliest first, in
 * pages (docs/visits.md "Work shifts"): a work lead's provider's, a staff member's own, all for
 * the municipality's roles.
 */
export async function listWorkShifts(
  options: ListOptions<Static<typeof WorkShiftQuery>>,
): Promise<WorkShiftPage> {
  const { db, actor, input } = options;
  const scope = authorise(actor, 'work_shift', 'read');
  let from: Date;
  let to: Date;
  if (input.day !== undefined) {
    if (input.from !== undefined || input.to !== undefined)
      throw new ApiError(400, 'invalid_range', 'Name a day or a period (`from` and `to`), not both.');
    ({ from, to } = await readLocalDayBounds(db, actor.municipalityId, input.day, 'day'));
  } else {
    if (input.from === undefined || input.to === undefined)
      throw new ApiError(400, 'invalid_range', 'Name a day, or a period with `from` and `to`.');
    ({ from, to } = readListPeriod(input.from, input.to));
  }
  const list = { resource: 'work_shift', sort: 'startsAt', scope, defaultLimit: 200 };
  const { page, nextCursor } = await readListPage(options, list, (after, limit) =>
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
