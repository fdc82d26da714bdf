// Who acted, in the reader's words (docs/api.md "Audit trail"): the locksmith on an emergency's
// arrival link is said with the company; the consent reminder job, recorded under a code, by its
// name; anyone else by the label recorded (a person, an API token, a device), as written.
import { consentReminderJobLabel, type AuditEntryRow } from '@portvakt/contract';
import type { Translator } from '../shared/i18n';

export function sayActorLabel(
  actor: { actorLabel: string; actorKind?: AuditEntryRow['actorKind'] },
  t: Translator['t'],
): string {
  if (actor.actorKind === 'arrival_link')
    return t('audit.actorArrivalLink', { company: actor.actorLabel || t('audit.unknownCompany') });
  if (actor.actorLabel === consentReminderJobLabel) return t('audit.actorConsentReminderJob');
  return actor.actorLabel;
}
