import type { Static } from 'typebox';
import type { PlannedVisitPage, PlannedVisitQuery } from '@portvakt/contract';
import { listPlannedVisits as selectPlannedVisits } from '@portvakt/storage';
import type { ListOptions } from '../platform/list-cursor';
import { readPeriodListPage } from './read-period-list-page';

/**
 * Planned visits whose window overlaps a period, inside the actor's scope (a work lead: their
 * provider's), earliest first, in pages: what the console draws beside the visits.
 */
export async function listPlannedVisits(
  options: ListOptions<Static<typeof PlannedVisitQuery>>,
): Promise<PlannedVisitPage> {
  const { input } = options;
  const list = { resource: 'planned_visit', sort: 'windowStart' } as const;
  const { page, nextCursor } = await readPeriodListPage(options, list, (scope, { from, to, after, limit }) =>
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
