import type { NewSupportCaseBody, SupportCaseDetail } from '@portvakt/contract';
import {
  canRaiseSupportCase,
  judgeCaseLinks,
  readRaiserOrganisation,
  readSupportLinkReach,
  supportLinkFields,
  type SupportLinkField,
} from '@portvakt/core';
import { findSupportLinksOutOfReach, insertSupportCase, readCaseCustomerDoors } from '@portvakt/storage';
import { auditWithDetail, withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, forbidden, throwIfRefused } from '../platform/errors';
import { readCaseDetail } from './support-case-access';
import { explainSupportClosed, presentSupportHours, readSupportHoursNow } from './support-hours';

const linkNames: Record<SupportLinkField, string> = {
  lockDeviceId: 'lock',
  digitalKeyId: 'key',
  doorId: 'door',
  customerId: 'customer',
};

/**
 * Raises a case (R9.1, docs/support.md). Outside support hours nothing but an emergency opening
 * may be raised (that is /emergency-openings'), so this answers 422 outside_support_hours with
 * the hours and the next opening, storing nothing; once round-the-clock support is established
 * (R8.3) support never closes (core's isSupportOpen decides both). Each thing the case is about must lie in the
 * raiser's reach: a role that may never link a kind (a property owner a customer, R2.7) is 403;
 * an id out of reach is 404, exactly like an id that does not exist. A door or lock named with a
 * customer must be on that customer's way in (422 door_not_of_customer, lock_not_of_customer), and
 * a lock named with a door must sit on it (422 lock_not_on_door), judged only once every id is
 * known to be in reach. The raiser's organisation is stored on the
 * case and decides who else reads it.
 */
export async function raiseSupportCase(
  options: UseCaseOptions<NewSupportCaseBody> & { now: Date; language: 'sv' | 'en' },
): Promise<SupportCaseDetail> {
  const { actor, input, now, language } = options;
  authorise(actor, 'support_case', 'create');
  const hours = await readSupportHoursNow(options.db, actor.municipalityId, now);
  if (!canRaiseSupportCase({ isEmergency: false, isWithinSupportHours: hours.status.isOpen })) {
    const { isOpen: _isOpen, isRoundTheClock: _always, now: _now, ...when } = presentSupportHours(hours);
    throw new ApiError(422, 'outside_support_hours', explainSupportClosed(hours, language), {
      ...when,
      emergencyOpening: '/api/v1/emergency-openings',
    });
  }
  const reach = readSupportLinkReach(actor);
  for (const field of supportLinkFields)
    if (input[field] !== undefined && reach[field] === null)
      throw forbidden(`Your role cannot link a ${linkNames[field]} to a support case.`);
  const title = input.title.trim();
  return withAuditedTransaction(options, async (client, audit) => {
    const links = Object.fromEntries(supportLinkFields.map((field) => [field, input[field]]));
    const [outside] = await findSupportLinksOutOfReach(client, actor.municipalityId, links, reach);
    if (outside)
      throw new ApiError(
        404,
        'not_found',
        `No ${linkNames[outside]} with id ${input[outside]} that you may link.`,
        {
          field: outside,
        },
      );
    const isDoorOrLock = input.doorId !== undefined || input.lockDeviceId !== undefined;
    const isDoorAndLock = input.doorId !== undefined && input.lockDeviceId !== undefined;
    if ((input.customerId !== undefined && isDoorOrLock) || isDoorAndLock) {
      const doors = (await readCaseCustomerDoors(
        client,
        actor.municipalityId,
        input.customerId ?? null,
        input.lockDeviceId ?? null,
      ))!;
      throwIfRefused(
        judgeCaseLinks(
          {
            doorId: input.doorId,
            lockDoorId: input.lockDeviceId === undefined ? undefined : doors.lockDoorId,
          },
          input.customerId === undefined ? null : doors,
        ),
      );
    }
    const made = await insertSupportCase(
      client,
      {
        municipalityId: actor.municipalityId,
        category: input.category,
        priority: input.priority ?? 'normal',
        title,
        description: input.description?.trim() || null,
        isEmergency: false,
        raisedByUserId: actor.kind === 'user' ? actor.id : null,
        raisedBy: actor.label,
        raisedByRole: actor.role,
        ...readRaiserOrganisation(actor),
        lockDeviceId: input.lockDeviceId ?? null,
        digitalKeyId: input.digitalKeyId ?? null,
        doorId: input.doorId ?? null,
        customerId: input.customerId ?? null,
      },
      now,
    );
    const detail = await readCaseDetail(client, actor, made.id);
    return auditWithDetail(audit, { action: 'create', entity: 'support_case', id: made.id }, detail);
  });
}
