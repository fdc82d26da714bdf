// What the visit lists (visits, planned visits, work shifts) share: the period one request may
// ask for (their pages are read with platform/list-cursor.ts's readListPage).
import { judgePeriodOrder } from '@portvakt/core';
import { ApiError } from '../platform/errors';

/** The longest period one request lists: a month and a day either side of it. */
export const maxPeriodDays = 33;

/** `from` and `to` as instants; 400 invalid_range when reversed or longer than maxPeriodDays. */
export function readListPeriod(fromText: string, toText: string): { from: Date; to: Date } {
  const from = new Date(fromText);
  const to = new Date(toText);
  const reversed = judgePeriodOrder(from, to);
  if (reversed) throw new ApiError(400, reversed.code, reversed.message);
  if (to.getTime() - from.getTime() > maxPeriodDays * 86_400_000)
    throw new ApiError(400, 'invalid_range', `A period is at most ${maxPeriodDays} days.`);
  return { from, to };
}
