// The customer's consent to a lock on their door, or their refusal (R6.2), recorded with the day
// and how it was given. A refusal (or a withdrawn consent) sets the customer's refused flag,
// cancels their install orders on their own doors that have not started and takes planned moves
// of a lock onto their own door back to requested (core's refusalStepFor); a consent lifts the flag.
import {
  checkRecordedDay,
  checkWorkOrderTransition,
  findEntity as findEntityDefinition,
  hasRefusedLockAfter,
  localToday,
  refusalCancelReason,
  refusalStepFor,
} from '@portvakt/core';
import type { LockConsentBody, LockConsentResult } from '@portvakt/contract';
import {
  countAccessPathDoors,
  findEntity,
  insertLockConsent,
  listUnstartedInstallOrders,
  updateEntity,
} from '@portvakt/storage';
import { moveUnstartedOrder } from './work-order-access';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, notFound, throwIfRefused } from '../platform/errors';

const customerEntity = findEntityDefinition('customer');

export async function recordLockConsent(
  options: WriteOptions<{ customerId: string; consent: LockConsentBody }>,
): Promise<LockConsentResult> {
  const { actor, requestId, now } = options;
  const { customerId, consent } = options.input;
  const scope = authorise(actor, 'lock_consent', 'create');
  throwIfRefused(checkRecordedDay('decidedOn', consent.decidedOn, localToday(now)));
  return withAuditedTransaction(options, async (client, audit) => {
    const before = await findEntity(client, customerEntity, scope, customerId, { isForUpdate: true });
    if (!before) throw notFound(customerEntity.label);
    const hasRefused = hasRefusedLockAfter(consent.decision);
    // The registry's rule (registry-rules.ts): a customer who refused a lock has no digital way in.
    if (hasRefused && (await countAccessPathDoors(client, scope.municipalityId, customerId)) > 0)
      throw new ApiError(
        409,
        'customer_has_access_path',
        'Remove the doors from the customer’s access path before recording that they refused a lock.',
        { field: 'decision' },
      );
    const recorded = await insertLockConsent(client, {
      municipalityId: actor.municipalityId,
      customerId,
      decision: consent.decision,
      decidedOn: consent.decidedOn,
      givenHow: consent.givenHow,
      note: consent.note?.trim() || null,
      recordedBy: actor.label,
      recordedAt: now,
    });
    await audit({ action: 'create', entity: 'lock_consent', entityId: customerId, after: recorded });
    if (before.hasRefusedLock !== hasRefused) {
      await updateEntity(client, customerEntity, scope.municipalityId, customerId, {
        hasRefusedLock: hasRefused,
      });
      const after = await findEntity(client, customerEntity, scope, customerId);
      await audit({ action: 'update', entity: 'customer', entityId: customerId, before, after });
    }
    const cancelledOrders: LockConsentResult['cancelledOrders'] = [];
    const returnedOrders: LockConsentResult['returnedOrders'] = [];
    if (hasRefused) {
      const reason = refusalCancelReason(consent.decision, consent.decidedOn);
      const orders = await listUnstartedInstallOrders(client, actor.municipalityId, {
        customerId,
        isMoveIncluded: true,
      });
      for (const order of orders) {
        const to = refusalStepFor(order);
        if (!to || checkWorkOrderTransition(order.state, to, reason)) continue;
        if (await moveUnstartedOrder(client, actor, order, { to, reason }, { now, requestId }))
          (to === 'cancelled' ? cancelledOrders : returnedOrders).push({
            id: order.id,
            reference: order.reference,
          });
      }
    }
    return {
      consent: { ...recorded, recordedAt: recorded.recordedAt.toISOString() },
      hasRefusedLock: hasRefused,
      cancelledOrders,
      returnedOrders,
    };
  });
}
