import { checkVisitTimes, judgeVisitChange, readVisitSettings } from '@portvakt/core';
import { completePhoneVisit, lockStaffPhoneVisits, withTransaction } from '@portvakt/storage';
import { ApiError, ruleCode } from '../platform/errors';
import type { PhoneVisitAnswer } from './check-in-visit';
import { auditPhoneVisit, judgePhoneVisit, type PhoneVisitOptions } from './phone-visit-checks';

const noOpenVisit = () =>
  new ApiError(409, 'no_open_visit', 'You are not checked in at this customer (within the last 12 hours).');

/**
 * A staff member checks out at a customer with their phone: completes their open phone check-in
 * there (made within 12 hours, still the phone's own first version) with the issuer's clock as its
 * departure and the signed request as its evidence; state `registered`; audited as `check_out`.
 * Permission is not asked again: leaving after the service window closed is still leaving. A
 * check-out with no open check-in is refused (`no_open_visit`) and writes nothing.
 */
export async function checkOutVisit(options: PhoneVisitOptions): Promise<PhoneVisitAnswer> {
  const { db, input, now } = options;
  const judged = await judgePhoneVisit(db, input, now);
  const { context, staff, evidence } = judged;
  const open = context.openVisit;
  if (!open || open.version !== 1) throw noOpenVisit();
  const [timing] = checkVisitTimes(open.arrival.getTime(), now.getTime(), now.getTime());
  if (timing) throw new ApiError(422, ruleCode(timing.code), timing.message, { field: timing.field });
  const [locked] = judgeVisitChange(
    'staff',
    [open.arrival.getTime()],
    now.getTime(),
    readVisitSettings(context.settings),
  ).violations;
  if (locked) throw new ApiError(422, ruleCode(locked.code), locked.message);
  const { phone } = input;
  return withTransaction(db, async (client) => {
    await lockStaffPhoneVisits(client, staff.id);
    const isCompleted = await completePhoneVisit(client, {
      visitId: open.id,
      municipalityId: phone.municipalityId,
      departure: now,
      evidence,
    });
    // Checked out meanwhile by another request, or corrected by the work lead.
    if (!isCompleted) throw noOpenVisit();
    await auditPhoneVisit(
      client,
      { phone, judged, requestId: options.requestId },
      { action: 'check_out', entity: 'visit', entityId: open.id, detail: { departure: now.toISOString() } },
    );
    return { visitId: open.id, state: 'registered', arrival: open.arrival, departure: now };
  });
}
