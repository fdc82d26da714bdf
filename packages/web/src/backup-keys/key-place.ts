// Where a backup key is kept, in words: "Nyckelskåp Nord 1, fack 4" or the safe's name.
import type { BackupKey } from '@portvakt/contract';
import type { Translator } from '../shared/i18n';

export function describeKeyPlace(key: BackupKey, t: Translator['t']): string {
  if (key.keyCabinetName !== null && key.slot !== null)
    return t('backupKeys.inCabinet', { cabinet: key.keyCabinetName, slot: key.slot });
  return key.safeName ?? t('common.none');
}
