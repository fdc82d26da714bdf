// Orders a trigger proposes become work orders in the caller's transaction, each audited.
import type { Actor, ProposedOrder } from '@portvakt/core';
import { insertWorkOrders, type InsertedWorkOrder, type Queryable } from '@portvakt/storage';
import { recordChange } from '../audit';

/**
 * Inserts the proposed orders (a door that already has an open order of the kind gets none:
 * insertWorkOrders) and writes one audit entry per order made.
 */
export async function proposeWorkOrders(
  db: Queryable,
  actor: Actor,
  orders: readonly ProposedOrder[],
  requestId: string,
  at: Date,
): Promise<InsertedWorkOrder[]> {
  if (orders.length === 0) return [];
  const made = await insertWorkOrders(db, actor.municipalityId, orders, actor.label, at);
  for (const order of made) {
    const proposed = orders.find(
      (candidate) => candidate.doorId === order.doorId && candidate.kind === order.kind,
    )!;
    await recordChange(db, actor, {
      action: 'create',
      entity: 'work_order',
      entityId: order.id,
      after: { reference: order.reference, state: 'requested', ...proposed },
      requestId,
    });
  }
  return made;
}
