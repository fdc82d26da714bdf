import type { Static } from 'typebox';
import type { PlannedVisitPage, PlannedVisitQuery } from '@portvakt/contract';
import { listPlannedVisits as selectPlannedVisits } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import type { ListCursors } from '../platform/list-cursor';

/** The longest period one request lists, as for visits. */
const maxPeriodDays = 33;

/**
 * Planned visits whose window overlaps a period, inside the actor's scope (a work lead: their
 * provider's), earliest first, in pages: what the console draws beside the visits.
 */
export async function listPlannedVisits({
  db,
  actor,
  input,
  cursors,
}: ReadOptions<Static<typeof PlannedVisitQuery>> & { cursors: ListCursors }): Promise<PlannedVisitPage> {
  const scope = authorise(actor, 'planned_visit', 'read');
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (!(from < to)) throw new ApiError(400, 'invalid_range', '`from` must be before `to`.');
  if (to.getTime() - from.getTime() > maxPeriodDays * 86_400_000)
    throw new ApiError(400, 'invalid_range', `A period is at most ${maxPeriodDays} days.`);
  const binding = { resource: 'planned_visit', sort: 'windowStart', scope };
  const after = input.cursor === undefined ? undefined : cursors.open(input.cursor, binding);
  const limit = input.limit ?? 200;
  const rows = await selectPlannedVisits(db, scope, {
    from,
    to,
    customerId: input.customerId,
    providerId: input.providerId,
    after: after && { windowStart: after.sortKey, id: after.id },
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ position: _position, ...row }) => ({
      ...row,
      windowStart: row.windowStart.toISOString(),
      windowEnd: row.windowEnd.toISOString(),
    })),
    nextCursor:
      rows.length > limit && last ? cursors.seal({ sortKey: last.position, id: last.id }, binding) : null,
  };
}
