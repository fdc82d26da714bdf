// What other capabilities use of the audit trail: recording a change in the caller's transaction.
export { recordChange } from './audit';
export { createAuditCheckpoints } from './audit-checkpoint';
export { registerAuditRoutes } from './audit.routes';
