// The phone app's translator: Swedish first, English on request, the choice kept on the phone.
import { createContext, useContext } from 'react';
import { phoneAppEn } from './phone-app.en';
import { phoneAppSv, type PhoneAppText } from './phone-app.sv';

export type PhoneLanguage = 'sv' | 'en';
export type PhoneTranslate = (key: PhoneAppText, params?: Record<string, string | number>) => string;
/**
 * Something the app has said (a refusal, an outcome), kept as how to say it rather than as the
 * words, so it reads in the language chosen after it appeared as well.
 */
export type PhoneSaying = (t: PhoneTranslate, language: PhoneLanguage) => string;

/** A saying that is one message with fixed parameters. */
export function sayText(key: PhoneAppText, params?: Record<string, string | number>): PhoneSaying {
  return (t) => t(key, params);
}

const languageKey = 'portvakt.app.language';

export function readPhoneLanguage(): PhoneLanguage {
  return localStorage.getItem(languageKey) === 'en' ? 'en' : 'sv';
}

export function savePhoneLanguage(language: PhoneLanguage): void {
  localStorage.setItem(languageKey, language);
}

export function createPhoneTranslate(language: PhoneLanguage): PhoneTranslate {
  const table: Record<PhoneAppText, string> = language === 'en' ? phoneAppEn : phoneAppSv;
  return (key, params = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/** Local time of day (and date when not today) in the app's language, Stockholm time. */
export function formatPhoneTime(language: PhoneLanguage, time: Date): string {
  const locale = language === 'en' ? 'en-GB' : 'sv-SE';
  const isToday = time.toDateString() === new Date().toDateString();
  return time.toLocaleString(locale, {
    ...(isToday ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  });
}

export const PhoneTranslateContext = createContext<{ t: PhoneTranslate; language: PhoneLanguage }>({
  t: createPhoneTranslate('sv'),
  language: 'sv',
});

export const usePhoneTranslate = () => useContext(PhoneTranslateContext);
