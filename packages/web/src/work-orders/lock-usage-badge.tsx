// On the lock page: "Monterat men inte i bruk" and why (R8.4), for roles that may know who is
// served behind the door (the usage route answers 403 to others, e.g. property owners: R2.7).
import type { LockUsage } from '@portvakt/contract';
import { useSession } from '../accounts';
import { useTranslator } from '../shared/i18n';
import { useResource } from '../shared/use-api';

export function LockUsageBadge({ lockId, isInstalled }: { lockId: string; isInstalled: boolean }) {
  const { t } = useTranslator();
  const session = useSession();
  const canRead = isInstalled && session.can('customer') && !session.me.providerId;
  const usage = useResource<LockUsage>(canRead ? `/locks/${lockId}/usage` : null);
  if (!canRead || !usage.data) return null;
  const { isInUse, customersServed, providersMissing } = usage.data;
  if (isInUse)
    return (
      <p data-usage="in-use">
        <span className="tag tag-installed">{t('lockConsent.usageInUse')}</span>{' '}
        <span className="muted">{t('lockConsent.usageServed', { count: customersServed })}</span>
      </p>
    );
  return (
    <p data-usage="not-in-use">
      <span className="tag tag-lost">{t('lockConsent.usageBadge')}</span>{' '}
      <span className="muted">
        {customersServed === 0
          ? t('lockConsent.usageNobody')
          : `${t('lockConsent.usageServed', { count: customersServed })} ${t('lockConsent.usageMissing', { count: providersMissing })}`}
      </span>
    </p>
  );
}
