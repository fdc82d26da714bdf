// The block list's lag in words, counted by core's rule as "Idag live" counts it
// (docs/device-gateway.md): locks with an older version and locks that never reported one, apart.
import { countBlockListLag } from '@portvakt/core';
import type { Translator } from '../shared/i18n';

/** "16 av 366 installerade lås har en äldre version än 4; 334 har inte rapporterat någon version." */
export function sayBlockListExposure(
  { t, formatNumber }: Pick<Translator, 't' | 'formatNumber'>,
  locks: ReadonlyArray<{ reportedVersion: number | null }>,
  version: number,
): string {
  const { behind, notReported } = countBlockListLag(
    locks.map((lock) => lock.reportedVersion),
    version,
  );
  return t('blockList.exposureSummary', {
    behind: formatNumber(behind),
    notReported: formatNumber(notReported),
    total: formatNumber(locks.length),
    version,
  });
}

/**
 * The heading of a blocked key's locks that lack the block, and, when the answer lists only the
 * first of them (the API lists at most 200, most behind first), a note of how many more there are.
 */
export function sayLaggingLocks(
  { t, formatNumber }: Pick<Translator, 't' | 'formatNumber'>,
  lagging: number,
  listed: number,
): { caption: string; note?: string } {
  const caption = t('keys.reachLagging', { count: formatNumber(lagging) });
  if (listed >= lagging) return { caption };
  return {
    caption,
    note: t('keys.reachLaggingFirst', { listed: formatNumber(listed), more: formatNumber(lagging - listed) }),
  };
}
