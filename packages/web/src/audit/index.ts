// What other capabilities use of audit: the link to a record's history and the entry's shape.
export { AuditLink } from './audit-link';
export type { AuditEntry } from './audit.page';
