// Dismounting a lock (taking it off its door) as a deliberate step: refused with 409
// `lock_on_access_path` while the door is on the way in of a customer with an ongoing service,
// unless forced with a reason; the forced dismount is audited with the reason and who lost access.
// A PATCH of the lock that has the same effect is refused alike (registry-hooks.ts).
import { findEntity as findEntityDefinition, type Actor } from '@portvakt/core';
import type { LockDismountResult } from '@portvakt/contract';
import { findEntity, withTransaction } from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import { ApiError, notFound } from '../platform/errors';
import { readDismountReason } from './dismount-reason';
import { placeLock } from './place-lock';

const lockEntity = findEntityDefinition('lock_device');

/** Takes a lock off its door, setting its status (default `removed`). */
export async function dismountLock(options: {
  db: pg.Pool;
  actor: Actor;
  input: { id: string; status?: string; force?: boolean; reason?: string };
  requestId: string;
  /** The request's clock: whose service is ongoing is judged on its day. */
  now: Date;
}): Promise<LockDismountResult> {
  const { actor, input, requestId, now } = options;
  const scope = authorise(actor, 'lock_device', 'update');
  const reason = readDismountReason(
    input,
    'Say why the lock is dismounted anyway (at least 3 characters); it goes into the audit trail.',
  );
  return withTransaction(options.db, (client) =>
    dismountLockInTransaction(client, actor, { ...input, reason, now }, requestId, scope),
  );
}

/**
 * The dismount inside the caller's transaction, with the same guard (a dismount order's
 * installer takes the lock off in the order's transaction, docs/work-orders.md). `reason` must
 * already be checked (isDismountReasonMissing) when forced.
 */
export async function dismountLockInTransaction(
  client: pg.PoolClient,
  actor: Actor,
  input: { id: string; status?: string; force?: boolean; reason: string; now: Date },
  requestId: string,
  scope = authorise(actor, 'lock_device', 'update'),
): Promise<LockDismountResult> {
  const { reason } = input;
  const before = await findEntity(client, lockEntity, scope, input.id, { isForUpdate: true });
  if (!before) throw notFound(lockEntity.label);
  if (before.doorId === null) throw new ApiError(409, 'not_mounted', 'The lock is not mounted on a door.');
  const { after, outcome } = await placeLock(
    client,
    { actor, requestId, now: input.now },
    {
      scope,
      before,
      values: { status: input.status ?? 'removed', doorId: null, installedAt: null },
      dismountReason: input.force ? reason : undefined,
    },
  );
  const { accessLost, customerIdsLosingAccess } = outcome;
  await recordChange(client, actor, {
    action: 'dismount',
    entity: 'lock_device',
    entityId: input.id,
    before,
    after: {
      ...after,
      ...(reason ? { dismountReason: reason } : {}),
      ...(accessLost
        ? {
            dismountedDoorId: accessLost.door.id,
            customersLosingAccess: accessLost.customerCount,
            // Ids only: the audit trail names records, the registry holds the people.
            customerIdsLosingAccess,
          }
        : {}),
    },
    requestId,
  });
  return { lock: after as LockDismountResult['lock'], accessLost: accessLost ?? null };
}
