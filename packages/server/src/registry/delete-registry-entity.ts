import { checkPermissionFactRemoval, checkServiceRemoval, localToday } from '@portvakt/core';
import { deleteEntity, findEntity } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import { ApiError, notFound, ruleCode } from '../platform/errors';
import { applyRegistryDeleteHooks } from './registry-hooks';
import type { RegistryWriteOptions } from './registry-write';

/**
 * Deletes one row within the actor's scope; the database refuses it while anything refers to it. A
 * grant or membership that has begun, or a customer's service whose first day has passed, is ended
 * instead (409 already_started): deleted, it would take the time it applied out of "who could open
 * at T?" and of who served the customer.
 */
export async function deleteRegistryEntity(options: RegistryWriteOptions<{ id: string }>): Promise<void> {
  const { actor, entity, requestId } = options;
  const { id } = options.input;
  const scope = authorise(actor, entity.resource, 'delete');
  await withAuditedTransaction(options, async (client, audit) => {
    const before = await findEntity(client, entity, scope, id, { isForUpdate: true });
    if (!before) throw notFound(entity.label);
    const now = options.now ?? new Date();
    const [started] = [
      ...checkPermissionFactRemoval(entity.resource, before, now),
      ...checkServiceRemoval(entity.resource, before, localToday(now)),
    ];
    if (started) throw new ApiError(409, ruleCode(started.code), started.message);
    await deleteEntity(client, entity, scope.municipalityId, id);
    await applyRegistryDeleteHooks(client, actor, entity, before, requestId, now);
    await audit({ action: 'delete', entity: entity.resource, entityId: id, before });
  });
}
