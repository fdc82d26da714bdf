// Backup keys in the actor's scope (R9.3): a work lead or staff member sees only their provider's
// keys of customers it serves; support and auditors all; property owners none (policy).
import { localToday, type Scope } from '@portvakt/core';
import type { BackupKeyDetail, BackupKeyList } from '@portvakt/contract';
import {
  findBackupKey,
  listBackupKeys as listKeys,
  listKeyReceipts,
  type BackupKeyFilter,
  type Queryable,
} from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentBackupKey, presentKeyReceipt } from './backup-key-presenter';

export async function listBackupKeys({
  db,
  actor,
  input,
  now,
}: ReadOptions<BackupKeyFilter> & { now: Date }): Promise<BackupKeyList> {
  const scope = authorise(actor, 'backup_key', 'read');
  const rows = await listKeys(db, scope, localToday(now), input);
  return { items: rows.map(presentBackupKey) };
}

/** The key `id` as `scope` sees it on `today`, or 404. */
export async function findKeyInScope(db: Queryable, scope: Scope, today: string, id: string) {
  const key = await findBackupKey(db, scope, today, id);
  if (!key) throw notFound('backup key');
  return key;
}

/** The key `id` the actor may read, or 404: what reading a key or its receipt starts from. */
export async function findReadableKey({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ id: string }> & { now: Date }) {
  return findKeyInScope(db, authorise(actor, 'backup_key', 'read'), localToday(now), input.id);
}

export async function readBackupKey(
  options: ReadOptions<{ id: string }> & { now: Date },
): Promise<BackupKeyDetail> {
  const row = await findReadableKey(options);
  const receipts = await listKeyReceipts(options.db, row.municipalityId, row.id);
  return { ...presentBackupKey(row), receipts: receipts.map(presentKeyReceipt) };
}
