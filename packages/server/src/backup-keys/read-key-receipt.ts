// The key receipt to print and sign (R6.2), for a key in the actor's scope.
import { localToday } from '@portvakt/core';
import { findBackupKey, readKeyReceiptView } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { renderKeyReceiptPdf } from './key-receipt-pdf';

export async function readKeyReceipt({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ id: string }> & { now: Date }): Promise<Uint8Array> {
  const scope = authorise(actor, 'backup_key', 'read');
  const key = await findBackupKey(db, scope, localToday(now), input.id);
  if (!key) throw notFound('backup key');
  const view = await readKeyReceiptView(db, key.id);
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
