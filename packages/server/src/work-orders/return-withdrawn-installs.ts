// The property owner withdrew consent for entrances (R7.1; docs/work-orders.md "Consent"): their
// planned installs, and planned moves of a lock onto them, go back to requested and wait for consent again, the reason a fact the server
// records. An install under way is left to the installer, whom the door then refuses
// (consent_no_longer_given); a requested one already waits.
import { checkWorkOrderTransition, localToday, type ServerTransitionReason } from '@portvakt/core';
import { listUnstartedInstallOrders, transitionWorkOrder, type Queryable } from '@portvakt/storage';

/** What one order's move is audited as: the state before, and the state and reason after. */
export interface ReturnedInstallAudit {
  entityId: string;
  before: { state: string };
  after: { state: 'requested'; reasonKind: ServerTransitionReason['kind']; reasonParams: unknown };
}

export async function returnWithdrawnInstalls(
  db: Queryable,
  withdrawal: {
    municipalityId: string;
    doorIds: readonly string[];
    /** Who the history names for the move: the lock manager, or the owner's contact on a link. */
    actorLabel: string;
    now: Date;
    recordAudit: (entry: ReturnedInstallAudit) => Promise<void>;
  },
): Promise<Array<{ id: string; reference: string }>> {
  const reason: ServerTransitionReason = {
    kind: 'owner_withdrew_consent',
    params: { decidedOn: localToday(withdrawal.now) },
  };
  const returned: Array<{ id: string; reference: string }> = [];
  for (const doorId of withdrawal.doorIds)
    for (const order of await listUnstartedInstallOrders(db, withdrawal.municipalityId, {
      doorId,
      isMoveIncluded: true,
    })) {
      if (order.state !== 'planned' || checkWorkOrderTransition(order.state, 'requested', reason)) continue;
      const isReturned = await transitionWorkOrder(db, {
        municipalityId: withdrawal.municipalityId,
        workOrderId: order.id,
        from: order.state,
        to: 'requested',
        expectedVersion: order.version,
        reason,
        actor: withdrawal.actorLabel,
        at: withdrawal.now,
      });
      if (!isReturned) continue;
      await withdrawal.recordAudit({
        entityId: order.id,
        before: { state: order.state },
        after: { state: 'requested', reasonKind: reason.kind, reasonParams: reason.params },
      });
      returned.push({ id: order.id, reference: order.reference });
    }
  return returned;
}
