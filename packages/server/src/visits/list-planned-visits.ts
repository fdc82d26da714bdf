import type { Static } from 'typebox';
import type { PlannedVisitPage, PlannedVisitQuery } from '@portvakt/contract';
import { listPlannedVisits as selectPlannedVisits } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { readListPage, type ListOptions } from '../platform/list-cursor';
import { readListPeriod } from './visit-list-page';

/**
 * Planned visits whose window overlaps a period, inside the actor's scope (a work lead: their
 * provider's), earliest first, in pages: what the console draws beside the visits.
 */
export async function listPlannedVisits(
  options: ListOptions<Static<typeof PlannedVisitQuery>>,
): Promise<PlannedVisitPage> {
  const { input } = options;
  const scope = authorise(options.actor, 'planned_visit', 'read');
  const { from, to } = readListPeriod(input.from, input.to);
  const list = { resource: 'planned_visit', sort: 'windowStart', scope, defaultLimit: 200 };
  const { page, nextCursor } = await readListPage(options, list, (after, limit) =>
    selectPlannedVisits(options.db, scope, {
      from,
      to,
      customerId: input.customerId,
      providerId: input.providerId,
      after: after && { windowStart: after.sortKey, id: after.id },
      limit,
    }),
  );
  return {
    items: page.map(({ position: _position, ...row }) => ({
      ...row,
      windowStart: row.windowStart.toISOString(),
      windowEnd: row.windowEnd.toISOString(),
    })),
    nextCursor,
  };
}
