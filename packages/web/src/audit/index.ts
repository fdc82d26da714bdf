// What other capabilities use of audit: the link to a record's history, the entry's shape, and
// who acted in the reader's words.
export { AuditLink } from './audit-link';
export type { AuditEntry } from './audit.page';
export { sayActorLabel } from './actor-label';
