// What keeps a customer's keys from going back (R8.3), in words: one line per readiness gap,
// from the stable codes and their parameters the API answers with.
import type { ReadinessGap } from '@portvakt/contract';
import { useTranslator, type MessageKey, type Translator } from '../shared/i18n';

export function describeGap(
  gap: ReadinessGap,
  { t, formatDate }: Pick<Translator, 't' | 'formatDate'>,
): string {
  if (gap.code === 'round_the_clock_support_missing' && gap.since)
    return t('backupKeys.gap.supportFrom', { since: formatDate(gap.since) });
  return t(`backupKeys.gap.${gap.code}` as MessageKey, {
    provider: gap.providerName ?? t('backupKeys.anotherProvider'),
    door: gap.doorLabel ?? '',
  });
}

export function ReadinessGaps({ missing }: { missing: readonly ReadinessGap[] }) {
  const translator = useTranslator();
  return (
    <ul className="readiness-gaps">
      {missing.map((gap, index) => (
        <li key={`${gap.code}-${gap.providerId ?? gap.doorId ?? ''}-${index}`} data-gap={gap.code}>
          {describeGap(gap, translator)}
        </li>
      ))}
    </ul>
  );
}
