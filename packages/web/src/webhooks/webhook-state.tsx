import type { WebhookSubscription } from '@portvakt/contract';
import { useTranslator } from '../shared/i18n';

/** Enabled (and failing since when, if it is) or disabled. */
export function WebhookState({ subscription }: { subscription: WebhookSubscription }) {
  const { t, formatDateTime } = useTranslator();
  if (!subscription.isEnabled) return <span className="tag tag-blocked">{t('webhooks.disabled')}</span>;
  return (
    <>
      <span className="tag tag-active">{t('webhooks.enabled')}</span>
      {subscription.failingSince && (
        <span className="tag tag-warning">
          {t('webhooks.failing', { since: formatDateTime(subscription.failingSince) })}
        </span>
      )}
    </>
  );
}
