import type { Static } from 'typebox';
import type { RegisterVisitBody } from '@portvakt/contract';
import { findMunicipality, findStaffProvider, insertVisit, lockStaffVisits } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { withdrawDayApprovals } from './visit-change';
import { checkVisitWrite, refuseOverlappingVisit, type VisitCandidate } from './visit-checks';

/**
 * Registers a visit afterwards, by hand (R5.1): for a customer without a lock, or one the lock
 * did not see. A work lead registers for their own provider; the municipality for the staff's.
 */
export async function registerVisit(
  options: WriteOptions<Static<typeof RegisterVisitBody>>,
): Promise<{ id: string }> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'visit', 'create');
  const providerId =
    scope.kind === 'provider'
      ? scope.providerId
      : await findStaffProvider(options.db, actor.municipalityId, input.staffMemberIds[0]!);
  if (!providerId)
    throw new ApiError(
      422,
      'staff_not_of_provider',
      'Every staff member must work for the visit’s provider.',
    );
  const arrival = new Date(input.arrival);
  const departure = input.departure === null ? null : new Date(input.departure);
  const municipality = await findMunicipality(options.db, actor.municipalityId);
  const candidate: VisitCandidate = {
    providerId,
    customerId: input.customerId,
    staffMemberIds: input.staffMemberIds,
    arrival,
    departure,
    state: departure ? 'registered' : 'incomplete',
    visitId: null,
  };
  const settings = municipality?.settings ?? {};
  // A municipality admin registering after the lock date is late, as a correction then is: the
  // next compensation run lists it (docs/visits.md "Corrections").
  const { isLate } = await checkVisitWrite(options.db, actor, candidate, {
    now,
    settings,
    touchedInstants: [arrival.getTime()],
  });
  return withAuditedTransaction(options, async (client, audit) => {
    // Two registrations of one staff member sent at once both pass the check above: the second
    // waits here for the first to commit, and the check after the insert then sees it.
    await lockStaffVisits(client, candidate.staffMemberIds);
    const id = await insertVisit(client, {
      ...candidate,
      municipalityId: actor.municipalityId,
      source: 'manual',
      services: input.services,
      declinedReason: null,
      note: input.note ?? null,
      createdBy: actor.label,
      isLate,
    });
    await refuseOverlappingVisit(client, actor.municipalityId, { ...candidate, visitId: id });
    const withdrawnShiftApprovals = await withdrawDayApprovals(client, actor.municipalityId, settings, {
      staffMemberIds: candidate.staffMemberIds,
      instants: [arrival.getTime()],
    });
    await audit({
      action: 'create',
      entity: 'visit',
      entityId: id,
      after: { ...input, isLate, ...(withdrawnShiftApprovals.length > 0 && { withdrawnShiftApprovals }) },
    });
    return { id };
  });
}
