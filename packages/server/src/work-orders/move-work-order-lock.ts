import type { MoveLockBody, WorkOrderDetail } from '@portvakt/contract';
import { findInstalledLockOnDoor } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { readDismountReason } from '../registry';
import { findLockForPlacement, placeOrderLock } from './place-order-lock';
import { assertConsentStands, findLockOnOrderDoor, finishAtOrderDoor } from './work-order-door-steps';

/**
 * A move order at the door: the lock goes from the order's door to its target door. The
 * registry's rules run as for any change of the lock, so leaving a door on another customer's
 * way in is refused with 409 lock_on_access_path unless forced with a reason (the dismount's
 * guard), a target door that already has an installed lock is 409 door_has_lock, and the consent
 * the target door needs must still stand (409 consent_no_longer_given).
 */
export async function moveWorkOrderLock(
  options: WriteOptions<{ id: string; body: MoveLockBody }>,
): Promise<WorkOrderDetail> {
  const { actor, input, now } = options;
  const lockScope = authorise(actor, 'lock_device', 'update');
  const isForced = input.body.force === true;
  const reason = readDismountReason(input.body, 'Say why the lock is moved anyway (at least 3 characters).');
  return finishAtOrderDoor(options, 'move', async (client, order, audit) => {
    const targetDoorId = order.targetDoorId as string;
    const lockId = await findLockOnOrderDoor(client, order);
    if (!lockId) throw new ApiError(409, 'not_mounted', 'The door has no installed lock to move.');
    if (await findInstalledLockOnDoor(client, order.municipalityId as string, targetDoorId))
      throw new ApiError(409, 'door_has_lock', 'The target door already has an installed lock.');
    await assertConsentStands(client, order);
    const before = (await findLockForPlacement(client, lockScope, lockId))!;
    await placeOrderLock(client, options, audit, {
      action: 'move',
      scope: lockScope,
      before,
      values: { doorId: targetDoorId, status: 'installed', installedAt: now.toISOString() },
      dismountReason: isForced ? reason : undefined,
      auditExtra: (outcome) => ({
        ...(reason ? { dismountReason: reason } : {}),
        ...(outcome.customerIdsLosingAccess
          ? { customerIdsLosingAccess: outcome.customerIdsLosingAccess }
          : {}),
      }),
    });
    return { lockDeviceId: lockId };
  });
}
