import type { WorkOrderDetail, WorkOrderPatchBody } from '@portvakt/contract';
import { findEntity as findEntityDefinition, isWorkOrderFinished, type WorkOrderState } from '@portvakt/core';
import { findEntity, findUser, updateWorkOrder as writeWorkOrder } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { ApiError, forbidden } from '../platform/errors';
import { findOrderInScope, recordOrderChange, versionConflict } from './work-order-access';

const companyEntity = findEntityDefinition('locksmith_company');

/**
 * Plans an order: who does it (an installer's account or a locksmith company), when (the time
 * booked), how long it should take, and notes; at the `version` the caller read (409
 * version_conflict otherwise). Assigning is the planner's: an installer changes only the
 * booking, the planned time and notes of their own orders. A finished order (done, failed,
 * cancelled) takes notes only (409 order_finished).
 */
export async function updateWorkOrder(
  options: WriteOptions<{ id: string; change: WorkOrderPatchBody }>,
): Promise<WorkOrderDetail> {
  const { actor, input, now } = options;
  const { change } = input;
  const isAssigning = change.assignedUserId !== undefined || change.assignedCompanyId !== undefined;
  return withAuditedTransaction(options, async (client, audit) => {
    const before = await findOrderInScope(client, actor, input.id, 'update');
    if (isAssigning && actor.role === 'installer')
      throw forbidden('Assigning work orders is the lock manager’s.');
    if (before.version !== change.version) throw versionConflict();
    // A finished order is a record of what was done: who did it and when stay; notes may be added.
    const isChangingPlan = Object.entries(change).some(
      ([field, value]) => value !== undefined && field !== 'version' && field !== 'notes',
    );
    if (isChangingPlan && isWorkOrderFinished(before.state as WorkOrderState))
      throw new ApiError(
        409,
        'order_finished',
        'The order is finished: its installer, booking and minutes no longer change; only notes may be added.',
      );
    if (change.assignedUserId) {
      const user = await findUser(client, actor.municipalityId, change.assignedUserId);
      if (!user || user.role !== 'installer')
        throw new ApiError(422, 'unknown_reference', `No installer with id ${change.assignedUserId}.`, {
          field: 'assignedUserId',
        });
    }
    if (change.assignedCompanyId) {
      const municipality = { kind: 'municipality', municipalityId: actor.municipalityId } as const;
      if (!(await findEntity(client, companyEntity, municipality, change.assignedCompanyId)))
        throw new ApiError(
          422,
          'unknown_reference',
          `No locksmith company with id ${change.assignedCompanyId}.`,
          {
            field: 'assignedCompanyId',
          },
        );
    }
    const bookedFrom =
      change.bookedFrom === undefined ? (before.bookedFrom as string | null) : change.bookedFrom;
    const bookedUntil =
      change.bookedUntil === undefined ? (before.bookedUntil as string | null) : change.bookedUntil;
    if (bookedUntil !== null && (bookedFrom === null || new Date(bookedUntil) <= new Date(bookedFrom)))
      throw new ApiError(422, 'reversed_times', 'The booking must start before it ends.', {
        field: 'bookedUntil',
      });
    const date = (value: string | null | undefined) =>
      value === undefined ? undefined : value === null ? null : new Date(value);
    const isWritten = await writeWorkOrder(client, {
      municipalityId: actor.municipalityId,
      workOrderId: input.id,
      expectedVersion: change.version,
      fields: {
        assignedUserId: change.assignedUserId,
        assignedCompanyId: change.assignedCompanyId,
        bookedFrom: date(change.bookedFrom),
        bookedUntil: date(change.bookedUntil),
        plannedMinutes: change.plannedMinutes,
        notes: change.notes,
      },
      at: now,
    });
    if (!isWritten) throw versionConflict();
    return recordOrderChange(client, actor, audit, { action: 'update', before });
  });
}
