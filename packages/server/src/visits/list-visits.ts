import type { Static } from 'typebox';
import type { VisitPage, VisitQuery } from '@portvakt/contract';
import { listVisits as selectVisits } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { readListPage, type ListCursors } from '../platform/list-cursor';
import { readListPeriod } from './visit-list-page';
import { presentVisit } from './visit-presenter';

/** Current versions of the visits in a period inside the actor's scope, oldest first, in pages. */
export async function listVisits({
  db,
  actor,
  input,
  cursors,
}: ReadOptions<Static<typeof VisitQuery>> & { cursors: ListCursors }): Promise<VisitPage> {
  const scope = authorise(actor, 'visit', 'read');
  const { from, to } = readListPeriod(input.from, input.to);
  const binding = { resource: 'visit', sort: 'arrival', scope };
  const { page, nextCursor } = await readListPage(
    cursors,
    binding,
    { ...input, defaultLimit: 200 },
    (after, limit) =>
      selectVisits(db, scope, {
        ...input,
        from,
        to,
        after: after && { arrival: after.sortKey, id: after.id },
        limit,
      }),
  );
  return { items: page.map(presentVisit), nextCursor };
}
