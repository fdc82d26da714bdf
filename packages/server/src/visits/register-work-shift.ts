import type { Static } from 'typebox';
import type { RegisterWorkShiftBody } from '@portvakt/contract';
import { checkWorkShiftTimes, judgeVisitChange, readVisitSettings } from '@portvakt/core';
import { findOverlappingWorkShift, insertWorkShift, lockShiftStaffMember } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, ruleCode } from '../platform/errors';
import { readMunicipalitySettings } from '../platform/municipality-settings';

/**
 * Registers a work shift the devices did not see (docs/visits.md "Work shifts"): a work lead for
 * their own staff, the municipality for anyone's. Refused with a code and nothing written for
 * reversed, over-long or future times, a month past its lock date (R5.3), another provider's or
 * an unknown staff member, and times overlapping any other shift of the staff member.
 */
export async function registerWorkShift(
  options: WriteOptions<Static<typeof RegisterWorkShiftBody>>,
): Promise<{ id: string }> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'work_shift', 'create');
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const [timing] = checkWorkShiftTimes(startsAt.getTime(), endsAt.getTime(), now.getTime());
  if (timing) throw new ApiError(422, ruleCode(timing.code), timing.message, { field: timing.field });
  const settings = await readMunicipalitySettings(options.db, actor.municipalityId);
  const [locked] = judgeVisitChange(
    actor.role,
    [startsAt.getTime()],
    now.getTime(),
    readVisitSettings(settings),
  ).violations;
  if (locked) throw new ApiError(422, ruleCode(locked.code), locked.message);
  return withAuditedTransaction(options, async (client, audit) => {
    // Locked until commit: a second registration for the same person waits and then sees this one.
    const staff = await lockShiftStaffMember(client, scope, input.staffMemberId);
    // One answer for another provider's staff member and for one that does not exist.
    if (!staff)
      throw new ApiError(422, 'staff_not_of_provider', 'The staff member does not work for your provider.');
    const overlapping = await findOverlappingWorkShift(
      client,
      input.staffMemberId,
      startsAt,
      endsAt,
      actor.municipalityId,
    );
    if (overlapping)
      throw new ApiError(409, 'overlapping_shift', 'The staff member already has a shift at that time.', {
        workShiftId: overlapping,
      });
    const id = await insertWorkShift(client, {
      municipalityId: actor.municipalityId,
      providerId: staff.providerId,
      staffMemberId: input.staffMemberId,
      startsAt,
      endsAt,
    });
    await audit({
      action: 'create',
      entity: 'work_shift',
      entityId: id,
      after: { ...input, source: 'manual' },
    });
    return { id };
  });
}
