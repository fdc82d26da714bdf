// The checks every visit write makes before it changes anything (docs/visits.md "Corrections"):
// times (core), the month's lock date (core), the provider serving the customer that day and
// the staff being the provider's own, and no staff member at two customers at once (unless the
// two share a home, or the write leaves the visit declined: it then counts nothing and overlaps
// nothing).
import {
  checkVisitTimes,
  isVisitCounted,
  judgeVisitChange,
  readVisitSettings,
  type Actor,
  type VisitState,
} from '@portvakt/core';
import { findOverlappingVisit, readVisitReferences, type Queryable } from '@portvakt/storage';
import { ApiError, ruleCode } from '../platform/errors';

export interface VisitCandidate {
  providerId: string;
  customerId: string;
  staffMemberIds: string[];
  arrival: Date;
  departure: Date | null;
  /** The state the write leaves the visit in: a declined one is not checked for overlap. */
  state: VisitState;
  /** The visit being changed (its own times never overlap it). */
  visitId: string | null;
}

/**
 * Throws a 4xx for the first broken rule; returns whether the change is late (a municipality
 * admin after the lock date: flagged in the next compensation run).
 */
export async function checkVisitWrite(
  db: Queryable,
  actor: Actor,
  candidate: VisitCandidate,
  options: { now: Date; settings: Record<string, unknown>; touchedInstants: number[] },
): Promise<{ isLate: boolean }> {
  const now = options.now.getTime();
  const [timing] = checkVisitTimes(candidate.arrival.getTime(), candidate.departure?.getTime() ?? null, now);
  if (timing) throw new ApiError(422, ruleCode(timing.code), timing.message, { field: timing.field });
  const judgement = judgeVisitChange(
    actor.role,
    options.touchedInstants,
    now,
    readVisitSettings(options.settings),
  );
  const [locked] = judgement.violations;
  if (locked) throw new ApiError(422, ruleCode(locked.code), locked.message);
  const references = await readVisitReferences(
    db,
    actor.municipalityId,
    candidate.providerId,
    candidate.customerId,
    candidate.staffMemberIds,
    candidate.arrival,
  );
  // One answer for a customer of another provider and for one that does not exist.
  if (!references.isCustomerServed)
    throw new ApiError(422, 'customer_not_served', 'The provider does not serve this customer on that day.');
  if (references.providerStaffIds.length !== candidate.staffMemberIds.length)
    throw new ApiError(
      422,
      'staff_not_of_provider',
      'Every staff member must work for the visit’s provider.',
    );
  await refuseOverlappingVisit(db, actor.municipalityId, candidate);
  return { isLate: judgement.isLate };
}

/**
 * Refuses (409) a visit of any of the candidate's staff overlapping its times: a person is at one
 * customer at a time, or with a couple who share a home (docs/visits.md "A shared home"). Made again inside the write's transaction, after it wrote and holding
 * `lockStaffVisits`, because two writes checked before either committed both pass. A decline is
 * not refused: it takes the visit out of what counts, which is how an overlap is resolved.
 */
export async function refuseOverlappingVisit(
  db: Queryable,
  municipalityId: string,
  candidate: Pick<
    VisitCandidate,
    'customerId' | 'staffMemberIds' | 'arrival' | 'departure' | 'state' | 'visitId'
  >,
): Promise<void> {
  if (!isVisitCounted(candidate.state)) return;
  const overlapping = await findOverlappingVisit(
    db,
    candidate.staffMemberIds,
    candidate.arrival,
    candidate.departure,
    candidate.visitId,
    municipalityId,
    candidate.customerId,
  );
  if (overlapping)
    throw new ApiError(409, 'overlapping_visit', 'A staff member already has a visit at that time.', {
      visitId: overlapping,
    });
}
