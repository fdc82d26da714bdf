// An owner's contact-log outcome in the reader's language (docs/consents.md "Contact log"): what
// the server records as an outcome kind with its parameters is put into words here, in Swedish or
// English; a person's note, and a note within a withdrawal, are shown as written.
import type { OwnerContactLogEntry, ownerContactLogParams } from '@portvakt/contract';
import { createFactParamsReader } from '../shared/fact-params-reader';
import type { Translator } from '../shared/i18n';

const paramsOf = createFactParamsReader<typeof ownerContactLogParams, OwnerContactLogEntry>(
  'outcomeKind',
  'params',
);

/** The doors whose consent was withdrawn; the lock manager's note as written. */
function describeWithdrawn(entry: OwnerContactLogEntry, { t }: Translator): string {
  const params = paramsOf(entry, 'consent_withdrawn');
  const said = t('consents.outcomeWithdrawn', { doors: params?.doors.join(', ') ?? '' });
  return params?.note ? `${said} ${params.note}` : said;
}

/** One contact-log outcome in words. */
export function describeContactOutcome(entry: OwnerContactLogEntry, translator: Translator): string {
  const { t } = translator;
  switch (entry.outcomeKind) {
    case 'consent_request_sent': {
      const params = paramsOf(entry, 'consent_request_sent');
      return t(params?.doorCount === 1 ? 'consents.outcomeRequestSentOne' : 'consents.outcomeRequestSent', {
        contact: params?.contactName ?? '',
        email: params?.email ?? '',
        count: params?.doorCount ?? 0,
        address: params?.streetAddress ?? '',
      });
    }
    case 'consent_reminder_sent': {
      const params = paramsOf(entry, 'consent_reminder_sent');
      return t('consents.outcomeReminderSent', {
        reminder: params?.reminder ?? 0,
        contact: params?.contactName ?? '',
        email: params?.email ?? '',
      });
    }
    case 'consent_withdrawn':
      return describeWithdrawn(entry, translator);
    default:
      return entry.outcome;
  }
}
