import type { Static } from 'typebox';
import type { VisitPage, VisitQuery } from '@portvakt/contract';
import { listVisits as selectVisits } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import type { ListCursors } from '../platform/list-cursor';
import { presentVisit } from './visit-presenter';

/** The longest period one request lists: a month and a day either side of it. */
const maxPeriodDays = 33;

/** Current versions of the visits in a period inside the actor's scope, oldest first, in pages. */
export async function listVisits({
  db,
  actor,
  input,
  cursors,
}: ReadOptions<Static<typeof VisitQuery>> & { cursors: ListCursors }): Promise<VisitPage> {
  const scope = authorise(actor, 'visit', 'read');
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (!(from < to)) throw new ApiError(400, 'invalid_range', '`from` must be before `to`.');
  if (to.getTime() - from.getTime() > maxPeriodDays * 86_400_000)
    throw new ApiError(400, 'invalid_range', `A period is at most ${maxPeriodDays} days.`);
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
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(presentVisit),
    nextCursor:
      rows.length > limit && last ? cursors.seal({ sortKey: last.position, id: last.id }, binding) : null,
  };
}
