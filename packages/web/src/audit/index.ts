// What other capabilities use of audit: the link to a record's history, the entry's shape, who
// acted, and a record's fields and stored values in the reader's words (the imports page too).
export { AuditLink } from './audit-link';
export type { AuditEntry } from './audit.page';
export { sayActorLabel } from './actor-label';
export { nameChangedField, sayStoredValue } from './audit-fields';
