import type { Static } from 'typebox';
import type { VisitPage, VisitQuery } from '@portvakt/contract';
import { listVisits as selectVisits } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import type { ListCursors } from '../platform/list-cursor';
import { readListPeriod, takeListPage } from './visit-list-page';
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
  const after = input.cursor === undefined ? undefined : cursors.open(input.cursor, binding);
  const limit = input.limit ?? 200;
  const rows = await selectVisits(db, scope, {
    ...input,
    from,
    to,
    after: after && { arrival: after.sortKey, id: after.id },
    limit: limit + 1,
  });
  const { page, nextCursor } = takeListPage(rows, limit, cursors, binding);
  return { items: page.map(presentVisit), nextCursor };
}
