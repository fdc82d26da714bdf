import type { Static } from 'typebox';
import type { CorrectVisitBody } from '@portvakt/contract';
import { isVisitCounted } from '@portvakt/core';
import { findServicesBeforeDecline } from '@portvakt/storage';
import type { UseCaseOptions } from '../platform/context';
import { throwIfRefused } from '../platform/errors';
import { changeVisit } from './visit-change';

/**
 * Corrects a visit's times, staff or services as a new version, with the reason (R5.3). A
 * correction that makes a declined visit count again, naming no services, gives back those of the
 * version before the decline (a decline records none), so it is not billed `unspecified`.
 */
export async function correctVisit(
  options: UseCaseOptions<Static<typeof CorrectVisitBody> & { visitId: string }> & { now: Date },
) {
  const { input } = options;
  const servicesBeforeDecline =
    input.services === undefined
      ? await findServicesBeforeDecline(options.db, options.actor.municipalityId, input.visitId)
      : undefined;
  return changeVisit(options, 'correct', (current) => {
    const departure = input.departure === undefined ? current.departure : input.departure;
    // A corrected visit counts, and a visit counts only with a departure (the visit table says so too).
    if (departure === null)
      throwIfRefused({
        code: 'departure_required',
        field: 'departure',
        message: 'A corrected visit needs a departure: give the time the visit ended.',
      });
    const isUncountedWithoutServices = !isVisitCounted(current.state) && current.services.length === 0;
    return {
      customerId: input.customerId ?? current.customerId,
      staffMemberIds: input.staffMemberIds ?? current.staffMemberIds,
      state: 'corrected',
      arrival: input.arrival ? new Date(input.arrival) : current.arrival,
      departure: departure === null ? null : new Date(departure),
      services:
        input.services ??
        (isUncountedWithoutServices ? (servicesBeforeDecline ?? current.services) : current.services),
      declinedReason: null,
      note: current.note,
    };
  });
}
