// The audit trail as the API returns it (GET /audit). The actions an entry can carry are the
// `auditActions` list (audit.ts).
import { Type, type Static } from 'typebox';
import { idPage, orNull, recordedActor } from './schema-parts';

/**
 * Who an audit entry's actor is, for a client to word (docs/api.md "Audit trail"):
 * `actor`, named by `actorLabel` as recorded (a user, an API token, a device, a job such as
 * `consentReminderJobLabel`, a link's holder); `arrival_link`, the locksmith who confirmed
 * arrival at an emergency through its single-use link, `actorLabel` naming the company ('' when
 * unknown).
 */
export const auditActorKinds = ['actor', 'arrival_link'] as const;

/** The label the consent reminder job acts under, in the audit trail and an owner's contact log. */
export const consentReminderJobLabel = 'system:consent-reminders';

export const AuditEntryRow = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  ...recordedActor,
  actorKind: Type.Enum([...auditActorKinds]),
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
