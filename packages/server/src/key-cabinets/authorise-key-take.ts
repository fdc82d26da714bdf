import type { KeyCabinetTake, NewKeyCabinetTakeBody, SupportCaseTitleParamsOf } from '@portvakt/contract';
import {
  findEntity as findEntityDefinition,
  isAuthorisationLapsed,
  isDigitalFailure,
  isReasonTextRequired,
  supportCategoryOfTakeReason,
  type Scope,
} from '@portvakt/core';
import {
  cancelTake,
  findEntity,
  findOpenTake,
  findTake,
  insertSupportCase,
  insertTake,
  isSupportCaseOfProvider,
  lockHeldBackupKey,
  lockKeyCabinet,
} from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { ApiError, forbidden, notFound } from '../platform/errors';
import { providerOfScope, readKeyOutLimitMinutes } from './key-cabinet-access';
import { presentTake } from './key-cabinet-presenter';

const staffEntity = findEntityDefinition('staff_member');

/**
 * Authorises a take before the cabinet opens the slot (docs/key-cabinets.md "Takes"): staff for
 * themselves, a work lead for their provider's staff, only at their provider's cabinets. The slot
 * must hold a backup key (409 slot_empty) that is not out or promised to someone else (409
 * key_already_out; an authorisation unused for 15 minutes lapses). A digital-failure reason links
 * to the given support case or opens one, titled as the fact `backup_key_taken` (cabinet, slot). What the body's schema cannot say is a rule with its own
 * code, never `validation_failed` (always 400, docs/api.md "Errors"): a work lead names the staff
 * member (422 staff_member_required), only a digital failure names a case (422
 * support_case_not_applicable). The cabinet's signed records then fill in when the key
 * was taken and returned.
 */
export async function authoriseKeyTake(
  options: WriteOptions<{ keyCabinetId: string; take: NewKeyCabinetTakeBody }> & { scope: Scope },
): Promise<KeyCabinetTake> {
  const { actor, scope, input, now } = options;
  const { take } = input;
  const providerId = providerOfScope(scope);
  if (!providerId) throw forbidden('Takes are authorised for a provider’s staff.');
  let staffMemberId = take.staffMemberId;
  if (scope.kind === 'self') {
    if (staffMemberId && staffMemberId !== scope.staffMemberId)
      throw forbidden('Staff authorise takes for themselves only.');
    staffMemberId = scope.staffMemberId;
  }
  if (!staffMemberId)
    throw new ApiError(422, 'staff_member_required', 'Name the staff member taking the key.', {
      field: 'staffMemberId',
    });
  if (isReasonTextRequired(take.reason) && !take.reasonText?.trim())
    throw new ApiError(422, 'reason_text_required', 'Say why the key is taken.', { field: 'reasonText' });
  if (take.supportCaseId && !isDigitalFailure(take.reason))
    throw new ApiError(
      422,
      'support_case_not_applicable',
      'Only a digital failure links to a support case.',
      {
        field: 'supportCaseId',
      },
    );
  return withAuditedTransaction(options, async (client, audit) => {
    const providerScope = { kind: 'provider', municipalityId: actor.municipalityId, providerId } as const;
    if (!(await findEntity(client, staffEntity, providerScope, staffMemberId)))
      throw new ApiError(422, 'staff_not_of_provider', 'That staff member does not work for your provider.', {
        field: 'staffMemberId',
      });
    const cabinet = await lockKeyCabinet(client, actor.municipalityId, input.keyCabinetId, providerId);
    if (!cabinet) throw notFound('key cabinet');
    if (cabinet.retiredAt) throw new ApiError(409, 'cabinet_retired', 'The cabinet is retired.');
    if (take.slot > cabinet.slotCount)
      throw new ApiError(422, 'no_such_slot', `The cabinet has ${cabinet.slotCount} slots.`, {
        field: 'slot',
      });
    const open = await findOpenTake(client, actor.municipalityId, cabinet.id, take.slot);
    if (open?.takenAt) throw new ApiError(409, 'key_already_out', `The key in slot ${take.slot} is out.`);
    if (open && !isAuthorisationLapsed(open, now))
      throw new ApiError(409, 'key_already_out', `A take from slot ${take.slot} is already authorised.`);
    const key = await lockHeldBackupKey(client, actor.municipalityId, cabinet.id, take.slot);
    if (!key) throw new ApiError(409, 'slot_empty', `Slot ${take.slot} holds no key.`);
    if (open) await cancelTake(client, actor.municipalityId, open.id, now);

    let supportCaseId: string | null = null;
    if (take.reason !== 'planned' && take.reason !== 'other' && isDigitalFailure(take.reason)) {
      if (take.supportCaseId) {
        if (!(await isSupportCaseOfProvider(client, actor.municipalityId, take.supportCaseId, providerId)))
          throw new ApiError(422, 'unknown_reference', `No support case with id ${take.supportCaseId}.`, {
            field: 'supportCaseId',
          });
        supportCaseId = take.supportCaseId;
      } else {
        const made = await insertSupportCase(
          client,
          {
            municipalityId: actor.municipalityId,
            category: supportCategoryOfTakeReason[take.reason],
            title: '',
            titleKind: 'backup_key_taken',
            titleParams: {
              cabinetName: cabinet.name,
              slot: take.slot,
            } satisfies SupportCaseTitleParamsOf<'backup_key_taken'>,
            description: take.reasonText ?? null,
            raisedByUserId: actor.kind === 'user' ? actor.id : null,
            raisedBy: actor.label,
            raisedByRole: actor.role,
            providerId,
            customerId: key.customerId,
            doorId: key.doorId,
          },
          now,
        );
        supportCaseId = made.id;
        await audit({
          action: 'create',
          entity: 'support_case',
          entityId: made.id,
          after: { ...made, reason: take.reason, keyCabinetId: cabinet.id, slot: take.slot },
        });
      }
    }
    const id = await insertTake(
      client,
      {
        municipalityId: actor.municipalityId,
        keyCabinetId: cabinet.id,
        slot: take.slot,
        backupKeyId: key.id,
        staffMemberId,
        reason: take.reason,
        reasonText: take.reasonText?.trim() ?? null,
        supportCaseId,
      },
      now,
    );
    const after = presentTake(
      (await findTake(client, actor.municipalityId, id))!,
      now,
      await readKeyOutLimitMinutes(client, actor.municipalityId),
    );
    await audit({ action: 'create', entity: 'key_cabinet_take', entityId: id, after });
    return after;
  });
}
