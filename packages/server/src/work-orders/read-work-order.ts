import type { WorkOrderDetail } from '@portvakt/contract';
import type { ReadOptions } from '../platform/context';
import { readOrderDetail } from './work-order-access';

/** One order inside the actor's scope with its door, lock, history and (as allowed) customer. */
export async function readWorkOrder(options: ReadOptions<{ id: string }>): Promise<WorkOrderDetail> {
  return readOrderDetail(options.db, options.actor, options.input.id);
}
