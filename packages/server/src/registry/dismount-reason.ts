import { isDismountReasonMissing } from '@portvakt/core';
import { ApiError } from '../platform/errors';

/**
 * The trimmed reason of a dismount or move; a forced one must say why (core's
 * isDismountReasonMissing), else 422 reason_required on `reason` with `message`.
 */
export function readDismountReason(input: { force?: boolean; reason?: string }, message: string): string {
  const reason = input.reason?.trim() ?? '';
  if (isDismountReasonMissing(input.force === true, reason))
    throw new ApiError(422, 'reason_required', message, { field: 'reason' });
  return reason;
}
