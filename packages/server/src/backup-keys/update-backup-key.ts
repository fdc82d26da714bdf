// Changes a held key (copies, label, or where it is kept) at its version (409 version_conflict);
// a returned key is on record and no longer changes (409 key_returned).
import { localToday } from '@portvakt/core';
import type { BackupKeyDetail, UpdateBackupKeyBody } from '@portvakt/contract';
import {
  findBackupKey,
  listKeyReceipts,
  updateBackupKey as writeKey,
  withTransaction,
} from '@portvakt/storage';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { presentBackupKey, presentKeyReceipt } from './backup-key-presenter';
import { checkKeyPlace, slotTaken } from './key-storage-place';

export const keyReturned = () =>
  new ApiError(409, 'key_returned', 'The key has been returned to the customer.');
export const versionConflict = () =>
  new ApiError(409, 'version_conflict', 'The key was changed meanwhile; reload and try again.');

export async function updateBackupKey({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<{ id: string; change: UpdateBackupKeyBody }> & { now: Date }): Promise<BackupKeyDetail> {
  const scope = authorise(actor, 'backup_key', 'update');
  const today = localToday(now);
  const { change } = input;
  return withTransaction(db, async (client) => {
    const before = await findBackupKey(client, scope, today, input.id, { forUpdate: true });
    if (!before) throw notFound('backup key');
    if (before.status === 'returned') throw keyReturned();
    if (before.version !== change.version) throw versionConflict();
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
    const after = presentBackupKey((await findBackupKey(client, scope, today, before.id))!);
    await recordChange(client, actor, {
      action: 'update',
      entity: 'backup_key',
      entityId: before.id,
      before: presentBackupKey(before),
      after,
      requestId,
    });
    return { ...after, receipts: (await listKeyReceipts(client, before.id)).map(presentKeyReceipt) };
  });
}
