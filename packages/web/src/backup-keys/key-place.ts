// Where a backup key is kept, in words: "Nyckelskåp Nord 1, fack 4" or the safe's name; and the
// columns every list of backup keys shows.
import type { BackupKey } from '@portvakt/contract';
import type { Translator } from '../shared/i18n';
import type { RowColumn } from '../shared/row-table';

export function describeKeyPlace(key: BackupKey, t: Translator['t']): string {
  if (key.keyCabinetName !== null && key.slot !== null)
    return t('backupKeys.inCabinet', { cabinet: key.keyCabinetName, slot: key.slot });
  return key.safeName ?? t('common.none');
}

/** Who holds the key, how many copies, where and since when: the columns every list of backup keys shows. */
export function keyHoldingColumns({ t, formatDate, formatNumber }: Translator): Array<RowColumn<BackupKey>> {
  return [
    { header: t('backupKeys.provider'), render: (key) => key.providerName },
    { header: { text: t('backupKeys.copies'), isNumeric: true }, render: (key) => formatNumber(key.copies) },
    { header: t('backupKeys.keptAt'), render: (key) => describeKeyPlace(key, t) },
    { header: t('backupKeys.receivedOn'), render: (key) => formatDate(key.receivedOn) },
  ];
}
