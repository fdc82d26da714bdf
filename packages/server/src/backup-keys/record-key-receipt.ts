// Records a signed key receipt (R6.2): received, or returned once the key has gone back; with the
// day, who signed and who witnessed, and optionally the scan (PDF, JPEG or PNG, checked by its
// first bytes, at most 2 MB). Receipts are append-only (0029), so a day before the key was received
// is refused (422 signed_before_received) rather than kept for good.
import { checkNotBeforeReceived, checkReceiptDocument, checkRecordedDay, localToday } from '@portvakt/core';
import type { KeyReceipt, RecordKeyReceiptBody } from '@portvakt/contract';
import { insertKeyReceipt } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, throwIfRefused } from '../platform/errors';
import { presentKeyReceipt } from './backup-key-presenter';
import { findKeyInScope } from './list-backup-keys';

/** The uploaded scan's bytes, refused (422) unless it is the file it says it is. */
export function decodeReceiptDocument(document: RecordKeyReceiptBody['document']): Uint8Array | null {
  if (!document) return null;
  const bytes = new Uint8Array(Buffer.from(document.base64, 'base64'));
  throwIfRefused(checkReceiptDocument(bytes, document.contentType));
  return bytes;
}

export async function recordKeyReceipt(
  options: WriteOptions<{ id: string; receipt: RecordKeyReceiptBody }>,
): Promise<KeyReceipt> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'backup_key', 'update');
  const { receipt } = input;
  const today = localToday(now);
  throwIfRefused(checkRecordedDay('signedOn', receipt.signedOn, today));
  const document = decodeReceiptDocument(receipt.document);
  return withAuditedTransaction(options, async (client, audit) => {
    const key = await findKeyInScope(client, scope, today, input.id);
    throwIfRefused(checkNotBeforeReceived('signedOn', receipt.signedOn, key.receivedOn));
    if (receipt.kind === 'returned' && key.status !== 'returned')
      throw new ApiError(409, 'key_not_returned', 'The key is still held; register its return first.');
    const made = await insertKeyReceipt(client, {
      municipalityId: key.municipalityId,
      backupKeyId: key.id,
      kind: receipt.kind,
      signedOn: receipt.signedOn,
      signedBy: receipt.signedBy.trim(),
      witnessedBy: receipt.witnessedBy.trim(),
      document,
      documentType: document ? receipt.document!.contentType : null,
      recordedBy: actor.label,
      recordedAt: now,
    });
    const after = presentKeyReceipt(made);
    await audit({ action: 'create', entity: 'backup_key', entityId: key.id, after });
    return after;
  });
}
