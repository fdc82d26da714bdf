// The phone app's translator: Swedish first, English on request, the choice kept on the phone.
import { createContext, useContext } from 'react';
import { phoneAppEn } from './phone-app.en';
import { phoneAppSv, type PhoneAppText } from './phone-app.sv';

export type PhoneLanguage = 'sv' | 'en';
export type PhoneTranslate = (key: PhoneAppText, params?: Record<string, string | number>) => string;
/**
 * Something the app has said (a refusal, an outcome), kept as how to say it rather than as the
 * words, so it reads in the language chosen after it appeared as well, its times in `timeZone`.
 */
export type PhoneSaying = (t: PhoneTranslate, language: PhoneLanguage, timeZone: string) => string;

/**
 * The zone every time in the app is shown in: the municipality's (its `timeZone` setting, which
 * the planned visits' answer carries), Stockholm's until the server has said. Not the phone's own:
 * a phone set to another zone would show the shift's end, a check-in and the visit windows in
 * different zones, and the windows are the municipality's local times.
 */
export const defaultPhoneTimeZone = 'Europe/Stockholm';

/** Whether `key` is one of the app's texts (a key made from a server's code may not be). */
export function isPhoneAppText(key: string): key is PhoneAppText {
  return Object.hasOwn(phoneAppSv, key);
}

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

/** Time of day (and date when not today) in the app's language, in `timeZone` (the municipality's). */
export function formatPhoneTime(language: PhoneLanguage, time: Date, timeZone: string): string {
  const locale = language === 'en' ? 'en-GB' : 'sv-SE';
  const dayOf = (instant: Date) => instant.toLocaleDateString('sv-SE', { timeZone });
  const isToday = dayOf(time) === dayOf(new Date());
  return time.toLocaleString(locale, {
    ...(isToday ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
}

export const PhoneTranslateContext = createContext<{
  t: PhoneTranslate;
  language: PhoneLanguage;
  /** The zone times are shown in (`defaultPhoneTimeZone` until the server has told the municipality's). */
  timeZone: string;
}>({
  t: createPhoneTranslate('sv'),
  language: 'sv',
  timeZone: defaultPhoneTimeZone,
});

export const usePhoneTranslate = () => useContext(PhoneTranslateContext);
