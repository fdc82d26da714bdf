import type {
  EmergencyFollowUpBody,
  EmergencyOpening,
  SupportCaseNoteParamsOf,
  SupportCaseTitleParamsOf,
} from '@portvakt/contract';
import { followUpWorkOrderKind, type SupportCaseCategory } from '@portvakt/core';
import {
  findEmergencyOpening,
  findOpenWorkOrderId,
  insertSupportCase,
  insertWorkOrders,
} from '@portvakt/storage';
import type { Static } from 'typebox';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { noteAuthorOf } from '../support';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { changeEmergency, checkStep, findEmergencyToChange, noteOnEmergencyCase } from './emergency-access';
import { presentEmergency } from './emergency-presenter';

/** The support case category a cause calls for. */
function caseCategory(cause: string | null): SupportCaseCategory {
  return cause === 'lock_fault' || cause === 'battery' || cause === 'key_fault' ? cause : 'other';
}

/**
 * Opens what follows from an emergency: a work order on the door (a battery change for a flat
 * battery, a repair otherwise; an order of that kind already open on the door is linked instead
 * of a second one) or a support case about the same door, lock and customer, titled as a fact
 * (`emergency_follow_up`, worded by the reader). One of each at most (409 follow_up_exists).
 * Noted on the emergency's case (`follow_up_opened`, put into words by the console) and audited.
 */
export async function openEmergencyFollowUp(
  options: WriteOptions<{ id: string; change: Static<typeof EmergencyFollowUpBody> }>,
): Promise<EmergencyOpening> {
  const { actor, input, now } = options;
  return withAuditedTransaction(options, async (client, audit) => {
    const { row, scope } = await findEmergencyToChange(client, actor, input.id, input.change.version);
    checkStep(row, 'follow_up');
    const note = input.change.note?.trim() || null;
    let after: Record<string, unknown>;
    let params: SupportCaseNoteParamsOf<'follow_up_opened'>;
    if (input.change.kind === 'work_order') {
      if (row.followUpWorkOrderId) throw followUpExists();
      const kind = followUpWorkOrderKind(row.cause);
      const [made] = await insertWorkOrders(
        client,
        actor.municipalityId,
        [
          {
            kind,
            doorId: row.doorId,
            origin: 'manual',
            lockDeviceId: row.lockId,
            customerId: row.customerId,
            // Which emergency it follows up is on record (the emergency's follow_up_work_order_id),
            // answered as `followsUpEmergencies`; the notes keep only what the person wrote.
            notes: note,
          },
        ],
        actor.label,
        now,
      );
      const workOrderId =
        made?.id ?? (await findOpenWorkOrderId(client, row.municipalityId, row.doorId, kind));
      if (!workOrderId) throw followUpExists();
      if (made)
        await audit({
          action: 'create',
          entity: 'work_order',
          entityId: made.id,
          after: { kind, doorId: row.doorId, emergencyOpeningId: row.id },
        });
      await changeEmergency(client, row, { followUpWorkOrderId: workOrderId });
      after = { followUpWorkOrderId: workOrderId, kind, isExisting: !made };
      params = { followUp: 'work_order', reference: made?.reference ?? null, workOrderKind: kind };
    } else {
      if (row.followUpCaseId) throw followUpExists();
      const made = await insertSupportCase(
        client,
        {
          municipalityId: actor.municipalityId,
          category: caseCategory(row.cause),
          priority: 'high',
          title: '',
          titleKind: 'emergency_follow_up',
          titleParams: {
            emergencyReference: row.reference,
          } satisfies SupportCaseTitleParamsOf<'emergency_follow_up'>,
          description: note,
          raisedByUserId: noteAuthorOf(actor).authorUserId,
          raisedBy: actor.label,
          raisedByRole: actor.role,
          providerId: row.providerId,
          lockDeviceId: row.lockId,
          doorId: row.doorId,
          customerId: row.customerId,
        },
        now,
      );
      await audit({
        action: 'create',
        entity: 'support_case',
        entityId: made.id,
        after: { reference: made.reference, emergencyOpeningId: row.id },
      });
      await changeEmergency(client, row, { followUpCaseId: made.id });
      after = { followUpCaseId: made.id };
      params = { followUp: 'support_case', reference: made.reference, workOrderKind: null };
    }
    await noteOnEmergencyCase(
      client,
      { supportCaseId: row.supportCaseId, actor, now },
      { kind: 'follow_up_opened', body: '', params },
    );
    await audit({
      action: 'update',
      entity: 'emergency_opening',
      entityId: row.id,
      before: { version: row.version },
      after,
    });
    return presentEmergency((await findEmergencyOpening(client, scope, row.id))!, scope, now);
  });
}

const followUpExists = () =>
  new ApiError(409, 'follow_up_exists', 'The emergency already has a follow-up of that kind.');
