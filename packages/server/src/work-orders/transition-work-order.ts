import type { WorkOrderDetail, WorkOrderTransitionBody } from '@portvakt/contract';
import {
  checkConsentForPlanning,
  checkWorkOrderTransition,
  isFinishedAtTheDoor,
  type WorkOrderKind,
  type WorkOrderState,
} from '@portvakt/core';
import {
  findInstalledLockOnDoor,
  insertBatteryChange,
  transitionWorkOrder as writeTransition,
} from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { findOrderInScope, recordOrderChange, versionConflict } from './work-order-access';
import { assertConsent } from './work-order-door-steps';

/**
 * Moves an order to another state by core's rules (invalid_transition, reason_required). An
 * order that waits for a consent is not planned while the consent is missing, refused or
 * withdrawn (409 consent_missing, R6.2, R7.1). Installs, dismounts and moves are finished by
 * their action at the door, not by this. A battery order done is the lock's battery change
 * (R2.4): recorded with it, so the forecast starts over without a second entry by hand.
 */
export async function transitionWorkOrder(
  options: WriteOptions<{ id: string; change: WorkOrderTransitionBody }>,
): Promise<WorkOrderDetail> {
  const { actor, input, now } = options;
  const { to } = input.change;
  const reason = input.change.reason?.trim() || null;
  return withAuditedTransaction(options, async (client, audit) => {
    const before = await findOrderInScope(client, actor, input.id, 'update');
    const version = before.version as number;
    if (input.change.version !== undefined && input.change.version !== version) throw versionConflict();
    const from = before.state as WorkOrderState;
    const refusal = checkWorkOrderTransition(from, to, reason);
    if (refusal)
      throw new ApiError(refusal.code === 'invalid_transition' ? 409 : 422, refusal.code, refusal.message);
    const kind = before.kind as WorkOrderKind;
    if (to === 'done' && isFinishedAtTheDoor(kind))
      throw new ApiError(
        409,
        'invalid_transition',
        `A ${kind} order is finished at the door (POST /api/v1/work-orders/{id}/${kind}).`,
      );
    if (to === 'planned') await assertConsent(client, before, checkConsentForPlanning);
    const isMoved = await writeTransition(client, {
      municipalityId: actor.municipalityId,
      workOrderId: input.id,
      from,
      to,
      expectedVersion: version,
      reason,
      actor: actor.label,
      at: now,
    });
    if (!isMoved) throw versionConflict();
    // An order made before it named its door's lock (or for a door fitted since) changes the
    // battery of the lock on the door now.
    const batteryLockId =
      kind === 'battery' && to === 'done'
        ? ((before.lockDeviceId as string | null) ??
          (await findInstalledLockOnDoor(client, actor.municipalityId, before.doorId as string)))
        : undefined;
    if (batteryLockId) {
      const change = await insertBatteryChange(
        client,
        actor.municipalityId,
        {
          lockDeviceId: batteryLockId,
          changedAt: now,
          doneBy: actor.role === 'installer' ? 'installer' : 'lock_manager',
          teamId: null,
          workOrderId: input.id,
          levelBefore: null,
          note: null,
        },
        actor.label,
        now,
      );
      await audit({
        action: 'create',
        entity: 'battery_change',
        entityId: change.id,
        after: { lockDeviceId: change.lockDeviceId, workOrderId: input.id, changedAt: now.toISOString() },
      });
    }
    return recordOrderChange(client, actor, audit, {
      action: 'transition',
      before,
      auditExtra: { transitionReason: reason },
    });
  });
}
