// The key receipt to print and sign (R6.2), for a key in the actor's scope.
import { readKeyReceiptView } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { renderKeyReceiptPdf } from './key-receipt-pdf';
import { findReadableKey } from './list-backup-keys';

export async function readKeyReceipt(
  options: ReadOptions<{ id: string }> & { now: Date },
): Promise<Uint8Array> {
  const key = await findReadableKey(options);
  const view = await readKeyReceiptView(options.db, key.municipalityId, key.id);
  const place = [view.postalCode, view.city].filter(Boolean).join(' ');
  const address = [view.streetAddress, view.apartment, place].filter(Boolean).join(', ');
  return renderKeyReceiptPdf({
    municipalityName: view.municipalityName,
    customerName: view.customerName,
    address: address || '–',
    doorLabel: key.doorLabel,
    copies: key.copies,
    label: key.label,
    providerName: key.providerName,
    keptAt: key.keyCabinetName ? `${key.keyCabinetName}, fack ${key.slot}` : (key.safeName ?? '–'),
    receivedOn: key.receivedOn,
    reference: key.id.slice(0, 8).toUpperCase(),
    createdAt: key.createdAt,
  });
}
