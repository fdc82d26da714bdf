import type { KeyCabinetTake, NewKeyCabinetTakeBody, SupportCaseTitleParamsOf } from '@portvakt/contract';
import {
  checkTakeCaseSubject,
  decideAccess,
  findEntity as findEntityDefinition,
  isAuthorisationLapsed,
  isDigitalFailure,
  isReasonTextRequired,
  isTakeOfSlotKey,
  supportCategoryOfTakeReason,
  type Actor,
  type Scope,
} from '@portvakt/core';
import {
  findEntity,
  findOpenTake,
  findSupportCase,
  findSupportCaseSubject,
  findTake,
  insertSupportCase,
  insertTake,
  lockHeldBackupKey,
  lockKeyCabinet,
  type HeldBackupKey,
  type Queryable,
} from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { ApiError, forbidden, notFound, throwIfRefused } from '../platform/errors';
import { providerOfScope, readKeyOutLimitMinutes } from './key-cabinet-access';
import { presentTake } from './key-cabinet-presenter';
import { cancelAuditedTake } from './release-key-takes';

const staffEntity = findEntityDefinition('staff_member');

/**
 * Authorises a take before the cabinet opens the slot (docs/key-cabinets.md "Takes"): staff for
 * themselves, a work lead for their provider's staff, only at their provider's cabinets. The slot
 * must hold a backup key (409 slot_empty) that is not out or promised to someone else (409
 * key_already_out; an authorisation unused for 15 minutes lapses, and one of a key that has left
 * the slot no longer counts: a take is bound to its key). A digital-failure reason links to the
 * given support case (one the caller reads, about the key's customer or door) or opens one, titled
 * as the fact `backup_key_taken` (cabinet, slot). What the body's schema cannot say is a rule with its own
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
    const key = await lockHeldBackupKey(client, actor.municipalityId, cabinet.id, take.slot);
    // An authorisation blocks the slot only while in force and for the key the slot holds now.
    if (open && isTakeOfSlotKey(open, key?.id) && !isAuthorisationLapsed(open, now))
      throw new ApiError(409, 'key_already_out', `A take from slot ${take.slot} is already authorised.`);
    if (!key) throw new ApiError(409, 'slot_empty', `Slot ${take.slot} holds no key.`);
    if (open)
      await cancelAuditedTake(client, audit, { municipalityId: actor.municipalityId, id: open.id }, now);

    let supportCaseId: string | null = null;
    if (take.reason !== 'planned' && take.reason !== 'other' && isDigitalFailure(take.reason)) {
      if (take.supportCaseId) {
        await checkLinkedCase(client, actor, take.supportCaseId, key);
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

/**
 * The support case a take names: one the caller may read (the scope of GET /support-cases/{id};
 * any other is answered exactly like an unknown id, so no reference outside that scope is
 * learnt), about the taken key's customer or door (422 support_case_of_other_customer).
 */
async function checkLinkedCase(
  db: Queryable,
  actor: Actor,
  supportCaseId: string,
  key: HeldBackupKey,
): Promise<void> {
  const caseScope = decideAccess(actor, 'support_case', 'read');
  if (!caseScope || !(await findSupportCase(db, caseScope, supportCaseId)))
    throw new ApiError(422, 'unknown_reference', `No support case with id ${supportCaseId}.`, {
      field: 'supportCaseId',
    });
  const subject = await findSupportCaseSubject(db, actor.municipalityId, supportCaseId);
  throwIfRefused(subject ? checkTakeCaseSubject(subject, key) : null);
}
