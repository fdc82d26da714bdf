import { checkInTakeOverReason, mayServeCustomer, phoneVisitMarginMinutes } from '@portvakt/core';
import {
  findOverlappingVisit,
  insertPhoneVisit,
  lockStaffPhoneVisits,
  openWorkShift,
  takeOverLockVisits,
  withTransaction,
} from '@portvakt/storage';
import type { PermissionIndexCache } from '../access';
import { ApiError } from '../platform/errors';
import { auditPhoneVisit, judgePhoneVisit, type PhoneVisitOptions } from './phone-visit-checks';

const alreadyOpen = (visitId: string) =>
  new ApiError(409, 'visit_already_open', 'You are already checked in at this customer.', { visitId });

export interface PhoneVisitAnswer {
  visitId: string;
  state: 'incomplete' | 'registered';
  arrival: Date;
  departure: Date | null;
}

/**
 * A staff member checks in at a customer with their phone (R5.1; docs/device-gateway.md "Phone
 * visits"): for customers without a lock or who refused one. Allowed exactly when the staff member
 * may be let in through that customer now (`mayServeCustomer`, the rule that decides whether
 * their ticket opens the customer's door). Opens a visit with source `phone`, state `incomplete`,
 * the issuer's clock as its arrival and the signed request as its evidence; opens or extends the
 * work shift like the phone's login; audited as `check_in`. A lock visit the staff member's own key
 * turn at the customer's door began within `phoneVisitMarginMinutes` before (a phone that opened
 * the door and uploaded the turn at once) is this visit's: voided, its turn confirming this one,
 * audited as `void`. A refusal writes no visit; a refused permission is audited as
 * `check_in_refused` (a verified phone asked).
 */
export async function checkInVisit(
  options: PhoneVisitOptions & { permissions: PermissionIndexCache },
): Promise<PhoneVisitAnswer> {
  const { db, input, now } = options;
  const judged = await judgePhoneVisit(db, input, now);
  const { context, staff, customerId, evidence } = judged;
  const { phone } = input;
  const visit = { phone, judged, requestId: options.requestId };
  if (context.openVisit) throw alreadyOpen(context.openVisit.id);
  const { index } = await options.permissions.get(phone.municipalityId, context.factsVersion);
  if (!mayServeCustomer(index, staff.id, customerId, now)) {
    await auditPhoneVisit(db, visit, {
      action: 'check_in_refused',
      entity: 'digital_key',
      entityId: phone.digitalKeyId,
      detail: { code: 'not_permitted' },
    });
    throw new ApiError(403, 'not_permitted', 'You may not visit this customer now.');
  }
  return withTransaction(db, async (client) => {
    // Two check-ins sent at once: the second waits here, then finds the first one open.
    await lockStaffPhoneVisits(client, staff.id);
    const opened = await insertPhoneVisit(client, {
      municipalityId: phone.municipalityId,
      providerId: staff.providerId,
      customerId,
      staffMemberId: staff.id,
      arrival: now,
      createdBy: 'phone',
      evidence,
    });
    if ('openVisitId' in opened) throw alreadyOpen(opened.openVisitId);
    // Before the overlap check: the turn a minute ago is this stay, not a visit elsewhere.
    const takenOver = await takeOverLockVisits(client, {
      municipalityId: phone.municipalityId,
      customerId,
      staffMemberId: staff.id,
      phoneVisitId: opened.visitId,
      since: new Date(now.getTime() - phoneVisitMarginMinutes * 60_000),
      at: now,
      reason: checkInTakeOverReason,
      createdBy: 'phone',
    });
    for (const visitId of takenOver)
      await auditPhoneVisit(client, visit, {
        action: 'void',
        entity: 'visit',
        entityId: visitId,
        detail: { reason: checkInTakeOverReason, phoneVisitId: opened.visitId },
      });
    // A person is at one customer (or couple) at a time (the rule every visit write keeps, visit-checks.ts);
    // checked after the insert, under the lock, and undone with it.
    const overlapping = await findOverlappingVisit(
      client,
      [staff.id],
      now,
      null,
      opened.visitId,
      phone.municipalityId,
      customerId,
    );
    if (overlapping)
      throw new ApiError(409, 'overlapping_visit', 'You already have a visit at this time.', {
        visitId: overlapping,
      });
    // The shift the login opened runs until its ticket ends; this reopens it should it be gone.
    await openWorkShift(
      client,
      { municipalityId: phone.municipalityId, digitalKeyId: phone.digitalKeyId },
      'phone',
      new Date(context.key.ticketExpiresAt!),
      now,
    );
    await auditPhoneVisit(client, visit, {
      action: 'check_in',
      entity: 'visit',
      entityId: opened.visitId,
      detail: { arrival: now.toISOString() },
    });
    return { visitId: opened.visitId, state: 'incomplete', arrival: now, departure: null };
  });
}
