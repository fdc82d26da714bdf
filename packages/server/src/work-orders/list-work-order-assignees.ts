import type { WorkOrderAssignees } from '@portvakt/contract';
import { listWorkOrderAssignees as selectAssignees } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';

/** The installers and locksmith companies an order can be assigned to: for those who plan orders. */
export async function listWorkOrderAssignees({
  db,
  actor,
}: ReadOptions<undefined>): Promise<WorkOrderAssignees> {
  authorise(actor, 'work_order', 'create');
  return selectAssignees(db, actor.municipalityId);
}
