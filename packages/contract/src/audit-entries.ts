// The audit trail as the API returns it (GET /audit). The actions an entry can carry are the
// `auditActions` list (audit.ts).
import { Type, type Static } from 'typebox';
import { idPage, orNull, recordedActor } from './schema-parts';

export const AuditEntryRow = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  ...recordedActor,
  action: Type.String(),
  entity: Type.String(),
  entityId: orNull(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: orNull(Type.String()),
  source: Type.String(),
});

export const AuditPage = idPage(AuditEntryRow);

export type AuditEntryRow = Static<typeof AuditEntryRow>;
export type AuditPage = Static<typeof AuditPage>;
