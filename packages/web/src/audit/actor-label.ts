// Who acted, in the reader's words (docs/api.md "Audit trail"): the locksmith on an emergency's
// arrival link is said with the company; the person who answered an owner's consent link and the
// relative who made their account through an invitation with their name and whose link it was;
// the consent reminder and retention jobs, recorded under a code, by their names; a person by the
// name the API answers; anyone else by the label recorded (a username the API names no one by, an
// API token, a device), as written.
import {
  consentReminderJobLabel,
  employmentEndJobLabel,
  retentionJobLabel,
  type AuditEntryRow,
} from '@portvakt/contract';
import type { Translator } from '../shared/i18n';

export function sayActorLabel(
  actor: {
    actorLabel: string;
    actorKind?: AuditEntryRow['actorKind'];
    actorVia?: AuditEntryRow['actorVia'];
    actorName?: AuditEntryRow['actorName'];
  },
  t: Translator['t'],
): string {
  const person = actor.actorLabel;
  switch (actor.actorKind) {
    case 'arrival_link':
      return t('audit.actorArrivalLink', { company: actor.actorLabel || t('audit.unknownCompany') });
    case 'consent_link':
      return actor.actorVia
        ? t('audit.actorConsentLinkOf', { person, owner: actor.actorVia })
        : t('audit.actorConsentLink', { person });
    case 'relative_invitation':
      return actor.actorVia
        ? t('audit.actorRelativeInvitationBy', { person, inviter: actor.actorVia })
        : t('audit.actorRelativeInvitation', { person });
    default:
      if (actor.actorLabel === consentReminderJobLabel) return t('audit.actorConsentReminderJob');
      if (actor.actorLabel === retentionJobLabel) return t('audit.actorRetentionJob');
      if (actor.actorLabel === employmentEndJobLabel) return t('audit.actorEmploymentEndJob');
      return actor.actorName ?? actor.actorLabel;
  }
}
