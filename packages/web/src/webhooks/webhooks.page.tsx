// "Webhooks": the subscriptions in the reader's scope (a work lead: their provider's; a property
// owner: their own; the municipality: all), whether each is enabled, and "Ny webhook".
import type { WebhookSubscriptionList, WebhookSubscriptionWithSecret } from '@portvakt/contract';
import { useState } from 'react';
import { useSession } from '../accounts';
import { SimpleTable } from '../shared/data-table';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link } from '../shared/router';
import { ResourceStates } from '../shared/states';
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
  const items = list.data?.items ?? [];
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
      <ResourceStates resource={list} isEmpty={items.length === 0} emptyText={t('webhooks.none')}>
        <SimpleTable
          caption={t('webhooks.caption')}
          headers={[t('webhooks.url'), t('webhooks.description'), t('webhooks.events'), t('webhooks.state')]}
        >
          {items.map((subscription) => (
            <tr key={subscription.id} data-webhook={subscription.url}>
              <td>
                <Link to={`/webhooks/${subscription.id}`}>{subscription.url}</Link>
              </td>
              <td>{subscription.description ?? '–'}</td>
              <td>{subscription.eventTypes.map((type) => t(eventTypeKey(type))).join(', ')}</td>
              <td>
                <WebhookState subscription={subscription} />
              </td>
            </tr>
          ))}
        </SimpleTable>
      </ResourceStates>
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
