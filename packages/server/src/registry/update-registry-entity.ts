import type { Actor, EntityDefinition } from '@portvakt/core';
import { findEntity, updateEntity, withTransaction, type Row, type WriteValues } from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import { forbidden, notFound } from '../platform/errors';
import type { FieldCrypto } from '../platform/secrets';
import { checkCandidate, sealIdentityNumber } from './registry-checks';
import { applyRegistryHooks } from './registry-hooks';

/**
 * Changes the given fields of one row within the actor's scope: core's rules on the row as it
 * would be, the registry hooks, the audit entry; a change that would move the row out of the
 * actor's scope is refused with 403.
 */
export async function updateRegistryEntity(options: {
  db: pg.Pool;
  actor: Actor;
  entity: EntityDefinition;
  input: { id: string; values: WriteValues };
  fieldCrypto: FieldCrypto;
  requestId: string;
  /** The request's clock (the lock triggers judge what is current by it). */
  now?: Date;
}): Promise<Row> {
  const { actor, entity, requestId } = options;
  const { id } = options.input;
  const scope = authorise(actor, entity.resource, 'update');
  const values: WriteValues = { ...options.input.values };
  sealIdentityNumber(options.fieldCrypto, values);
  return withTransaction(options.db, async (client) => {
    const before = await findEntity(client, entity, scope, id, { isForUpdate: true });
    if (!before) throw notFound(entity.label);
    await checkCandidate(client, actor, entity, { ...before, ...values });
    await updateEntity(client, entity, id, values);
    const after = await findEntity(client, entity, scope, id);
    if (!after) throw forbidden(`You may not move a ${entity.label} out of your scope.`);
    await applyRegistryHooks(client, actor, entity, before, after, requestId, {
      ...(options.now ? { now: options.now } : {}),
    });
    await recordChange(client, actor, {
      action: 'update',
      entity: entity.resource,
      entityId: id,
      before,
      after,
      requestId,
    });
    return after;
  });
}
