// The key receipt to print and sign (R6.2), for a key in the actor's scope. Once the customer's
// signed receipt is on record, the print shows the label the key had then (a relabel does not
// rewrite what was signed, docs/backup-keys.md "Labels on record"); before, the key's label now.
import { listKeyReceipts, readKeyReceiptView } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { renderKeyReceiptPdf } from './key-receipt-pdf';
import { findReadableKey } from './list-backup-keys';

export async function readKeyReceipt(
  options: ReadOptions<{ id: string }> & { now: Date },
): Promise<Uint8Array> {
  const key = await findReadableKey(options);
  const view = await readKeyReceiptView(options.db, key.municipalityId, key.id);
  const receipts = await listKeyReceipts(options.db, key.municipalityId, key.id);
  const signed = receipts.find((receipt) => receipt.kind === 'received');
  const place = [view.postalCode, view.city].filter(Boolean).join(' ');
  const address = [view.streetAddress, view.apartment, place].filter(Boolean).join(', ');
  return renderKeyReceiptPdf({
    municipalityName: view.municipalityName,
    customerName: view.customerName,
    address: address || '–',
    doorLabel: key.doorLabel,
    copies: key.copies,
    label: signed ? signed.label : key.label,
    providerName: key.providerName,
    keptAt: key.keyCabinetName ? `${key.keyCabinetName}, fack ${key.slot}` : (key.safeName ?? '–'),
    receivedOn: key.receivedOn,
    reference: key.id.slice(0, 8).toUpperCase(),
    createdAt: key.createdAt,
  });
}
