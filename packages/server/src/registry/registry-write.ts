import type { EntityDefinition, Scope } from '@portvakt/core';
import { findEntity, updateEntity, type Row, type WriteValues } from '@portvakt/storage';
import type pg from 'pg';
import type { RecordAudit } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { forbidden, notFound } from '../platform/errors';
import {
  addImpliedValues,
  checkCandidate,
  checkPermissionTimes,
  checkWrittenValues,
  refuseTakenSerial,
} from './registry-checks';
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

/**
 * Changes the given fields of one row within `scope`, in its transaction: core's rules on the row
 * as it would be, the write, then the end every change shares. 404 for a row outside the scope,
 * 403 for a change that would move the row out of it.
 */
export async function updateRegistryRow(
  client: pg.PoolClient,
  options: RegistryWriteOptions<unknown>,
  audit: RecordAudit,
  change: { scope: Scope; id: string; values: WriteValues; isCareSystemHistory?: boolean },
): Promise<Row> {
  const { actor, entity } = options;
  const { scope, id, values } = change;
  const now = options.now ?? new Date();
  const before = await findEntity(client, entity, scope, id, { isForUpdate: true });
  if (!before) throw notFound(entity.label);
  checkWrittenValues(entity, before, values);
  await addImpliedValues(client, actor, entity, before, values);
  const candidate = { ...before, ...values };
  await checkCandidate(client, actor, entity, candidate, now);
  if (!change.isCareSystemHistory) checkPermissionTimes(entity, before, candidate, now);
  await refuseTakenSerial(client, actor, entity, { values, id });
  await updateEntity(client, entity, scope.municipalityId, id, values);
  const after = await findEntity(client, entity, scope, id);
  if (!after) throw forbidden(`You may not move a ${entity.label} out of your scope.`);
  await finishRegistryChange(client, options, audit, { action: 'update', id, before, after });
  return after;
}
