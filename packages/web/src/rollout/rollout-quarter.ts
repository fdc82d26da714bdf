// A district's start quarter as the reader writes it ("kvartal 4 2025", "Q4 2025"), not the
// stored form "2025-Q4" (docs/rollout.md).
import type { Translator } from '../shared/i18n';

/** `quarter` (YYYY-Qn) in words; anything else as it is. */
export function sayQuarter({ t }: Pick<Translator, 't'>, quarter: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  return match ? t('rollout.quarter', { year: match[1]!, quarter: match[2]! }) : quarter;
}
