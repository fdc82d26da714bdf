export {
  openDatabase,
  ensureDatabase,
  readEngineInfo,
  createPool,
  isPoolTimeout,
  defaultPoolTimeoutMs,
  type Database,
  type DatabaseOptions,
} from './database';
export { migrate, loadMigrations, setMigrationUrl, type Migration, type MigrateResult } from './migrate';
export { appRole, ownerRole, ensureRoles, withCredentials } from './database-roles';
export { startEmbeddedPostgres, type EmbeddedServer } from './embedded';
export * from './registry.repository';
export * from './accounts.repository';
export * from './audit.repository';
export * from './municipality.repository';
export * from './access-path.repository';
export * from './demo.repository';
export * from './issuer.repository';
export * from './permission-facts.repository';
export * from './block-list.repository';
export * from './event-log.repository';
export * from './event-query.repository';
export * from './event-labels.repository';
export * from './visit-list.repository';
export * from './event-summary.repository';
export * from './event-retention';
export * from './event-verify';
export * from './audit-verify';
export * from './device.repository';
export * from './lock-dismount.repository';
