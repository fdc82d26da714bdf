// The audit trail as the API returns it (GET /audit). The actions an entry can carry are the
// `auditActions` list (audit.ts); the names of the records a page's entries refer to, the
// references lookup (audit-references.ts).
import { Type, type Static } from 'typebox';
import { AuditReference } from './audit-references';
import { idPage, orNull, recordedActor, recordedName } from './schema-parts';

/**
 * Who an audit entry's actor is, for a client to word (docs/api.md "Audit trail"):
 * `actor`, named by `actorLabel` as recorded (a user, an API token, a device, a job such as
 * `consentReminderJobLabel` or `retentionJobLabel`); `arrival_link`, the locksmith who confirmed
 * arrival at an emergency through its single-use link, `actorLabel` naming the company ('' when
 * unknown); `consent_link`, the person who answered a property owner's consent link, `actorLabel`
 * the name and title they gave and `actorVia` the owner; `relative_invitation`, the relative who
 * made their account through an invitation link, `actorLabel` their name and `actorVia` who
 * invited them.
 */
export const auditActorKinds = ['actor', 'arrival_link', 'consent_link', 'relative_invitation'] as const;

/** The label the consent reminder job acts under, in the audit trail and an owner's contact log. */
export const consentReminderJobLabel = 'system:consent-reminders';

/** The label the scheduled retention job of a running server records its runs under. */
export const retentionJobLabel = 'system:retention';

/**
 * The label the employment-end sweep acts under in the audit trail and on the block list: it
 * blocks the keys of staff whose employment's last day has passed.
 */
export const employmentEndJobLabel = 'system:employment-ends';

export const AuditEntryRow = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  ...recordedActor,
  actorKind: Type.Enum([...auditActorKinds]),
  actorName: recordedName(
    'The name of the user account that acted, as people know them (`actorLabel` stays as recorded: the ' +
      'username); null for an API token, a device, a job, the link kinds, a blank name or an account no longer there.',
  ),
  actorVia: orNull(
    Type.String({
      description:
        "Whose link it was: for `consent_link` the property owner's name, for `relative_invitation` who " +
        'invited the relative; null for other kinds and when not recorded.',
    }),
  ),
  action: Type.String(),
  entity: Type.String(),
  entityId: orNull(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: orNull(Type.String()),
  source: Type.String(),
});

export const AuditPage = Type.Object({
  ...idPage(AuditEntryRow).properties,
  references: Type.Array(AuditReference, {
    description:
      'Each record the page’s entries refer to in their before/after (a `doorId`, a `providerId`, …; ' +
      'the fields of `findAuditReferenceKind`), once, by its name now or null when no longer there; only ' +
      'references on this page, and only of kinds the reader may read across the municipality.',
  }),
});

export type AuditEntryRow = Static<typeof AuditEntryRow>;
export type AuditPage = Static<typeof AuditPage>;
