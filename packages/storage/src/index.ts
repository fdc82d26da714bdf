export {
  openDatabase,
  ensureDatabase,
  readEngineInfo,
  readFreeConnections,
  createPool,
  isPoolTimeout,
  isLockWaitTimeout,
  warmPool,
  defaultPoolSize,
  defaultPoolTimeoutMs,
  type Database,
  type DatabaseOptions,
} from './platform/database';
export {
  migrate,
  loadMigrations,
  setMigrationUrl,
  type Migration,
  type MigrateResult,
} from './platform/migrate';
export { appRole, ownerRole, ensureRoles, withCredentials } from './platform/database-roles';
export { startEmbeddedPostgres, type EmbeddedServer } from './platform/embedded';
export * from './registry/registry.repository';
export * from './accounts/accounts.repository';
export * from './accounts/passkey.repository';
export * from './accounts/oidc.repository';
export * from './audit/audit.repository';
export * from './audit/audit-checkpoint.repository';
export * from './audit/audit-references.repository';
export * from './registry/municipality.repository';
export * from './access/access-path.repository';
export * from './platform/bulk-insert.repository';
export * from './platform/demo-seed.repository';
export * from './devices';
export * from './access/employment-grants.repository';
export * from './access/permission-facts.repository';
export * from './access/visit-window.repository';
export * from './events/event-log.repository';
export * from './events/event-finding.repository';
export * from './events/event-read.repository';
export * from './events/device-chain.repository';
export * from './events/event-report.repository';
export * from './events/event-query.repository';
export * from './events/event-labels.repository';
export * from './visits';
export * from './events/event-summary.repository';
export * from './events/event-retention';
export * from './events/legal-hold.repository';
export * from './events/event-verify';
export * from './audit/audit-verify';
export * from './registry/lock-dismount.repository';
export * from './registry/residents.repository';
export * from './registry/serial.repository';
export { withTransaction, type TransactionOptions } from './platform/transaction';
export {
  isFailoverError,
  DatabaseUnavailableError,
  defaultFailoverRetryMs,
  setFailoverRetryBudget,
} from './platform/database-failover';
export {
  runWithIdempotencyClaim,
  IdempotencyKeyTaken,
  type IdempotencyClaim,
} from './platform/idempotency-claim';
export * from './platform/idempotency.repository';
export * from './work-orders';
export * from './rollout';
export * from './imports';
export * from './batteries';
export * from './consents';
export * from './support';
export * from './key-cabinets';
export * from './emergency';
export * from './backup-keys';
export * from './live';
export * from './relatives';
export * from './webhooks';
export * from './exports';
