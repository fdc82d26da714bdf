// Changes a held key (copies, label, or where it is kept) at its version (409 version_conflict);
// a returned key is on record and no longer changes (409 key_returned).
import { localToday, type Scope } from '@portvakt/core';
import type { BackupKeyDetail, UpdateBackupKeyBody } from '@portvakt/contract';
import {
  findBackupKey,
  listKeyReceipts,
  lockKeyCabinetFacts,
  updateBackupKey as writeKey,
  type BackupKeyRow,
} from '@portvakt/storage';
import type pg from 'pg';
import { releaseKeyFromTakes } from '../key-cabinets';
import { withAuditedTransaction, type RecordAudit } from '../platform/audited-transaction';
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
 * A change of a held key in one audited transaction: the key `id` in `key.scope`, locked at the
 * caller's `version` (404 out of scope, 409 key_returned once returned, 409 version_conflict when
 * changed meanwhile); `write` checks and writes (auditing what else it changes, e.g. a lapsed take
 * cancelled); the key as `key.readScope` then sees it is audited as `key.action` against the key
 * before, and answered with its receipts. `key.intoCabinetId`, the
 * cabinet a move puts the key in, is locked before the key, the order a key take locks them in
 * (authorise-key-take.ts), so a move and a take of the same key cannot deadlock.
 */
export async function changeHeldKey(
  options: WriteOptions<{ id: string }>,
  key: {
    scope: Scope;
    readScope: Scope;
    version: number;
    action: 'update' | 'return';
    intoCabinetId?: string | undefined;
  },
  write: (client: pg.PoolClient, before: BackupKeyRow, audit: RecordAudit) => Promise<void>,
): Promise<BackupKeyDetail> {
  const today = localToday(options.now);
  return withAuditedTransaction(options, async (client, audit) => {
    if (key.intoCabinetId) await lockKeyCabinetFacts(client, options.actor.municipalityId, key.intoCabinetId);
    const before = await findBackupKey(client, key.scope, today, options.input.id, { forUpdate: true });
    if (!before) throw notFound('backup key');
    if (before.status === 'returned') throw keyReturned();
    if (before.version !== key.version) throw versionConflict();
    await write(client, before, audit);
    const after = presentBackupKey((await findBackupKey(client, key.readScope, today, before.id))!);
    await audit({
      action: key.action,
      entity: 'backup_key',
      entityId: before.id,
      before: presentBackupKey(before),
      after,
    });
    return {
      ...after,
      receipts: (await listKeyReceipts(client, before.municipalityId, before.id)).map(presentKeyReceipt),
    };
  });
}

export async function updateBackupKey(
  options: WriteOptions<{ id: string; change: UpdateBackupKeyBody }>,
): Promise<BackupKeyDetail> {
  const { actor, input } = options;
  const scope = authorise(actor, 'backup_key', 'update');
  const { change } = input;
  const key = {
    scope,
    readScope: scope,
    version: change.version,
    action: 'update',
    intoCabinetId: change.keyCabinetId ?? undefined,
  } as const;
  return changeHeldKey(options, key, async (client, before, audit) => {
    const isMoved =
      change.keyCabinetId !== undefined || change.slot !== undefined || change.safeName !== undefined;
    const place = isMoved
      ? {
          keyCabinetId: change.keyCabinetId ?? null,
          slot: change.slot ?? null,
          safeName: change.safeName?.trim() || null,
        }
      : { keyCabinetId: before.keyCabinetId, slot: before.slot, safeName: before.safeName };
    if (isMoved)
      await checkKeyPlace(
        client,
        actor.municipalityId,
        before.providerId,
        place,
        scope.kind === 'municipality',
      );
    const isLeavingSlot =
      before.keyCabinetId !== null &&
      (place.keyCabinetId !== before.keyCabinetId || place.slot !== before.slot);
    // A take is bound to its key: none stays open on the slot the key leaves (key-cabinets.md).
    if (isLeavingSlot)
      await releaseKeyFromTakes(
        client,
        audit,
        { municipalityId: before.municipalityId, backupKeyId: before.id },
        options.now,
      );
    const written = await writeKey(client, before.municipalityId, before.id, change.version, {
      copies: change.copies ?? before.copies,
      label: change.label === undefined ? before.label : change.label?.trim() || null,
      ...place,
    });
    if (written === 'slot_taken') throw slotTaken();
    if (written === 'version_conflict') throw versionConflict();
  });
}
