// The one rule for a period a query asks about (`from`, `to`): the event log, the audit trail,
// reports and exports alike refuse a reversed period rather than answer it with nothing
// (docs/api.md "Errors", house rule 4).

/** Why a period is refused: its stable code and a message naming the parameters. */
export interface PeriodRefusal {
  code: 'invalid_range';
  message: string;
}

/**
 * A half-open period [from, to): `from` must be before `to` when both are given (either may be
 * left out for its default). Null when acceptable, else the refusal.
 */
export function judgePeriodOrder(from: Date | undefined, to: Date | undefined): PeriodRefusal | null {
  if (from === undefined || to === undefined) return null;
  return from < to ? null : { code: 'invalid_range', message: '`from` must be before `to`.' };
}
