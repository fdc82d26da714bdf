import type { EntityDefinition } from '@portvakt/core';
import type { Row } from '@portvakt/storage';
import type pg from 'pg';
import type { RecordAudit } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { applyRegistryHooks } from './registry-hooks';

/** What a registry write is given: the use case options and the entity (resource) it writes. */
export type RegistryWriteOptions<Input> = UseCaseOptions<Input> & {
  entity: EntityDefinition;
  /** The request's clock (the lock triggers judge what is current by it). */
  now?: Date;
};

/**
 * The end of every registry create and update, in its transaction: the registry hooks on the row
 * before and after, then the change audited.
 */
export async function finishRegistryChange(
  client: pg.PoolClient,
  { actor, entity, requestId, now }: RegistryWriteOptions<unknown>,
  audit: RecordAudit,
  change: { action: 'create' | 'update'; id: string; before?: Row; after: Row },
): Promise<void> {
  await applyRegistryHooks(client, actor, entity, change.before, change.after, requestId, {
    ...(now ? { now } : {}),
  });
  await audit({
    action: change.action,
    entity: entity.resource,
    entityId: change.id,
    before: change.before,
    after: change.after,
  });
}
