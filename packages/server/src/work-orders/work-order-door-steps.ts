// The steps every action at the door shares: checking it belongs to the order, and finishing the
// order (planned → in progress → done) with the minutes it took, in the action's transaction.
import {
  checkConsentAtTheDoor,
  checkDoorAction,
  countActualMinutes,
  type Actor,
  type ConsentRefusal,
  type DoorAction,
  type WorkOrderAwaits,
  type WorkOrderConsentFacts,
  type WorkOrderKind,
  type WorkOrderState,
} from '@portvakt/core';
import {
  findInstalledLockOnDoor,
  readWorkOrderConsentFacts,
  transitionWorkOrder,
  updateWorkOrder,
  type Queryable,
  type Row,
  type WorkOrderFields,
} from '@portvakt/storage';
import type pg from 'pg';
import { withAuditedTransaction, type RecordAudit } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { findOrderInScope, recordOrderChange, versionConflict } from './work-order-access';
import type { WorkOrderDetail } from '@portvakt/contract';

/** 409/422 unless `action` belongs to this order in its state (core's checkDoorAction). */
export function assertDoorAction(action: DoorAction, order: Row): void {
  const refusal = checkDoorAction(action, {
    kind: order.kind as WorkOrderKind,
    state: order.state as WorkOrderState,
  });
  if (refusal)
    throw new ApiError(refusal.code === 'wrong_order_kind' ? 422 : 409, refusal.code, refusal.message);
}

/**
 * 409 consent_no_longer_given unless the consent an install or move was planned under still
 * stands when its lock is enrolled or goes on: a refusal or withdrawal may come while the
 * installer is on the way (R6.2, R7.1). Other kinds wait for no consent.
 */
export async function assertConsentStands(db: Queryable, order: Row): Promise<void> {
  if (order.kind === 'install' || order.kind === 'move')
    await assertConsent(db, order, checkConsentAtTheDoor);
}

/**
 * 409 with `check`'s refusal (core's consent checks) unless the consent `order` awaits is given:
 * for the door the lock goes on (a move's target door).
 */
export async function assertConsent(
  db: Queryable,
  order: Row,
  check: (awaits: WorkOrderAwaits, facts: WorkOrderConsentFacts) => ConsentRefusal | null,
): Promise<void> {
  const facts = await readWorkOrderConsentFacts(db, {
    municipalityId: order.municipalityId as string,
    doorId: ((order.kind === 'move' ? order.targetDoorId : null) ?? order.doorId) as string,
    customerId: (order.customerId as string | null) ?? null,
  });
  const refusal = check(order.awaits as WorkOrderAwaits, facts);
  if (refusal) throw new ApiError(409, refusal.code, refusal.message);
}

/** The id of the lock installed on the order's door, or undefined when the door has none. */
export function findLockOnOrderDoor(db: Queryable, order: Row): Promise<string | undefined> {
  return findInstalledLockOnDoor(db, order.municipalityId as string, order.doorId as string);
}

/** Starts a planned order (in progress from `now`); returns its version and start afterwards. */
export async function startOrder(
  db: Queryable,
  actor: Actor,
  order: Row,
  now: Date,
): Promise<{ version: number; startedAt: Date | null }> {
  const version = order.version as number;
  if (order.state !== 'planned')
    return { version, startedAt: order.startedAt ? new Date(order.startedAt as string) : null };
  const isStarted = await transitionWorkOrder(db, {
    municipalityId: actor.municipalityId,
    workOrderId: order.id as string,
    from: 'planned',
    to: 'in_progress',
    expectedVersion: version,
    reason: null,
    actor: actor.label,
    at: now,
  });
  if (!isStarted) throw versionConflict();
  return { version: version + 1, startedAt: now };
}

/** Writes `fields` and the minutes taken, then marks the order done; audited as one update. */
async function finishOrder(
  db: Queryable,
  actor: Actor,
  audit: RecordAudit,
  order: Row,
  fields: WorkOrderFields,
  now: Date,
): Promise<WorkOrderDetail> {
  const started = await startOrder(db, actor, order, now);
  const isWritten = await updateWorkOrder(db, {
    municipalityId: actor.municipalityId,
    workOrderId: order.id as string,
    expectedVersion: started.version,
    fields: { ...fields, actualMinutes: countActualMinutes(started.startedAt, now) },
    at: now,
  });
  const isDone =
    isWritten &&
    (await transitionWorkOrder(db, {
      municipalityId: actor.municipalityId,
      workOrderId: order.id as string,
      from: 'in_progress',
      to: 'done',
      expectedVersion: started.version + 1,
      reason: null,
      actor: actor.label,
      at: now,
    }));
  if (!isDone) throw versionConflict();
  return recordOrderChange(db, actor, audit, { action: 'transition', before: order });
}

/**
 * An action at the order's door that finishes it (install, move, dismount), in one transaction:
 * the order in scope and locked, the action allowed in its state, `act` (returns the fields it
 * sets on the order), then the order done.
 */
export async function finishAtOrderDoor(
  options: WriteOptions<{ id: string }>,
  action: DoorAction,
  act: (client: pg.PoolClient, order: Row, audit: RecordAudit) => Promise<WorkOrderFields>,
): Promise<WorkOrderDetail> {
  const { actor, input, now } = options;
  return withAuditedTransaction(options, async (client, audit) => {
    const order = await findOrderInScope(client, actor, input.id, 'update');
    assertDoorAction(action, order);
    const fields = await act(client, order, audit);
    return finishOrder(client, actor, audit, order, fields, now);
  });
}
