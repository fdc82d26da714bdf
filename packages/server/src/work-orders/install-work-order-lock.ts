import type { InstallLockBody, WorkOrderDetail } from '@portvakt/contract';
import { isOriginalLockStorageRequired, type DoorKind } from '@portvakt/core';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { findLockForPlacement, placeOrderLock } from './place-order-lock';
import { assertConsentStands, findLockOnOrderDoor, finishAtOrderDoor } from './work-order-door-steps';

/**
 * The enrolled lock is on the door: the lock becomes installed there (the registry's rules run as
 * for any change of a lock) and the order is done with the minutes it took. At an apartment door
 * the original lock is kept, and where it is stored must be said (R6.4: 422
 * storage_label_required). The consent the install waits for must still stand (409
 * consent_no_longer_given, R6.2, R7.1).
 */
export async function installWorkOrderLock(
  options: WriteOptions<{ id: string; body: InstallLockBody }>,
): Promise<WorkOrderDetail> {
  const { actor, input, now } = options;
  const lockScope = authorise(actor, 'lock_device', 'update');
  const storage = input.body.originalLockStorage?.trim() || null;
  return finishAtOrderDoor(options, 'install', async (client, order, audit) => {
    await assertConsentStands(client, order);
    const lockId = order.lockDeviceId as string | null;
    const before = lockId ? await findLockForPlacement(client, lockScope, lockId) : undefined;
    if (!before || order.lockStatus !== 'in_stock')
      throw new ApiError(
        409,
        'lock_not_enrolled',
        'Enrol the lock for this order first (POST …/enrol-lock).',
      );
    const onDoor = await findLockOnOrderDoor(client, order);
    if (onDoor) throw new ApiError(409, 'door_has_lock', 'The door already has an installed lock.');
    if (isOriginalLockStorageRequired(order.doorKind as DoorKind) && !storage)
      throw new ApiError(
        422,
        'storage_label_required',
        'Say where the door’s original lock is kept (shelf or box label); it goes back when the service ends.',
        { field: 'originalLockStorage' },
      );
    await placeOrderLock(client, options, audit, {
      action: 'install',
      scope: lockScope,
      before,
      values: { status: 'installed', doorId: order.doorId, installedAt: now.toISOString() },
    });
    return { originalLockStorage: storage, ...(input.body.notes ? { notes: input.body.notes } : {}) };
  });
}
