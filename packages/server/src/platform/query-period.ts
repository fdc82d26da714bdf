// A query's period (`from`, `to` as ISO instants) for every route that takes one: the event log,
// the audit trail, reports. Refused by core's one rule (judgePeriodOrder) with 400 invalid_range,
// as the visit lists and exports refuse it, before anything is looked up.
import { judgePeriodOrder } from '@portvakt/core';
import { ApiError } from './errors';

/** `from` and `to` as instants (undefined when left out); 400 invalid_range when reversed. */
export function readQueryPeriod(query: { from?: string | undefined; to?: string | undefined }): {
  from: Date | undefined;
  to: Date | undefined;
} {
  const from = query.from === undefined ? undefined : new Date(query.from);
  const to = query.to === undefined ? undefined : new Date(query.to);
  const refusal = judgePeriodOrder(from, to);
  if (refusal) throw new ApiError(400, refusal.code, refusal.message);
  return { from, to };
}
