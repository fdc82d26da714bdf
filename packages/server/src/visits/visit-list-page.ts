// What the visit lists (visits, planned visits, work shifts) share: the period one request may
// ask for, and a page of rows with the sealed cursor to the next one (docs/api.md "Paging").
import { ApiError } from '../platform/errors';
import type { CursorBinding, ListCursors } from '../platform/list-cursor';

/** The longest period one request lists: a month and a day either side of it. */
export const maxPeriodDays = 33;

/** `from` and `to` as instants; 400 invalid_range when reversed or longer than maxPeriodDays. */
export function readListPeriod(fromText: string, toText: string): { from: Date; to: Date } {
  const from = new Date(fromText);
  const to = new Date(toText);
  if (!(from < to)) throw new ApiError(400, 'invalid_range', '`from` must be before `to`.');
  if (to.getTime() - from.getTime() > maxPeriodDays * 86_400_000)
    throw new ApiError(400, 'invalid_range', `A period is at most ${maxPeriodDays} days.`);
  return { from, to };
}

/** The first `limit` of rows read with `limit + 1`, and the cursor after them when more remain. */
export function takeListPage<Row extends { id: string; position: string }>(
  rows: Row[],
  limit: number,
  cursors: ListCursors,
  binding: CursorBinding,
): { page: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    nextCursor:
      rows.length > limit && last ? cursors.seal({ sortKey: last.position, id: last.id }, binding) : null,
  };
}
