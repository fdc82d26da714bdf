import type { WorkOrderPage, WorkOrderQuery } from '@portvakt/contract';
import { listWorkOrders as selectWorkOrders } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { readListPage, type ListOptions } from '../platform/list-cursor';
import { readLocalDayBounds } from '../platform/local-day';
import { presentWorkOrderSummary } from './work-order-presenter';

/**
 * Work orders inside the actor's scope, filtered and sorted, in pages (docs/work-orders.md). An
 * installer's list holds only what is assigned to them or their company; `assignee=me` asks for
 * exactly that for anyone. `bookedOn` is a local day of the municipality.
 */
export async function listWorkOrders(options: ListOptions<WorkOrderQuery>): Promise<WorkOrderPage> {
  const { db, actor, input } = options;
  const scope = authorise(actor, 'work_order', 'read');
  const sort = input.sort ?? 'bookedFrom';
  const booked =
    input.bookedOn === undefined
      ? undefined
      : await readLocalDayBounds(db, actor.municipalityId, input.bookedOn, 'bookedOn');
  const assignee =
    input.assignee === undefined
      ? undefined
      : input.assignee === 'me'
        ? { userId: actor.id, companyId: actor.locksmithCompanyId ?? null }
        : { userId: input.assignee, companyId: input.assignee };
  const list = { resource: 'work_order', sort, scope, defaultLimit: 100 };
  const { page, nextCursor } = await readListPage(options, list, (after, limit) =>
    selectWorkOrders(db, scope, {
      state: input.state,
      kind: input.kind,
      districtId: input.districtId,
      assignee,
      booked,
      sort,
      after,
      limit,
    }),
  );
  return { items: page.map(presentWorkOrderSummary), nextCursor };
}
