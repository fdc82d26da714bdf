import type { DismountOrderBody, WorkOrderDetail } from '@portvakt/contract';
import { isOriginalLockStorageRequired, type DoorKind } from '@portvakt/core';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { dismountLockInTransaction, readDismountReason } from '../registry';
import { findLockOnOrderDoor, finishAtOrderDoor } from './work-order-door-steps';

/**
 * A dismount order at the door: our lock comes off (status removed, or in stock to be used
 * again) and, at an apartment door, the installer confirms the customer's original lock is back
 * (R6.4: 422 restore_not_confirmed otherwise). The lock comes off through the registry's own
 * dismount, with its guard: while the door is on another customer's way in it is refused with
 * 409 lock_on_access_path unless forced with a reason.
 */
export async function dismountWorkOrderLock(
  options: WriteOptions<{ id: string; body: DismountOrderBody }>,
): Promise<WorkOrderDetail> {
  const { actor, input, requestId, now } = options;
  const { body } = input;
  const reason = readDismountReason(body, 'Say why the lock is dismounted anyway (at least 3 characters).');
  return finishAtOrderDoor(options, 'dismount', async (client, order) => {
    if (isOriginalLockStorageRequired(order.doorKind as DoorKind) && !body.originalLockRestored)
      throw new ApiError(
        422,
        'restore_not_confirmed',
        'Put the customer’s original lock back and confirm it (originalLockRestored: true).',
        { field: 'originalLockRestored' },
      );
    const lockId = await findLockOnOrderDoor(client, order);
    if (!lockId) throw new ApiError(409, 'not_mounted', 'The door has no installed lock to dismount.');
    await dismountLockInTransaction(
      client,
      actor,
      { id: lockId, status: body.lockStatus ?? 'removed', force: body.force === true, reason, now },
      requestId,
    );
    return { lockDeviceId: lockId, originalLockRestoredAt: body.originalLockRestored ? now : null };
  });
}
