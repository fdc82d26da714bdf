// Whether a lock is in use today (R8.4), with how many customers it serves and how many of their
// providers are not introduced yet. Those counts describe who lives behind the door, so only roles
// that read every customer get them: a property owner sees an entrance lock, never who is behind
// it (R2.7), and an installer needs no more than the lock itself.
import { decideAccess, findEntity as findEntityDefinition, localToday, type Actor } from '@portvakt/core';
import type { LockUsage } from '@portvakt/contract';
import { findEntity, readLockUsage as readUsage } from '@portvakt/storage';
import type pg from 'pg';
import { authorise } from '../platform/authorise';
import { forbidden, notFound } from '../platform/errors';

const lockEntity = findEntityDefinition('lock_device');

export async function readLockUsage(options: {
  db: pg.Pool;
  actor: Actor;
  input: { lockId: string };
  now: Date;
}): Promise<LockUsage> {
  const { actor } = options;
  const scope = authorise(actor, 'lock_device', 'read');
  if (decideAccess(actor, 'customer', 'read')?.kind !== 'municipality')
    throw forbidden(
      'Whether a lock is in use tells who is served behind its door; your role does not see that.',
    );
  const lock = await findEntity(options.db, lockEntity, scope, options.input.lockId);
  if (!lock) throw notFound(lockEntity.label);
  const day = localToday(options.now);
  return {
    lockId: options.input.lockId,
    day,
    ...(await readUsage(options.db, actor.municipalityId, options.input.lockId, day)),
  };
}
