import type { Static } from 'typebox';
import type { PlannedVisitPage, PlannedVisitQuery } from '@portvakt/contract';
import { listPlannedVisits as selectPlannedVisits } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import type { ListCursors } from '../platform/list-cursor';
import { readListPeriod, takeListPage } from './visit-list-page';

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
  const { from, to } = readListPeriod(input.from, input.to);
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
  const { page, nextCursor } = takeListPage(rows, limit, cursors, binding);
  return {
    items: page.map(({ position: _position, ...row }) => ({
      ...row,
      windowStart: row.windowStart.toISOString(),
      windowEnd: row.windowEnd.toISOString(),
    })),
    nextCursor,
  };
}
