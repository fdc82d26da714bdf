// What the app says after a check-in or check-out, from the manual form and from a planned visit
// alike: the time it was registered, or the refusal as a Swedish (or English) sentence.
import type { VisitCheckResult } from '@portvakt/devices';
import type { PhoneAppText } from './phone-app.sv';
import { formatPhoneTime, type PhoneLanguage, type PhoneTranslate } from './phone-app.i18n';

export interface VisitCheckMessage {
  text: string;
  isProblem: boolean;
}

export function describeVisitCheck(
  t: PhoneTranslate,
  language: PhoneLanguage,
  action: 'check-in' | 'check-out',
  result: VisitCheckResult,
): VisitCheckMessage {
  if (result.isRegistered) {
    const time = formatPhoneTime(language, action === 'check-in' ? result.arrival : result.departure!);
    return {
      text: t(action === 'check-in' ? 'visits.checkedIn' : 'visits.checkedOut', { time }),
      isProblem: false,
    };
  }
  const key = `visits.refused.${result.code}` as PhoneAppText;
  const text = t(key) === key ? t('visits.refused.other', { code: result.code }) : t(key);
  return { text, isProblem: true };
}
