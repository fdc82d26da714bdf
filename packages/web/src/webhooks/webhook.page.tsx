// A webhook's page: its receiver, events and state (why it was disabled), enable or disable,
// replace the secret, and the delivery log with every attempt and "Skicka igen" for failed ones.
import type {
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from '@portvakt/contract';
import { useState, type ReactNode } from 'react';
import { useSession } from '../accounts';
import { PendingPage } from '../components';
import { patchApi, postApi } from '../shared/api-client';
import { ConfirmedActionButton, useConfirmedAction } from '../shared/confirm-dialog';
import { type MessageKey, say, useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { ResourceTable } from '../shared/row-table';
import { Section } from '../shared/section';
import { FactList, Notice } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useSending } from '../shared/use-form-submit';
import { SecretNotice } from './new-webhook-dialog';
import { sayWebhookAttempt } from './webhook-attempt-texts';
import { eventTypeKey } from './webhook-event-types';
import { WebhookState } from './webhook-state';

/** A delivery's status as a tag: delivered, failed, or still being tried. */
const deliveryTags: Record<WebhookDelivery['status'], string> = {
  delivered: 'tag-active',
  failed: 'tag-blocked',
  pending: 'tag-warning',
};

function DeliveryStatus({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useTranslator();
  return (
    <span className={`tag ${deliveryTags[delivery.status]}`}>
      {t(`webhooks.status.${delivery.status}` as MessageKey)}
    </span>
  );
}

function AttemptList({ delivery }: { delivery: WebhookDelivery }) {
  const translator = useTranslator();
  if (delivery.attempts.length === 0) return <>–</>;
  return (
    <ol className="webhook-attempts">
      {delivery.attempts.map((attempt, index) => (
        <li key={index} data-outcome={attempt.outcome}>
          {sayWebhookAttempt(translator, attempt)}
        </li>
      ))}
    </ol>
  );
}

/** Why a webhook is disabled: by whom, or after a day of failed deliveries (and since when). */
function DisabledReason({ subscription }: { subscription: WebhookSubscription }) {
  const { t, formatDateTime } = useTranslator();
  if (subscription.disabledBy)
    return (
      <>
        {t('webhooks.disabledByUser', {
          name: subscription.disabledByName ?? subscription.disabledBy,
          time: formatDateTime(subscription.disabledAt),
        })}
      </>
    );
  return (
    <>
      {t('webhooks.disabledByFailures', {
        since: formatDateTime(subscription.failingSince),
        time: formatDateTime(subscription.disabledAt),
      })}
    </>
  );
}

export function WebhookPage({ id }: { id: string }) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const detail = useResource<WebhookSubscription>(`/webhooks/${id}`);
  const deliveries = useResource<WebhookDeliveryList>(`/webhooks/${id}/deliveries`);
  const [rotated, setRotated] = useState<string | undefined>();
  const sending = useSending();
  const rotate = useConfirmedAction();
  const canUpdate = session.can('webhook_subscription', 'update');
  if (!detail.data) return <PendingPage title={t('webhooks.title')} backTo="/webhooks" resource={detail} />;
  const subscription = detail.data;
  const reload = () => {
    detail.reload();
    deliveries.reload();
  };
  const setEnabled = (isEnabled: boolean) =>
    sending.run(async () => {
      await patchApi(`/webhooks/${id}`, { isEnabled });
      reload();
    });
  const replay = (deliveryId: string) =>
    sending.run(async () => {
      await postApi(`/webhooks/${id}/deliveries/${deliveryId}/replay`, {});
      sending.setDone(say('webhooks.replayed'));
      reload();
    });
  return (
    <Page
      title={subscription.description ?? subscription.url}
      backTo="/webhooks"
      actions={
        canUpdate && (
          <>
            <button
              type="button"
              className="button button-secondary"
              disabled={sending.isBusy}
              onClick={() => void setEnabled(!subscription.isEnabled)}
            >
              {subscription.isEnabled ? t('webhooks.disable') : t('webhooks.enable')}
            </button>
            <ConfirmedActionButton
              action={rotate}
              label={t('webhooks.rotate')}
              tone="secondary"
              title={t('webhooks.rotate')}
              text={t('webhooks.rotateText')}
              confirmLabel={t('webhooks.rotate')}
              onConfirm={async () => {
                const answer = await postApi<WebhookSubscriptionWithSecret>(
                  `/webhooks/${id}/rotate-secret`,
                  {},
                );
                setRotated(answer.secret);
              }}
            />
          </>
        )
      }
    >
      {rotated && <SecretNotice secret={rotated} />}
      {sending.problem && <Notice tone="error">{sending.problem}</Notice>}
      {sending.done && <Notice>{sending.done}</Notice>}
      <FactList
        facts={[
          [
            t('webhooks.url'),
            <code key="url" className="webhook-url">
              {subscription.url}
            </code>,
          ],
          [t('webhooks.events'), subscription.eventTypes.map((type) => t(eventTypeKey(type))).join(', ')],
          [t('webhooks.state'), <WebhookState key="state" subscription={subscription} />],
          ...(subscription.isEnabled
            ? []
            : [
                [t('webhooks.disabledReason'), <DisabledReason key="why" subscription={subscription} />] as [
                  string,
                  ReactNode,
                ],
              ]),
          [
            t('webhooks.createdBy'),
            `${subscription.createdByName ?? subscription.createdBy}, ${formatDateTime(subscription.createdAt)}`,
          ],
        ]}
      />
      <Section
        title={t('webhooks.deliveries')}
        intro={t('webhooks.deliveriesIntro')}
        section="webhook-deliveries"
      >
        <ResourceTable
          resource={deliveries}
          emptyText={t('webhooks.noDeliveries')}
          caption={t('webhooks.deliveriesCaption')}
          rowData={(delivery) => ({ 'data-delivery': delivery.status })}
          columns={[
            { header: t('webhooks.event'), render: (delivery) => t(eventTypeKey(delivery.eventType)) },
            { header: t('webhooks.occurredAt'), render: (delivery) => formatDateTime(delivery.occurredAt) },
            { header: t('webhooks.status'), render: (delivery) => <DeliveryStatus delivery={delivery} /> },
            { header: t('webhooks.attempts'), render: (delivery) => <AttemptList delivery={delivery} /> },
            {
              header: t('webhooks.nextAttempt'),
              render: (delivery) => (delivery.nextAttemptAt ? formatDateTime(delivery.nextAttemptAt) : '–'),
            },
            {
              header: { text: t('webhooks.replay'), isVisuallyHidden: true },
              render: (delivery) =>
                canUpdate &&
                delivery.status === 'failed' && (
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={sending.isBusy}
                    onClick={() => void replay(delivery.id)}
                  >
                    {t('webhooks.replay')}
                  </button>
                ),
            },
          ]}
        />
      </Section>
    </Page>
  );
}
