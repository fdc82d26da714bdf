// A count in words that agree with the number ("1 rad läst", "2 rader lästa"): the translator has
// no plural rules, so a count's words are two messages, `<key>One` for 1 and `<key>` for any other
// number, in both languages.
import type { MessageKey, Translator } from './i18n';

type Sayer = Pick<Translator, 't' | 'formatNumber'>;

/** The messages that count something, each with its `…One` for a count of 1. */
export type CountKey = {
  [Key in MessageKey]: `${Key}One` extends MessageKey ? Key : never;
}[MessageKey];

/** `count` in the words of `key` (`{count}` the number as the language writes it), and more parameters. */
export function sayCount(
  { t, formatNumber }: Sayer,
  key: CountKey,
  count: number,
  params: Record<string, string | number> = {},
): string {
  return t(count === 1 ? `${key}One` : key, { ...params, count: formatNumber(count) });
}
