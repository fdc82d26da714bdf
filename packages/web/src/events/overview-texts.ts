// The overview's summaries in words that agree with their numbers ("1 spärrad", "2 spärrade"), by
// the shared `sayCount`.
import type { Translator } from '../shared/i18n';
import { sayCount } from '../shared/say-count';

type Sayer = Pick<Translator, 't' | 'formatNumber'>;

/** "12 aktiva, 1 spärrad, 1 borttappad (spärrad)". */
export function sayKeysSummary(
  translator: Sayer,
  counts: { active: number; blocked: number; lost: number },
): string {
  return translator.t('overview.keysSummary', {
    active: sayCount(translator, 'overview.keysActive', counts.active),
    blocked: sayCount(translator, 'overview.keysBlocked', counts.blocked),
    lost: sayCount(translator, 'overview.keysLost', counts.lost),
  });
}
