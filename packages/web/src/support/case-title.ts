// A support case's title in the reader's words: the title the server gave an emergency's case
// is said in the console's language (the tag beside it says "emergency"); a person's is as written.
import { emergencyCaseTitle, type SupportCaseSummary } from '@portvakt/contract';
import type { Translator } from '../shared/i18n';

export function sayCaseTitle(
  supportCase: Pick<SupportCaseSummary, 'title' | 'isEmergency'>,
  t: Translator['t'],
): string {
  return supportCase.isEmergency && supportCase.title === emergencyCaseTitle
    ? t('support.emergencyCaseTitle')
    : supportCase.title;
}
