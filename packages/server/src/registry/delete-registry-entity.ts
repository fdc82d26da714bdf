import type { Actor, EntityDefinition } from '@portvakt/core';
import { deleteEntity, findEntity, withTransaction } from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import { notFound } from '../platform/errors';
import { applyRegistryDeleteHooks } from './registry-hooks';

/** Deletes one row within the actor's scope; the database refuses it while anything refers to it. */
export async function deleteRegistryEntity(options: {
  db: pg.Pool;
  actor: Actor;
  entity: EntityDefinition;
  input: { id: string };
  requestId: string;
  /** The request's clock (the lock triggers judge what is current by it). */
  now?: Date;
}): Promise<void> {
  const { actor, entity, requestId } = options;
  const { id } = options.input;
  const scope = authorise(actor, entity.resource, 'delete');
  await withTransaction(options.db, async (client) => {
    const before = await findEntity(client, entity, scope, id, { isForUpdate: true });
    if (!before) throw notFound(entity.label);
    await deleteEntity(client, entity, id);
    await applyRegistryDeleteHooks(client, actor, entity, before, requestId, options.now ?? new Date());
    await recordChange(client, actor, {
      action: 'delete',
      entity: entity.resource,
      entityId: id,
      before,
      requestId,
    });
  });
}
