// The audit trail as the API returns it (GET /audit). The actions an entry can carry are the
// `auditActions` list (audit.ts).
import { Type, type Static } from 'typebox';
import { orNull } from './schema-parts';

export const AuditEntryRow = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  actorUserId: orNull(Type.String()),
  actorTokenId: orNull(Type.String()),
  actorLabel: Type.String(),
  actorRole: orNull(Type.String()),
  action: Type.String(),
  entity: Type.String(),
  entityId: orNull(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: orNull(Type.String()),
  source: Type.String(),
});

/** One page, newest first; `nextCursor` is the id to pass as `cursor` for older entries. */
export const AuditPage = Type.Object({
  items: Type.Array(AuditEntryRow),
  nextCursor: orNull(Type.Integer()),
});

export type AuditEntryRow = Static<typeof AuditEntryRow>;
export type AuditPage = Static<typeof AuditPage>;
