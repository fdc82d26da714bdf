import { judgeExportPeriod } from '@portvakt/core';
import { ApiError } from '../platform/errors';

/** An events or visits export's period from the query: 400 period_required or invalid_range. */
export function readExportPeriod(input: { from?: string | undefined; to?: string | undefined }): {
  from: Date;
  to: Date;
} {
  const from = input.from === undefined ? undefined : new Date(input.from);
  const to = input.to === undefined ? undefined : new Date(input.to);
  const refusal = judgeExportPeriod(from, to);
  if (refusal) throw new ApiError(400, refusal.code, refusal.message);
  return { from: from!, to: to! };
}

/** Events and visits have no kinds: a `kind` there is a mistake the caller should hear of. */
export function refuseKind(what: string, kind: string | undefined): void {
  if (kind !== undefined) throw new ApiError(400, 'unknown_export_kind', `The ${what} export has no kinds.`);
}

/** `2026-01-01` for a file name. */
export const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);
