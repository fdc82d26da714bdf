// What the app says after a check-in or check-out, from the manual form and from a planned visit
// alike: the time it was registered, or the refusal as a Swedish (or English) sentence.
import type { VisitCheckResult } from '@portvakt/devices';
import type { PhoneAppText } from './phone-app.sv';
import { formatPhoneTime, type PhoneSaying } from './phone-app.i18n';

export interface VisitCheckMessage {
  say: PhoneSaying;
  isProblem: boolean;
}

export function describeVisitCheck(
  action: 'check-in' | 'check-out',
  result: VisitCheckResult,
): VisitCheckMessage {
  if (result.isRegistered) {
    const at = action === 'check-in' ? result.arrival : result.departure!;
    return {
      say: (t, language) =>
        t(action === 'check-in' ? 'visits.checkedIn' : 'visits.checkedOut', {
          time: formatPhoneTime(language, at),
        }),
      isProblem: false,
    };
  }
  const key = `visits.refused.${result.code}` as PhoneAppText;
  return {
    say: (t) => (t(key) === key ? t('visits.refused.other', { code: result.code }) : t(key)),
    isProblem: true,
  };
}
