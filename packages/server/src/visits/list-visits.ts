import type { Static } from 'typebox';
import type { VisitPage, VisitQuery } from '@portvakt/contract';
import { listVisits as selectVisits } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { readListPage, type ListOptions } from '../platform/list-cursor';
import { readListPeriod } from './visit-list-page';
import { presentVisit } from './visit-presenter';

/** Current versions of the visits in a period inside the actor's scope, oldest first, in pages. */
export async function listVisits(options: ListOptions<Static<typeof VisitQuery>>): Promise<VisitPage> {
  const { input } = options;
  const scope = authorise(options.actor, 'visit', 'read');
  const { from, to } = readListPeriod(input.from, input.to);
  const list = { resource: 'visit', sort: 'arrival', scope, defaultLimit: 200 };
  const { page, nextCursor } = await readListPage(options, list, (after, limit) =>
    selectVisits(options.db, scope, {
      ...input,
      from,
      to,
      after: after && { arrival: after.sortKey, id: after.id },
      limit,
    }),
  );
  return { items: page.map(presentVisit), nextCursor };
}
