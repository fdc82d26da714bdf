// The import page's counts in words that agree with the number ("1 rad läst", "2 rader lästa"),
// by the shared `sayCount`.
import type { ImportOutcome } from '@portvakt/contract';
import type { Translator } from '../shared/i18n';
import { sayCount } from '../shared/say-count';

type Sayer = Pick<Translator, 't' | 'formatNumber'>;

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
