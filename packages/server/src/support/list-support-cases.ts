import type { SupportCasePage, SupportCaseQuery } from '@portvakt/contract';
import { countSupportCases, listSupportCases as selectSupportCases } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { readListPage, type ListOptions } from '../platform/list-cursor';
import { presentCaseTitle } from './case-title-presenter';

/**
 * Cases inside the actor's scope, newest first, filtered, in pages (docs/support.md). `total`
 * counts the same rows the pages hold, so it reveals nothing the scope hides; a cursor is bound
 * to the list, its filters' scope and the actor's reach.
 */
export async function listSupportCases(options: ListOptions<SupportCaseQuery>): Promise<SupportCasePage> {
  const { db, actor, input } = options;
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
  const list = { resource: 'support_case', sort: 'createdAt', scope, defaultLimit: 50 };
  const [{ page, nextCursor }, total] = await Promise.all([
    readListPage(options, list, (after, limit) => selectSupportCases(db, scope, { ...filter, after, limit })),
    countSupportCases(db, scope, filter),
  ]);
  return {
    items: page.map(({ position: _position, ...row }) => ({
      ...row,
      ...presentCaseTitle(row),
    })) as SupportCasePage['items'],
    nextCursor,
    total,
  };
}
