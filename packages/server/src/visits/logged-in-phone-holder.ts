// What every phone visit route decides first (docs/device-gateway.md "Phone visits"): the key is
// the municipality's, active, has a holder, and the phone is logged in for the current shift (its
// login is its activation: visits are registered and read only within the shift it opened).
import { isKeyActivatedNow, shiftHoursOf } from '@portvakt/core';
import type { PhoneKeyContext } from '@portvakt/storage';
import { ApiError } from '../platform/errors';

export interface PhoneHolder {
  id: string;
  providerId: string;
}

/** The phone's context and holder; a 403 with the protocol reason when the phone may not act now. */
export function requireLoggedInPhoneHolder<
  Context extends PhoneKeyContext & { staff: PhoneHolder | undefined },
>(context: Context | undefined, municipalityId: string, now: Date): { context: Context; staff: PhoneHolder } {
  if (!context || context.municipalityId !== municipalityId)
    throw new ApiError(403, 'key-mismatch', 'Not a key of this municipality.');
  if (context.key.status !== 'active')
    throw new ApiError(403, 'key-blocked', `The phone is ${context.key.status}.`);
  const { staff } = context;
  if (!staff) throw new ApiError(403, 'key-mismatch', 'The phone has no holder.');
  if (!isKeyActivatedNow(context.key, shiftHoursOf(context.settings), now.getTime()))
    throw new ApiError(403, 'login-required', 'Log in on the phone to start your shift first.');
  return { context, staff };
}
