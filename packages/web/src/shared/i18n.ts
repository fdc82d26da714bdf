// The translator: every string the console shows, in Swedish (the default) and English. The
// texts live next to the screens that show them (`<capability>/<capability>.sv.ts` and `.en.ts`);
// each English table is typed against its Swedish one, so a missing translation fails the type
// check, not the user.
import { createContext, useContext } from 'react';
import { accessEn, accessLabelsEn } from '../access/access.en';
import { accessLabelsSv, accessSv } from '../access/access.sv';
import { accountsEn, accountsLabelsEn } from '../accounts/accounts.en';
import { accountsLabelsSv, accountsSv } from '../accounts/accounts.sv';
import { passkeysEn } from '../accounts/passkeys.en';
import { passkeysSv } from '../accounts/passkeys.sv';
import { oidcEn } from '../accounts/oidc.en';
import { oidcSv } from '../accounts/oidc.sv';
import { auditEn, auditLabelsEn } from '../audit/audit.en';
import { batteriesEn } from '../batteries/batteries.en';
import { batteriesSv } from '../batteries/batteries.sv';
import { auditLabelsSv, auditSv } from '../audit/audit.sv';
import { devicesEn, devicesLabelsEn } from '../devices/devices.en';
import { devicesLabelsSv, devicesSv } from '../devices/devices.sv';
import { eventsEn } from '../events/events.en';
import { eventsSv } from '../events/events.sv';
import { registryEn, registryLabelsEn } from '../registry/registry.en';
import { registryLabelsSv, registrySv } from '../registry/registry.sv';
import { rolloutEn, rolloutLabelsEn } from '../rollout/rollout.en';
import { rolloutLabelsSv, rolloutSv } from '../rollout/rollout.sv';
import { visitsEn, visitsLabelsEn } from '../visits/visits.en';
import { visitsLabelsSv, visitsSv } from '../visits/visits.sv';
import { workOrderLabelsEn, workOrdersEn } from '../work-orders/work-orders.en';
import { workOrderLabelsSv, workOrdersSv } from '../work-orders/work-orders.sv';
import { lockConsentEn } from '../work-orders/lock-consent.en';
import { lockConsentSv } from '../work-orders/lock-consent.sv';
import { consentsEn } from '../consents/consents.en';
import { consentsSv } from '../consents/consents.sv';
import { keyCabinetsEn } from '../key-cabinets/key-cabinets.en';
import { keyCabinetsSv } from '../key-cabinets/key-cabinets.sv';
import { supportEn, supportLabelsEn } from '../support/support.en';
import { supportLabelsSv, supportSv } from '../support/support.sv';
import { emergencyEn } from '../emergency/emergency.en';
import { emergencySv } from '../emergency/emergency.sv';
import { locksmithCompaniesEn } from '../registry/locksmith-companies.en';
import { locksmithCompaniesSv } from '../registry/locksmith-companies.sv';
import { backupKeysEn } from '../backup-keys/backup-keys.en';
import { backupKeysSv } from '../backup-keys/backup-keys.sv';
import { importsEn } from '../imports/imports.en';
import { importsSv } from '../imports/imports.sv';
import { liveEn } from '../live/live.en';
import { liveSv } from '../live/live.sv';
import { relativesEn } from '../relatives/relatives.en';
import { relativesSv } from '../relatives/relatives.sv';
import { webhooksEn } from '../webhooks/webhooks.en';
import { webhooksSv } from '../webhooks/webhooks.sv';
import { ApiRequestError } from './api-client';
import { readCalendarDay } from './dates';
import { errorsEn, errorsWithParamsEn } from './errors.en';
import { findErrorParams, findFieldIssues, findLabel, type FieldIssue } from './field-problems';
import { errorsSv, errorsWithParamsSv } from './errors.sv';
import type { LabelTablesLike } from './labels';
import { sharedEn } from './shared.en';
import { sharedSv } from './shared.sv';

export type Language = 'sv' | 'en';

const sv = {
  ...sharedSv,
  ...accountsSv,
  ...passkeysSv,
  ...oidcSv,
  ...registrySv,
  ...accessSv,
  ...devicesSv,
  ...eventsSv,
  ...auditSv,
  ...visitsSv,
  ...workOrdersSv,
  ...lockConsentSv,
  ...rolloutSv,
  ...batteriesSv,
  ...consentsSv,
  ...keyCabinetsSv,
  ...supportSv,
  ...emergencySv,
  ...locksmithCompaniesSv,
  ...backupKeysSv,
  ...liveSv,
  ...relativesSv,
  ...webhooksSv,
  ...importsSv,
} as const;

export type MessageKey = keyof typeof sv;

const en: Record<MessageKey, string> = {
  ...sharedEn,
  ...accountsEn,
  ...passkeysEn,
  ...oidcEn,
  ...registryEn,
  ...accessEn,
  ...devicesEn,
  ...eventsEn,
  ...auditEn,
  ...visitsEn,
  ...workOrdersEn,
  ...lockConsentEn,
  ...rolloutEn,
  ...batteriesEn,
  ...consentsEn,
  ...keyCabinetsEn,
  ...supportEn,
  ...emergencyEn,
  ...locksmithCompaniesEn,
  ...backupKeysEn,
  ...liveEn,
  ...relativesEn,
  ...webhooksEn,
  ...importsEn,
};

const enumLabelsSv = {
  ...accountsLabelsSv,
  ...registryLabelsSv,
  ...accessLabelsSv,
  ...devicesLabelsSv,
  ...auditLabelsSv,
  ...visitsLabelsSv,
  ...workOrderLabelsSv,
  ...rolloutLabelsSv,
  ...supportLabelsSv,
};

/** Every enumeration label table, by name (`label(name, value)`); English has the same tables. */
type EnumLabels = LabelTablesLike<typeof enumLabelsSv>;

export type EnumName = keyof EnumLabels;

const enumLabels: Record<Language, EnumLabels> = {
  sv: enumLabelsSv,
  en: {
    ...accountsLabelsEn,
    ...registryLabelsEn,
    ...accessLabelsEn,
    ...devicesLabelsEn,
    ...auditLabelsEn,
    ...visitsLabelsEn,
    ...workOrderLabelsEn,
    ...rolloutLabelsEn,
    ...supportLabelsEn,
  },
};

/** API error codes in plain language; anything unlisted falls back to the server's own message. */
const errorMessages: Record<Language, Record<string, string>> = { sv: errorsSv, en: errorsEn };

/** Error codes whose words name the bound in the answer's `details` (`{maxDays}`), when it has it. */
const errorMessagesWithParams: Record<Language, Record<string, string>> = {
  sv: errorsWithParamsSv,
  en: errorsWithParamsEn,
};

/** `text` with every `{name}` put in from `params`; undefined when `params` lack one of them. */
function fillParams(text: string, params: Record<string, string | number>): string | undefined {
  let isComplete = true;
  const filled = text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name in params) return String(params[name]);
    isComplete = false;
    return whole;
  });
  return isComplete ? filled : undefined;
}

const dictionaries: Record<Language, Record<MessageKey, string>> = { sv, en };

export interface Translator {
  language: Language;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  label: (name: EnumName, value: string | null | undefined) => string;
  /**
   * An API error code in plain words (else `fallback`, the server's message); with `params` (the
   * numbers the answer's `details` name), the words that say them, e.g. the longest grant's days.
   */
  describeError: (
    code: string | undefined,
    fallback: string,
    params?: Record<string, string | number>,
  ) => string;
  /**
   * What went wrong with a request, in plain words (the API's code, else its message); with
   * `labelOf` (a form's labels by field name), a refusal that names a field names it by its label.
   */
  describeProblem: (error: unknown, labelOf?: (field: string) => string | undefined) => string;
  /** An instant in the reader's time zone, date and time in the language's words. */
  formatDateTime: (value: string | null | undefined) => string;
  /**
   * A calendar day (YYYY-MM-DD, or an instant's local day): ISO 8601 in Swedish, "3 Dec 2026" in
   * English. Every date the console shows, in a sentence or a cell, goes through here.
   */
  formatDate: (value: string | null | undefined) => string;
  formatNumber: (value: number) => string;
}

const locales: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

/** The words for a field's failed schema check, by its keyword; any other check: wrong format. */
const fieldProblemKeys: Partial<Record<string, MessageKey>> = {
  required: 'fieldProblem.missing',
  minimum: 'fieldProblem.minimum',
  exclusiveMinimum: 'fieldProblem.above',
  maximum: 'fieldProblem.maximum',
  exclusiveMaximum: 'fieldProblem.below',
  minLength: 'fieldProblem.minLength',
  maxLength: 'fieldProblem.maxLength',
  enum: 'fieldProblem.choice',
  // A field the request's other fields rule out (a target door on an order that is not a move).
  not: 'fieldProblem.notAllowed',
};

/** Which words say what is wrong with a field, and the bound they name when they name one. */
function fieldProblemOf(issue: FieldIssue): { key: MessageKey; limit?: number } {
  const key = fieldProblemKeys[issue.problem ?? ''];
  if (key === undefined) return { key: 'fieldProblem.format' };
  if (key === 'fieldProblem.missing' || key === 'fieldProblem.choice' || key === 'fieldProblem.notAllowed')
    return { key };
  if (issue.limit === undefined) return { key: 'fieldProblem.format' };
  if (key === 'fieldProblem.minLength' && issue.limit === 1) return { key: 'fieldProblem.missing' };
  return { key, limit: issue.limit };
}

/**
 * Words put into the reader's language when they are shown rather than when they were said: a
 * form's problem or outcome kept in state stays in the language the reader switches to.
 */
export type Said = (translator: Translator) => string;

/** The message `key` (with `params`) as words said now and shown in whatever language is current. */
export function say(key: MessageKey, params?: Record<string, string | number>): Said {
  return ({ t }) => t(key, params);
}

/** Builds the translator for one language; pure, so it is easy to use outside React too. */
export function createTranslator(language: Language): Translator {
  const dictionary = dictionaries[language];
  const locale = locales[language];
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  // A calendar day is formatted at UTC midnight in UTC, so no time zone moves it to another day.
  const calendarDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(locale);
  const describeError: Translator['describeError'] = (code, fallback, params) => {
    if (!code) return fallback;
    const withParams = params && errorMessagesWithParams[language][code];
    return (withParams && fillParams(withParams, params)) || errorMessages[language][code] || fallback;
  };
  const t: Translator['t'] = (key, params) => {
    const text = dictionary[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
  return {
    language,
    t,
    label(name, value) {
      if (value === null || value === undefined) return dictionary['common.none'];
      return (enumLabels[language][name] as Record<string, string>)[value] ?? value;
    },
    describeError,
    describeProblem(error, labelOf) {
      const apiError = error instanceof ApiRequestError ? error : undefined;
      const described = describeError(
        apiError?.code,
        apiError?.message ?? String(error),
        apiError && findErrorParams(apiError),
      );
      if (!apiError || !labelOf) return described;
      const named = findFieldIssues(apiError).flatMap((issue) => {
        const label = findLabel(issue.field, labelOf);
        return label ? [{ label, issue }] : [];
      });
      if (named.length === 0) return described;
      // A schema's check says what is wrong with each field; a rule's refusal says it in its code.
      if (apiError.code !== 'validation_failed') return `${named[0]!.label}: ${described}`;
      return named
        .map(({ label, issue }) => {
          const { key, limit } = fieldProblemOf(issue);
          return `${label}: ${t(key, limit === undefined ? undefined : { limit })}`;
        })
        .join(' ');
    },
    formatDateTime(value) {
      if (!value) return dictionary['common.none'];
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : dateTime.format(date);
    },
    formatDate(value) {
      if (!value) return dictionary['common.none'];
      const day = readCalendarDay(value);
      if (!day) return value;
      // Swedish writes calendar dates as ISO 8601, the Swedish standard; English in words.
      if (language === 'sv') return day.iso;
      return calendarDate.format(new Date(Date.UTC(day.year, day.month - 1, day.day)));
    },
    formatNumber(value) {
      return number.format(value);
    },
  };
}

/** Reads the saved language, Swedish unless the user chose English before. */
export function readSavedLanguage(): Language {
  try {
    return localStorage.getItem('portvakt.language') === 'en' ? 'en' : 'sv';
  } catch {
    return 'sv';
  }
}

/** Keeps the choice for the next visit; `useLanguageChoice` puts it on the page (`<html lang>`). */
export function saveLanguage(language: Language): void {
  try {
    localStorage.setItem('portvakt.language', language);
  } catch {
    // Private browsing may forbid storage; the choice then lasts for this page only.
  }
}

export const TranslatorContext = createContext<Translator>(createTranslator('sv'));

export function useTranslator(): Translator {
  return useContext(TranslatorContext);
}
