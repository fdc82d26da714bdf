// What other capabilities use of backup keys: the customer page's section; the shell's pages.
export { BackupKeysSection } from './backup-keys.section';
export { BackupKeysPage } from './backup-keys.page';
export { DeviationPlansPage } from './deviation-plans.page';
export { KeyReturnReadinessPage } from './key-return-readiness.page';
export { KeysHeldPage } from './keys-held.page';
