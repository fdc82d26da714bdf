// One page of a visit list over a period (visits, planned visits): the period the query asks for
// (readListPeriod), the rows in the actor's scope for the list's resource, 200 to a page unless
// the query says, in sealed-cursor order (platform/list-cursor.ts's readListPage).
import type { Scope } from '@portvakt/core';
import { authorise } from '../platform/authorise';
import { readListPage, type ListOptions, type ListPosition } from '../platform/list-cursor';
import { readListPeriod } from './visit-list-page';

export interface PeriodSelection {
  from: Date;
  to: Date;
  after: ListPosition | undefined;
  limit: number;
}

export function readPeriodListPage<Row extends { id: string; position: string }>(
  options: ListOptions<{ from: string; to: string; cursor?: string; limit?: number }>,
  list: { resource: 'visit' | 'planned_visit'; sort: string },
  select: (scope: Scope, selection: PeriodSelection) => Promise<Row[]>,
): Promise<{ page: Row[]; nextCursor: string | null }> {
  const scope = authorise(options.actor, list.resource, 'read');
  const { from, to } = readListPeriod(options.input.from, options.input.to);
  return readListPage(options, { ...list, scope, defaultLimit: 200 }, (after, limit) =>
    select(scope, { from, to, after, limit }),
  );
}
