// The import page's counts in words that agree with the number ("1 rad läst", "2 rader lästa"):
// the translator has no plural rules, so a count's words are two messages, `<key>One` for 1 and
// `<key>` for any other number, in both languages (as `consents.outcomeRequestSentOne`).
import type { ImportOutcome } from '@portvakt/contract';
import type { MessageKey, Translator } from '../shared/i18n';

type Sayer = Pick<Translator, 't' | 'formatNumber'>;

/** The messages that count something, each with its `…One` for a count of 1. */
type CountKey = {
  [Key in MessageKey]: `${Key}One` extends MessageKey ? Key : never;
}[MessageKey];

/** `count` in the words of `key` (`{count}` the number as the language writes it), and more parameters. */
export function sayCount(
  { t, formatNumber }: Sayer,
  key: CountKey,
  count: number,
  params: Record<string, string> = {},
): string {
  return t(count === 1 ? `${key}One` : key, { ...params, count: formatNumber(count) });
}

/** What a preview would do, or an applied import did: rows read, then each action's count. */
export function sayImportSummary(translator: Sayer, outcome: ImportOutcome, isApplied: boolean): string {
  const { t, formatNumber } = translator;
  return t(isApplied ? 'imports.summaryApplied' : 'imports.summary', {
    rowsRead: sayCount(translator, 'imports.rowsRead', outcome.rows),
    created: formatNumber(outcome.created),
    updated: formatNumber(outcome.updated),
    ended: formatNumber(outcome.ended),
    unchanged: sayCount(translator, 'imports.unchanged', outcome.unchanged),
  });
}
