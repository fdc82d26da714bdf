// The audit trail as the API returns it (GET /audit). The actions an entry can carry are the
// `auditActions` list (audit.ts).
import { Type, type Static } from 'typebox';

const NullableText = Type.Union([Type.String(), Type.Null()]);

export const AuditEntryRow = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  actorUserId: NullableText,
  actorTokenId: NullableText,
  actorLabel: Type.String(),
  actorRole: NullableText,
  action: Type.String(),
  entity: Type.String(),
  entityId: NullableText,
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: NullableText,
  source: Type.String(),
});

/** One page, newest first; `nextCursor` is the id to pass as `cursor` for older entries. */
export const AuditPage = Type.Object({
  items: Type.Array(AuditEntryRow),
  nextCursor: Type.Union([Type.Integer(), Type.Null()]),
});

export type AuditEntryRow = Static<typeof AuditEntryRow>;
export type AuditPage = Static<typeof AuditPage>;
