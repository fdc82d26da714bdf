import type { WorkOrderPage, WorkOrderQuery } from '@portvakt/contract';
import { createZoneClock, parseIsoDate, readVisitSettings } from '@portvakt/core';
import { findMunicipality, listWorkOrders as selectWorkOrders } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { readListPage, type ListCursors } from '../platform/list-cursor';
import { presentWorkOrderSummary } from './work-order-presenter';

/**
 * Work orders inside the actor's scope, filtered and sorted, in pages (docs/work-orders.md). An
 * installer's list holds only what is assigned to them or their company; `assignee=me` asks for
 * exactly that for anyone. `bookedOn` is a local day of the municipality.
 */
export async function listWorkOrders({
  db,
  actor,
  input,
  cursors,
}: ReadOptions<WorkOrderQuery> & { cursors: ListCursors }): Promise<WorkOrderPage> {
  const scope = authorise(actor, 'work_order', 'read');
  const sort = input.sort ?? 'bookedFrom';
  let booked: { from: Date; to: Date } | undefined;
  if (input.bookedOn !== undefined) {
    const settings = (await findMunicipality(db, actor.municipalityId))?.settings ?? {};
    const clock = createZoneClock(readVisitSettings(settings).timeZone);
    let day: number;
    try {
      day = parseIsoDate(input.bookedOn, 'bookedOn') * 1440;
    } catch {
      throw new ApiError(400, 'invalid_range', '`bookedOn` is not a calendar date.');
    }
    booked = {
      from: new Date(clock.fromLocal(day) * 60_000),
      to: new Date(clock.fromLocal(day + 1440) * 60_000),
    };
  }
  const assignee =
    input.assignee === undefined
      ? undefined
      : input.assignee === 'me'
        ? { userId: actor.id, companyId: actor.locksmithCompanyId ?? null }
        : { userId: input.assignee, companyId: input.assignee };
  const binding = { resource: 'work_order', sort, scope };
  const { page, nextCursor } = await readListPage(
    cursors,
    binding,
    { ...input, defaultLimit: 100 },
    (after, limit) =>
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
