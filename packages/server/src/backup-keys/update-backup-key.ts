// Changes a held key (copies, label, or where it is kept) at its version (409 version_conflict);
// a returned key is on record and no longer changes (409 key_returned).
import { localToday, type Scope } from '@portvakt/core';
import type { BackupKeyDetail, UpdateBackupKeyBody } from '@portvakt/contract';
import { findBackupKey, listKeyReceipts, updateBackupKey as writeKey } from '@portvakt/storage';
import type pg from 'pg';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { presentBackupKey, presentKeyReceipt } from './backup-key-presenter';
import { checkKeyPlace, slotTaken } from './key-storage-place';

export const keyReturned = () =>
  new ApiError(409, 'key_returned', 'The key has been returned to the customer.');
export const versionConflict = () =>
  new ApiError(409, 'version_conflict', 'The key was changed meanwhile; reload and try again.');

/**
 * The held key `id` in `scope`, locked for a change made at `version`: 404 when out of scope, 409
 * key_returned once returned, 409 version_conflict when changed meanwhile.
 */
export async function lockHeldKeyAt(
  client: pg.PoolClient,
  scope: Scope,
  today: string,
  { id, version }: { id: string; version: number },
) {
  const before = await findBackupKey(client, scope, today, id, { forUpdate: true });
  if (!before) throw notFound('backup key');
  if (before.status === 'returned') throw keyReturned();
  if (before.version !== version) throw versionConflict();
  return before;
}

/** The key's detail after a change, with its receipts, as the change's answer. */
export async function readChangedKey(client: pg.PoolClient, scope: Scope, today: string, id: string) {
  const after = presentBackupKey((await findBackupKey(client, scope, today, id))!);
  return { after, receipts: (await listKeyReceipts(client, id)).map(presentKeyReceipt) };
}

export async function updateBackupKey(
  options: WriteOptions<{ id: string; change: UpdateBackupKeyBody }>,
): Promise<BackupKeyDetail> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'backup_key', 'update');
  const today = localToday(now);
  const { change } = input;
  return withAuditedTransaction(options, async (client, audit) => {
    const before = await lockHeldKeyAt(client, scope, today, { id: input.id, version: change.version });
    const isMoved =
      change.keyCabinetId !== undefined || change.slot !== undefined || change.safeName !== undefined;
    const place = isMoved
      ? {
          keyCabinetId: change.keyCabinetId ?? null,
          slot: change.slot ?? null,
          safeName: change.safeName?.trim() || null,
        }
      : { keyCabinetId: before.keyCabinetId, slot: before.slot, safeName: before.safeName };
    if (isMoved) await checkKeyPlace(client, actor.municipalityId, before.providerId, place);
    const written = await writeKey(client, before.id, change.version, {
      copies: change.copies ?? before.copies,
      label: change.label === undefined ? before.label : change.label?.trim() || null,
      ...place,
    });
    if (written === 'slot_taken') throw slotTaken();
    if (written === 'version_conflict') throw versionConflict();
    const { after, receipts } = await readChangedKey(client, scope, today, before.id);
    await audit({
      action: 'update',
      entity: 'backup_key',
      entityId: before.id,
      before: presentBackupKey(before),
      after,
    });
    return { ...after, receipts };
  });
}
