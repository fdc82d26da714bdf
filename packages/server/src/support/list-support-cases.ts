import type { SupportCasePage, SupportCaseQuery } from '@portvakt/contract';
import { countSupportCases, listSupportCases as selectSupportCases } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import type { ListCursors } from '../platform/list-cursor';
import { presentCaseTitle } from './case-title-presenter';

/**
 * Cases inside the actor's scope, newest first, filtered, in pages (docs/support.md). `total`
 * counts the same rows the pages hold, so it reveals nothing the scope hides; a cursor is bound
 * to the list, its filters' scope and the actor's reach.
 */
export async function listSupportCases({
  db,
  actor,
  input,
  cursors,
}: ReadOptions<SupportCaseQuery> & { cursors: ListCursors }): Promise<SupportCasePage> {
  const scope = authorise(actor, 'support_case', 'read');
  const filter = {
    status: input.status,
    category: input.category,
    priority: input.priority,
    assignedUserId:
      input.assignee === undefined
        ? undefined
        : input.assignee === 'me'
          ? actor.id
          : input.assignee === 'none'
            ? null
            : input.assignee,
    raisedByUserId: input.mine ? actor.id : undefined,
    isEmergency: input.emergency,
  };
  const binding = { resource: 'support_case', sort: 'createdAt', scope };
  const after = input.cursor === undefined ? undefined : cursors.open(input.cursor, binding);
  const limit = input.limit ?? 50;
  const [rows, total] = await Promise.all([
    selectSupportCases(db, scope, { ...filter, after, limit: limit + 1 }),
    countSupportCases(db, scope, filter),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ position: _position, ...row }) => ({
      ...row,
      ...presentCaseTitle(row),
    })) as SupportCasePage['items'],
    nextCursor:
      rows.length > limit && last ? cursors.seal({ sortKey: last.position, id: last.id }, binding) : null,
    total,
  };
}
