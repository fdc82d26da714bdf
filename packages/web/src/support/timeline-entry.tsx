// A support case's timeline entry in the reader's language (docs/support.md "Support cases"):
// what the server records as a kind with its values or parameters is put into words here, in
// Swedish or English; a note is shown as written.
import { keyTakeLapseAuthor, type SupportCaseNote, type supportCaseNoteParams } from '@portvakt/contract';
import type { ReactNode } from 'react';
import { createFactParamsReader } from '../shared/fact-params-reader';
import type { MessageKey, Translator } from '../shared/i18n';

const paramsOf = createFactParamsReader<typeof supportCaseNoteParams, SupportCaseNote>('kind', 'params');

/** Where an emergency's arrival link was mailed; a warning when it reached nobody. */
function describeLinkMailed(entry: SupportCaseNote, { t }: Translator): ReactNode {
  const params = paramsOf(entry, 'arrival_link_mailed');
  const mailedTo = params?.mailedTo ?? [];
  const failedTo = params?.mailFailedTo.join(', ') ?? '';
  if (mailedTo.length > 0)
    return [
      t('support.entryLinkMailed', { to: mailedTo.join(', ') }),
      failedTo ? ` ${t('support.entryLinkMailFailed', { to: failedTo })}` : '',
    ].join('');
  return (
    <span data-warning="arrival-link-not-mailed">
      <span className="tag tag-warning">{t('support.entryWarning')}</span>{' '}
      {failedTo
        ? t('support.entryLinkMailedToNobodyFailed', { to: failedTo })
        : t('support.entryLinkMailedToNobody')}
    </span>
  );
}

/** The cause in the reader's language; the closing note as the person wrote it. */
function describeClosed(entry: SupportCaseNote, { t }: Translator): string {
  const params = paramsOf(entry, 'emergency_closed');
  const cause = t(`emergency.cause.${params?.cause ?? 'unknown'}` as MessageKey);
  const said = t('support.entryEmergencyClosed', { cause });
  return params?.note ? `${said} ${params.note}` : said;
}

/** The work order or support case an emergency was followed up with. */
function describeFollowUp(entry: SupportCaseNote, { t, label }: Translator): string {
  const params = paramsOf(entry, 'follow_up_opened');
  if (params?.followUp === 'support_case')
    return t('support.entryFollowUpCase', { reference: params.reference ?? '' });
  const kind = label('workOrderKind', params?.workOrderKind);
  return params?.reference
    ? t('support.entryFollowUpOrder', { reference: params.reference, kind })
    : t('support.entryFollowUpExistingOrder', { kind });
}

/** A take the case links to, withdrawn or lapsed with its key never taken. */
function describeKeyTakeEnded(entry: SupportCaseNote, { t }: Translator): string {
  const kind = entry.kind === 'key_take_withdrawn' ? 'key_take_withdrawn' : 'key_take_lapsed';
  const params = paramsOf(entry, kind);
  const words = { cabinet: params?.keyCabinetName ?? '', slot: params?.slot ?? '' };
  return kind === 'key_take_withdrawn'
    ? t('support.entryKeyTakeWithdrawn', words)
    : t('support.entryKeyTakeLapsed', words);
}

/** One timeline entry in words. */
export function describeEntry(entry: SupportCaseNote, translator: Translator): ReactNode {
  const { t, label } = translator;
  const none = t('common.none');
  switch (entry.kind) {
    case 'note':
      return entry.body;
    case 'arrival_link_mailed':
      return describeLinkMailed(entry, translator);
    case 'locksmith_on_site':
      return t('support.entryLocksmithOnSite');
    case 'door_opened':
      return t('support.entryDoorOpened');
    case 'emergency_closed':
      return describeClosed(entry, translator);
    case 'follow_up_opened':
      return describeFollowUp(entry, translator);
    case 'key_take_withdrawn':
    case 'key_take_lapsed':
      return describeKeyTakeEnded(entry, translator);
    case 'status':
      return entry.body === 'raised'
        ? t('support.entryRaised')
        : t('support.entryStatus', {
            from: label('supportCaseStatus', entry.fromValue),
            to: label('supportCaseStatus', entry.toValue),
          });
    case 'priority':
      return t('support.entryPriority', {
        from: label('supportCasePriority', entry.fromValue),
        to: label('supportCasePriority', entry.toValue),
      });
    case 'assignee':
      return entry.toValue
        ? t('support.entryAssigned', { to: entry.toValue })
        : t('support.entryUnassigned', { from: entry.fromValue ?? none });
    default:
      return entry.body;
  }
}

/**
 * Who wrote an entry: a person by name, an actor the API names no one (a token, an author now of
 * another organisation) by their label, or the locksmith who confirmed arrival through the link.
 */
export function describeAuthor(entry: SupportCaseNote, { t }: Translator): string {
  if (entry.author === keyTakeLapseAuthor) return t('support.authorKeyTakeLapse');
  if (entry.authorKind === 'arrival_link')
    return t('support.authorArrivalLink', { company: entry.author || t('support.unknownCompany') });
  return entry.authorName ?? entry.author;
}
