// The lock step an install and a move end with at the order's door (docs/work-orders.md): the
// lock, read in the scope its update is allowed in and locked, goes where the order puts it
// through the registry's rules (placeLock), audited as the order's action on the lock.
import { findEntity as findEntityDefinition, type Scope } from '@portvakt/core';
import { findEntity, type Queryable, type Row, type WriteValues } from '@portvakt/storage';
import type pg from 'pg';
import type { RecordAudit } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { placeLock, type HookOutcome } from '../registry';

const lockEntity = findEntityDefinition('lock_device');

/** The lock `lockId` as `scope` sees it, locked for the change; undefined when it is not there. */
export function findLockForPlacement(db: Queryable, scope: Scope, lockId: string): Promise<Row | undefined> {
  return findEntity(db, lockEntity, scope, lockId, { isForUpdate: true });
}

export interface OrderLockPlacement {
  action: 'install' | 'move';
  scope: Scope;
  before: Row;
  values: WriteValues;
  dismountReason?: string | undefined;
  /** What the audit entry says beside the lock after the change and the order. */
  auditExtra?: (outcome: HookOutcome) => object;
}

/** Places the lock and audits it with the order named; answers the registry hooks' outcome. */
export async function placeOrderLock(
  client: pg.PoolClient,
  options: WriteOptions<{ id: string }>,
  audit: RecordAudit,
  placement: OrderLockPlacement,
): Promise<HookOutcome> {
  const { action, before, auditExtra } = placement;
  const { after, outcome } = await placeLock(client, options, placement);
  await audit({
    action,
    entity: 'lock_device',
    entityId: before.id as string,
    before,
    after: { ...after, workOrderId: options.input.id, ...auditExtra?.(outcome) },
  });
  return outcome;
}
