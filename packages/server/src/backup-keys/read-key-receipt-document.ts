// The scanned signed receipt of a key in the actor's scope (R6.2), as it was uploaded.
import { localToday } from '@portvakt/core';
import { findBackupKey, readKeyReceiptDocument as readDocument } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';

export async function readKeyReceiptDocument({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ id: string; receiptId: string }> & { now: Date }): Promise<{
  document: Buffer;
  documentType: string;
}> {
  const scope = authorise(actor, 'backup_key', 'read');
  const key = await findBackupKey(db, scope, localToday(now), input.id);
  if (!key) throw notFound('backup key');
  const document = await readDocument(db, key.municipalityId, key.id, input.receiptId);
  if (!document) throw notFound('receipt document');
  return document;
}
