// The access capability's public face (docs/permissions.md): the permission model's index,
// single checks, lock-list compilation, explanations and their words, who can open.
export type { PermissionIndex } from './permission-index';
export {
  buildPermissionIndex,
  defaultPermissionTimeZone,
  findLockDoorLabel,
  findStaffProviderId,
} from './permission-index';
export * from './permission-rules';
export * from './permission-fact-rules';
export * from './permission-facts';
export * from './time-windows';
export * from './visit-windows';
export { mayOpen, mayServeCustomer } from './check';
export * from './compile';
export { explain } from './explain';
export * from './reason-params';
export * from './explain-text';
export * from './who-can-open';
