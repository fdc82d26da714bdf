import { findEntity as findEntityDefinition, type Actor, type Scope } from '@portvakt/core';
import { findEntity, updateEntity, type Row, type WriteValues } from '@portvakt/storage';
import type pg from 'pg';
import { applyRegistryHooks, type HookOutcome } from './registry-hooks';

const lockEntity = findEntityDefinition('lock_device');

/**
 * Puts a lock (`before`, read locked) on a door or takes it off (`values`: door, status, when
 * installed), in the caller's transaction, and runs the registry's rules on it as for any change
 * of a lock: leaving a door on a customer's way in passes only with `dismountReason` (a forced
 * move or dismount). Returns the lock after and what the rules did.
 */
export async function placeLock(
  client: pg.PoolClient,
  { actor, requestId, now }: { actor: Actor; requestId: string; now: Date },
  lock: { scope: Scope; before: Row; values: WriteValues; dismountReason?: string | undefined },
): Promise<{ after: Row; outcome: HookOutcome }> {
  const id = lock.before.id as string;
  await updateEntity(client, lockEntity, lock.scope.municipalityId, id, lock.values);
  const after = (await findEntity(client, lockEntity, lock.scope, id))!;
  const outcome = await applyRegistryHooks(
    client,
    actor,
    lockEntity,
    lock.before,
    after,
    requestId,
    lock.dismountReason === undefined ? { now } : { dismountReason: lock.dismountReason, now },
  );
  return { after, outcome };
}
