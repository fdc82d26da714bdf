import type { EnrolLockBody } from '@portvakt/contract';
import { findEntity as findEntityDefinition } from '@portvakt/core';
import { findEntity, findLockBySerial, insertEntity, updateWorkOrder } from '@portvakt/storage';
import { enrolDeviceInTransaction, type IssuerKeyStore } from '../devices';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { findOrderInScope, recordOrderChange, versionConflict } from './work-order-access';
import {
  assertConsentStands,
  assertDoorAction,
  findLockOnOrderDoor,
  startOrder,
} from './work-order-door-steps';

const lockEntity = findEntityDefinition('lock_device');

/**
 * At the door of an install order: the installer types the lock's serial and the public key the
 * lock generated, and the lock is registered (a new serial: in stock) and enrolled through the
 * device enrolment (devices/enrol-device.ts), the order naming the lock and in progress — all in
 * one transaction. A serial already enrolled, installed or taken elsewhere is 409
 * serial_enrolled; a door that already has an installed lock is 409 door_has_lock; a consent
 * withdrawn since planning is 409 consent_no_longer_given.
 */
export async function enrolWorkOrderLock(
  options: WriteOptions<{ id: string; body: EnrolLockBody }> & { issuerKeys: IssuerKeyStore },
) {
  const { actor, input, requestId, now } = options;
  const enrolScope = authorise(actor, 'device_enrolment', 'create');
  const lockScope = authorise(actor, 'lock_device', 'create');
  const serial = input.body.serial.trim();
  return withAuditedTransaction(options, async (client, audit) => {
    const order = await findOrderInScope(client, actor, input.id, 'update');
    assertDoorAction('enrol_lock', order);
    await assertConsentStands(client, order);
    const onDoor = await findLockOnOrderDoor(client, order);
    if (onDoor)
      throw new ApiError(409, 'door_has_lock', 'The door already has an installed lock; dismount it first.');
    const found = await findLockBySerial(client, serial, input.id);
    const isTakenElsewhere =
      found !== undefined &&
      (found.municipalityId !== actor.municipalityId ||
        found.status !== 'in_stock' ||
        found.doorId !== null ||
        found.otherOpenOrderId !== null ||
        (found.isEnrolled && found.id !== order.lockDeviceId));
    if (isTakenElsewhere)
      throw new ApiError(
        409,
        'serial_enrolled',
        `The lock ${serial} is already enrolled, installed or taken by another order; take another lock.`,
      );
    let lockId = found?.id;
    if (!lockId) {
      lockId = await insertEntity(client, lockEntity, actor.municipalityId, {
        lockType: input.body.lockType,
        serial,
        status: 'in_stock',
      });
      await audit({
        action: 'create',
        entity: 'lock_device',
        entityId: lockId,
        after: await findEntity(client, lockEntity, lockScope, lockId),
      });
    }
    const { kty, crv, x, y } = input.body.publicKey;
    const enrolled = await enrolDeviceInTransaction(client, {
      issuerKeys: options.issuerKeys,
      actor,
      scope: enrolScope,
      requestId,
      input: { kind: 'lock', publicJwk: { kty, crv, x, y }, lockId, label: `${order.reference as string}` },
      now,
    });
    const started = await startOrder(client, actor, order, now);
    const isWritten = await updateWorkOrder(client, {
      municipalityId: actor.municipalityId,
      workOrderId: input.id,
      expectedVersion: started.version,
      fields: { lockDeviceId: lockId },
      at: now,
    });
    if (!isWritten) throw versionConflict();
    const after = await recordOrderChange(client, actor, audit, { action: 'update', before: order });
    return {
      order: after,
      enrolmentId: enrolled.enrolment.id,
      certificate: enrolled.certificate,
      lockNumber: enrolled.lockNumber,
      chainStart: enrolled.chainStart,
    };
  });
}
