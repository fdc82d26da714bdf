import { deleteEntity, findEntity } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import { notFound } from '../platform/errors';
import { applyRegistryDeleteHooks } from './registry-hooks';
import type { RegistryWriteOptions } from './registry-write';

/** Deletes one row within the actor's scope; the database refuses it while anything refers to it. */
export async function deleteRegistryEntity(options: RegistryWriteOptions<{ id: string }>): Promise<void> {
  const { actor, entity, requestId } = options;
  const { id } = options.input;
  const scope = authorise(actor, entity.resource, 'delete');
  await withAuditedTransaction(options, async (client, audit) => {
    const before = await findEntity(client, entity, scope, id, { isForUpdate: true });
    if (!before) throw notFound(entity.label);
    await deleteEntity(client, entity, scope.municipalityId, id);
    await applyRegistryDeleteHooks(client, actor, entity, before, requestId, options.now ?? new Date());
    await audit({ action: 'delete', entity: entity.resource, entityId: id, before });
  });
}
