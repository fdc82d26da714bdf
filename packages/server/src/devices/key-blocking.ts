import { findEntity as findEntityDefinition, type Actor } from '@portvakt/core';
import { findEntity, updateEntity, type Queryable } from '@portvakt/storage';
import { recordChange } from '../audit';
import { ApiError } from '../platform/errors';
import { applyRegistryHooks, checkWrittenValues } from '../registry';

const keyEntity = findEntityDefinition('digital_key');

/**
 * Blocks a key (or reports it lost) exactly as a change of its status through the API does: the
 * status and reason change, the registry hooks put it on the block list (R1.6), and the change is
 * in the audit trail, under the same rule (a reason of its own, core `checkKeyStatusReason`). For
 * callers outside HTTP (seed-demo); run inside a transaction.
 */
export async function blockDigitalKey(
  db: Queryable,
  actor: Actor,
  keyId: string,
  change: { status: 'blocked' | 'lost'; statusReason: string },
  requestId = 'cli',
): Promise<void> {
  const scope = { kind: 'municipality' as const, municipalityId: actor.municipalityId };
  const before = await findEntity(db, keyEntity, scope, keyId, { isForUpdate: true });
  if (!before) throw new ApiError(404, 'not_found', 'No such digital key.');
  checkWrittenValues(keyEntity, before, change);
  await updateEntity(db, keyEntity, actor.municipalityId, keyId, change);
  const after = (await findEntity(db, keyEntity, scope, keyId))!;
  await applyRegistryHooks(db, actor, keyEntity, before, after, requestId);
  await recordChange(db, actor, {
    action: 'update',
    entity: 'digital_key',
    entityId: keyId,
    before,
    after,
    requestId,
  });
}
