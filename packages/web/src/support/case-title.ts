// A support case's title in the reader's words (docs/support.md "Support cases"): the titles the
// server gives the cases it opens (an emergency opening's, a backup key taken, an emergency's
// follow-up) are a kind with parameters, said here in the console's language; a person's is as
// written. An emergency's case is said "Kommer inte in" / "Cannot get in": the tag beside it says
// "emergency".
import type { SupportCaseSummary, supportCaseTitleParams } from '@portvakt/contract';
import { createFactParamsReader } from '../shared/fact-params-reader';
import type { Translator } from '../shared/i18n';

type CaseTitle = Pick<SupportCaseSummary, 'title' | 'titleKind' | 'titleParams'>;

const paramsOf = createFactParamsReader<typeof supportCaseTitleParams, CaseTitle>('titleKind', 'titleParams');

export function sayCaseTitle(supportCase: CaseTitle, t: Translator['t']): string {
  switch (supportCase.titleKind) {
    case 'emergency_opening':
      return t('support.emergencyCaseTitle');
    case 'backup_key_taken': {
      const { cabinetName = '', slot = 0 } = paramsOf(supportCase, 'backup_key_taken') ?? {};
      return t('support.backupKeyTakenTitle', { cabinet: cabinetName, slot });
    }
    case 'emergency_follow_up':
      return t('support.emergencyFollowUpTitle', {
        reference: paramsOf(supportCase, 'emergency_follow_up')?.emergencyReference ?? '',
      });
    default:
      return supportCase.title;
  }
}
