// What the app says after a check-in or check-out, from the manual form and from a planned visit
// alike: the time it was registered, or the refusal as a Swedish (or English) sentence.
import type { VisitCheckResult } from '@portvakt/devices';
import { formatPhoneTime, isPhoneAppText, type PhoneSaying } from './phone-app.i18n';

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
      say: (t, language, timeZone) =>
        t(action === 'check-in' ? 'visits.checkedIn' : 'visits.checkedOut', {
          time: formatPhoneTime(language, at, timeZone),
        }),
      isProblem: false,
    };
  }
  // The server's code names the sentence; a code the app has no sentence for (a new refusal, a
  // protocol reason such as `bad-key-signature`) reads as the general one, never as the bare code.
  const key = `visits.refused.${result.code}`;
  return {
    say: (t) => (isPhoneAppText(key) ? t(key) : t('visits.refused.other')),
    isProblem: true,
  };
}
