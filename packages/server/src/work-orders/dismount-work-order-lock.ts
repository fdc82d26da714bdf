import type { DismountOrderBody, WorkOrderDetail } from '@portvakt/contract';
import { isDismountReasonMissing, isOriginalLockStorageRequired, type DoorKind } from '@portvakt/core';
import { findInstalledLockOnDoor, withTransaction } from '@portvakt/storage';
import type { UseCaseOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { dismountLockInTransaction } from '../registry';
import { findOrderInScope } from './work-order-access';
import { assertDoorAction, finishOrder } from './work-order-door-steps';

/**
 * A dismount order at the door: our lock comes off (status removed, or in stock to be used
 * again) and, at an apartment door, the installer confirms the customer's original lock is back
 * (R6.4: 422 restore_not_confirmed otherwise). The lock comes off through the registry's own
 * dismount, with its guard: while the door is on another customer's way in it is refused with
 * 409 lock_on_access_path unless forced with a reason.
 */
export async function dismountWorkOrderLock({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<{ id: string; body: DismountOrderBody }> & { now: Date }): Promise<WorkOrderDetail> {
  const { body } = input;
  const reason = body.reason?.trim() ?? '';
  if (isDismountReasonMissing(body.force === true, reason))
    throw new ApiError(
      422,
      'reason_required',
      'Say why the lock is dismounted anyway (at least 3 characters).',
      {
        field: 'reason',
      },
    );
  return withTransaction(db, async (client) => {
    const order = await findOrderInScope(client, actor, input.id, 'update');
    assertDoorAction('dismount', order);
    if (isOriginalLockStorageRequired(order.doorKind as DoorKind) && !body.originalLockRestored)
      throw new ApiError(
        422,
        'restore_not_confirmed',
        'Put the customer’s original lock back and confirm it (originalLockRestored: true).',
        { field: 'originalLockRestored' },
      );
    const lockId = await findInstalledLockOnDoor(client, order.doorId as string);
    if (!lockId) throw new ApiError(409, 'not_mounted', 'The door has no installed lock to dismount.');
    await dismountLockInTransaction(
      client,
      actor,
      { id: lockId, status: body.lockStatus ?? 'removed', force: body.force === true, reason, now },
      requestId,
    );
    return finishOrder(
      client,
      actor,
      order,
      { lockDeviceId: lockId, originalLockRestoredAt: body.originalLockRestored ? now : null },
      { now, requestId },
    );
  });
}
