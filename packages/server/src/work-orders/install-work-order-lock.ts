import type { InstallLockBody, WorkOrderDetail } from '@portvakt/contract';
import {
  findEntity as findEntityDefinition,
  isOriginalLockStorageRequired,
  type DoorKind,
} from '@portvakt/core';
import { findEntity, findInstalledLockOnDoor, updateEntity, withTransaction } from '@portvakt/storage';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { applyRegistryHooks } from '../registry';
import { findOrderInScope } from './work-order-access';
import { assertDoorAction, finishOrder } from './work-order-door-steps';

const lockEntity = findEntityDefinition('lock_device');

/**
 * The enrolled lock is on the door: the lock becomes installed there (the registry's rules run as
 * for any change of a lock) and the order is done with the minutes it took. At an apartment door
 * the original lock is kept, and where it is stored must be said (R6.4: 422
 * storage_label_required).
 */
export async function installWorkOrderLock({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<{ id: string; body: InstallLockBody }> & { now: Date }): Promise<WorkOrderDetail> {
  const lockScope = authorise(actor, 'lock_device', 'update');
  const storage = input.body.originalLockStorage?.trim() || null;
  return withTransaction(db, async (client) => {
    const order = await findOrderInScope(client, actor, input.id, 'update');
    assertDoorAction('install', order);
    const lockId = order.lockDeviceId as string | null;
    const before = lockId
      ? await findEntity(client, lockEntity, lockScope, lockId, { isForUpdate: true })
      : undefined;
    if (!before || order.lockStatus !== 'in_stock')
      throw new ApiError(
        409,
        'lock_not_enrolled',
        'Enrol the lock for this order first (POST …/enrol-lock).',
      );
    const onDoor = await findInstalledLockOnDoor(client, order.doorId as string);
    if (onDoor) throw new ApiError(409, 'door_has_lock', 'The door already has an installed lock.');
    if (isOriginalLockStorageRequired(order.doorKind as DoorKind) && !storage)
      throw new ApiError(
        422,
        'storage_label_required',
        'Say where the door’s original lock is kept (shelf or box label); it goes back when the service ends.',
        { field: 'originalLockStorage' },
      );
    await updateEntity(client, lockEntity, lockId!, {
      status: 'installed',
      doorId: order.doorId,
      installedAt: now.toISOString(),
    });
    const after = (await findEntity(client, lockEntity, lockScope, lockId!))!;
    await applyRegistryHooks(client, actor, lockEntity, before, after, requestId, { now });
    await recordChange(client, actor, {
      action: 'install',
      entity: 'lock_device',
      entityId: lockId,
      before,
      after: { ...after, workOrderId: input.id },
      requestId,
    });
    return finishOrder(
      client,
      actor,
      order,
      { originalLockStorage: storage, ...(input.body.notes ? { notes: input.body.notes } : {}) },
      { now, requestId },
    );
  });
}
