// Backup keys in the actor's scope (R9.3): a work lead or staff member sees only their provider's
// keys of customers it serves; support and auditors all; property owners none (policy).
import { localToday } from '@portvakt/core';
import type { BackupKeyDetail, BackupKeyList } from '@portvakt/contract';
import {
  findBackupKey,
  listBackupKeys as listKeys,
  listKeyReceipts,
  type BackupKeyFilter,
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

export async function readBackupKey({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ id: string }> & { now: Date }): Promise<BackupKeyDetail> {
  const scope = authorise(actor, 'backup_key', 'read');
  const row = await findBackupKey(db, scope, localToday(now), input.id);
  if (!row) throw notFound('backup key');
  const receipts = await listKeyReceipts(db, row.id);
  return { ...presentBackupKey(row), receipts: receipts.map(presentKeyReceipt) };
}
