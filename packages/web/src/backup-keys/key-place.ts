// Where a backup key is kept, in words: "Nyckelskåp Nord 1, fack 4" or the safe's name; and the
// headers of the columns every list of backup keys shows.
import type { BackupKey } from '@portvakt/contract';
import type { SimpleHeader } from '../shared/data-table';
import type { Translator } from '../shared/i18n';

export function describeKeyPlace(key: BackupKey, t: Translator['t']): string {
  if (key.keyCabinetName !== null && key.slot !== null)
    return t('backupKeys.inCabinet', { cabinet: key.keyCabinetName, slot: key.slot });
  return key.safeName ?? t('common.none');
}

/** Who holds the key, how many copies, where, since when and whether it is still held. */
export function keyHoldingHeaders(t: Translator['t']): SimpleHeader[] {
  return [
    t('backupKeys.provider'),
    { text: t('backupKeys.copies'), isNumeric: true },
    t('backupKeys.keptAt'),
    t('backupKeys.receivedOn'),
    t('backupKeys.status'),
  ];
}
