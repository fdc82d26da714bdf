// What other capabilities use of the audit trail: recording a change in the caller's transaction, and who acted.
export { actorColumns, recordChange, type AuditChange } from './audit';
export { createAuditCheckpoints } from './audit-checkpoint';
export { registerAuditRoutes } from './audit.routes';
