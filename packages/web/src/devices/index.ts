// What other capabilities use of devices: the key and lock actions shown on registry pages.
export { BlockKeyButton, sayBlocked, type KeyRow } from './block-key-dialog';
export type { BlockList } from './block-list.page';
export { DismountLockButton } from './dismount-lock-dialog';
export { KeyStatus } from './keys.page';
export { sayKeyReason } from './key-reason';
export { PinResetButton } from './pin-reset';
