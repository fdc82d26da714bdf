// Key cabinets (docs/key-cabinets.md): the registry of cabinets and their takes.
export * from './key-cabinet.repository';
export * from './key-cabinet-take.repository';
export { insertBackupKeyForTest } from './backup-key.testing';
