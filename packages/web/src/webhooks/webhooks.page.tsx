// "Webhooks": the subscriptions in the reader's scope (a work lead: their provider's; a property
// owner: their own; the municipality: all), whether each is enabled, and "Ny webhook".
import type { WebhookSubscriptionList, WebhookSubscriptionWithSecret } from '@portvakt/contract';
import { useState } from 'react';
import { useSession } from '../accounts';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link } from '../shared/router';
import { ResourceTable } from '../shared/row-table';
import { useResource } from '../shared/use-api';
import { NewWebhookDialog, SecretNotice } from './new-webhook-dialog';
import { WebhookState } from './webhook-state';
import { eventTypeKey } from './webhook-event-types';

export function WebhooksPage() {
  const { t } = useTranslator();
  const session = useSession();
  const list = useResource<WebhookSubscriptionList>('/webhooks');
  const [isCreating, setIsCreating] = useState(false);
  const [made, setMade] = useState<WebhookSubscriptionWithSecret | undefined>();
  const canCreate = session.can('webhook_subscription', 'create');
  return (
    <Page
      title={t('webhooks.title')}
      intro={t('webhooks.intro')}
      actions={
        canCreate && (
          <button type="button" className="button button-primary" onClick={() => setIsCreating(true)}>
            {t('webhooks.new')}
          </button>
        )
      }
    >
      {made && <SecretNotice secret={made.secret} />}
      <ResourceTable
        resource={list}
        emptyText={t('webhooks.none')}
        caption={t('webhooks.caption')}
        rowData={(subscription) => ({ 'data-webhook': subscription.url })}
        columns={[
          {
            header: t('webhooks.url'),
            render: (subscription) => <Link to={`/webhooks/${subscription.id}`}>{subscription.url}</Link>,
          },
          { header: t('webhooks.description'), render: (subscription) => subscription.description ?? '–' },
          {
            header: t('webhooks.events'),
            render: (subscription) => subscription.eventTypes.map((type) => t(eventTypeKey(type))).join(', '),
          },
          {
            header: t('webhooks.state'),
            render: (subscription) => <WebhookState subscription={subscription} />,
          },
        ]}
      />
      <NewWebhookDialog
        isOpen={isCreating}
        onClose={() => setIsCreating(false)}
        onCreated={(subscription) => {
          setIsCreating(false);
          setMade(subscription);
          list.reload();
        }}
      />
    </Page>
  );
}
