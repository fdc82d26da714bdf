import { decideAccess, findEntity as findEntityDefinition, policy, type Scope } from '@portvakt/core';
import { findEntity, readKeyBlockListReach, type Queryable } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { forbidden, notFound } from '../platform/errors';

const keyEntity = findEntityDefinition('digital_key');

/**
 * How far a blocked key's block-list entry has reached the locks that matter for it (on the ways
 * in of its provider's customers). For the block list's readers and for those who manage the key
 * (work leads: their provider's keys), by role, so a read-only token reads what its role reads.
 * Lock ids and serials only for roles that read locks.
 */
export async function readKeyBlockListStatus(
  options: ReadOptions<{ keyId: string }, Queryable> & { scope: Scope },
) {
  const { actor, input } = options;
  const readsList = decideAccess(actor, 'block_list', 'read') !== null;
  if (!readsList && policy.digital_key[actor.role]?.update === undefined)
    throw forbidden('Your role does not see how far the block list has reached.');
  // Scope first: a work lead asking about another provider's key learns nothing (404).
  const key = await findEntity(options.db, keyEntity, options.scope, input.keyId);
  if (!key) throw notFound(keyEntity.label);
  const reach = await readKeyBlockListReach(options.db, actor.municipalityId, {
    id: input.keyId,
    providerId: key.providerId as string,
  });
  const needed = reach.entry?.addedInVersion;
  const lagging =
    needed === undefined ? reach.locks : reach.locks.filter((lock) => (lock.reportedVersion ?? 0) < needed);
  const readsLocks = decideAccess(actor, 'lock_device', 'read')?.kind === 'municipality';
  return {
    keyId: input.keyId,
    status: key.status as string,
    currentVersion: reach.version,
    isOnBlockList: reach.entry !== undefined,
    addedInVersion: needed ?? null,
    blockedAt: reach.entry?.blockedAt ?? null,
    reason: reach.entry?.reason ?? null,
    relevantLocks: reach.locks.length,
    confirmed: reach.locks.length - lagging.length,
    lagging: lagging.slice(0, 200).map((lock) => ({
      ...lock,
      lockId: readsLocks ? lock.lockId : null,
      serial: readsLocks ? lock.serial : null,
    })),
  };
}
