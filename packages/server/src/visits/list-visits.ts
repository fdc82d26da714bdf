import type { Static } from 'typebox';
import type { VisitPage, VisitQuery } from '@portvakt/contract';
import { listVisits as selectVisits } from '@portvakt/storage';
import type { ListOptions } from '../platform/list-cursor';
import { readPeriodListPage } from './read-period-list-page';
import { presentVisit } from './visit-presenter';

/** Current versions of the visits in a period inside the actor's scope, oldest first, in pages. */
export async function listVisits(options: ListOptions<Static<typeof VisitQuery>>): Promise<VisitPage> {
  const list = { resource: 'visit', sort: 'arrival' } as const;
  const { page, nextCursor } = await readPeriodListPage(options, list, (scope, { from, to, after, limit }) =>
    selectVisits(options.db, scope, {
      ...options.input,
      from,
      to,
      after: after && { arrival: after.sortKey, id: after.id },
      limit,
    }),
  );
  return { items: page.map(presentVisit), nextCursor };
}
