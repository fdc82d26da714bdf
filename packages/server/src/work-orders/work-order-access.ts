// How every work-order use case reaches its order: inside the actor's scope (an installer's
// assigned orders, a work lead's customers' doors), so an order out of scope answers exactly
// like an unknown one (404), and, for a change, locked for the transaction.
import { decideAccess, type Actor, type ServerTransitionReason, type WorkOrderState } from '@portvakt/core';
import type { WorkOrderDetail } from '@portvakt/contract';
import {
  findWorkOrder,
  listWorkOrderTransitions,
  transitionWorkOrder,
  type CustomerVisibility,
  type Queryable,
  type Row,
} from '@portvakt/storage';
import { recordChange } from '../audit';
import { auditWithDetail, type RecordAudit } from '../platform/audited-transaction';
import { createInScopeFinder } from '../platform/authorise';
import { ApiError } from '../platform/errors';
import { presentWorkOrderDetail } from './work-order-presenter';

/** Whose customer the actor may see on an order (R2.7: property owners and installers none). */
export function customerVisibilityOf(actor: Actor): CustomerVisibility {
  const scope = decideAccess(actor, 'customer', 'read');
  if (scope?.kind === 'municipality') return { kind: 'all' };
  if (scope?.kind === 'provider') return { kind: 'provider', providerId: scope.providerId };
  return { kind: 'none' };
}

/** The order inside the actor's scope for `action` (locked for a change); 404 otherwise. */
export const findOrderInScope = createInScopeFinder(
  'work_order',
  'work order',
  findWorkOrder,
  customerVisibilityOf,
);

/** The order as the actor may see it, with its history (after a change, inside its transaction). */
export async function readOrderDetail(db: Queryable, actor: Actor, id: string): Promise<WorkOrderDetail> {
  const order = await findOrderInScope(db, actor, id, 'read');
  return presentWorkOrderDetail(
    order,
    await listWorkOrderTransitions(db, order.municipalityId as string, id),
  );
}

/**
 * The order after a change, written to the audit trail as `action` against `before` (its row
 * before the change), with `auditExtra` (e.g. the reason) beside it; returns the order as read.
 */
export async function recordOrderChange(
  db: Queryable,
  actor: Actor,
  audit: RecordAudit,
  change: { action: 'update' | 'transition'; before: Row; auditExtra?: Row },
): Promise<WorkOrderDetail> {
  const id = change.before.id as string;
  const { action, before, auditExtra } = change;
  const after = await readOrderDetail(db, actor, id);
  return auditWithDetail(audit, { action, entity: 'work_order', id, before, extra: auditExtra }, after);
}

/**
 * Moves an order nobody has started to `to` (cancelled, or back to requested to wait for consent
 * again), with the reason the server records as a fact, and audits it; false when it had moved
 * on meanwhile (then nothing is written).
 */
export async function moveUnstartedOrder(
  db: Queryable,
  actor: Actor,
  order: { id: string; state: WorkOrderState; version: number },
  step: { to: 'cancelled' | 'requested'; reason: ServerTransitionReason },
  write: { now: Date; requestId: string },
): Promise<boolean> {
  const { to, reason } = step;
  const isMoved = await transitionWorkOrder(db, {
    municipalityId: actor.municipalityId,
    workOrderId: order.id,
    from: order.state,
    to,
    expectedVersion: order.version,
    reason,
    actor: actor.label,
    at: write.now,
  });
  if (isMoved)
    await recordChange(db, actor, {
      action: 'update',
      entity: 'work_order',
      entityId: order.id,
      before: { state: order.state },
      after: { state: to, reasonKind: reason.kind, reasonParams: reason.params },
      requestId: write.requestId,
    });
  return isMoved;
}

/** 409 version_conflict: the order changed since the caller read it. */
export function versionConflict(): ApiError {
  return new ApiError(
    409,
    'version_conflict',
    'The work order was changed by someone else meanwhile; read it again and retry.',
  );
}
