// "Ny webhook": the receiver's address, a description and the events (those the role may receive).
// The answer carries the secret, which the page shows once.
import type { WebhookSubscriptionWithSecret } from '@portvakt/contract';
import { useState } from 'react';
import { useSession } from '../accounts';
import { postApi } from '../shared/api-client';
import { SendingFormDialog } from '../shared/confirm-dialog';
import { CheckboxField, InputField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { useFormSubmit } from '../shared/use-form-submit';
import { eventTypeKey, listEventTypesOfRole } from './webhook-event-types';

export function NewWebhookDialog({
  isOpen,
  onClose,
  onCreated,
}: {
  isOpen: boolean;
  onClose: () => void;
  onCreated: (made: WebhookSubscriptionWithSecret) => void;
}) {
  const { t } = useTranslator();
  const session = useSession();
  const eventTypes = listEventTypesOfRole(session.me.role);
  const [url, setUrl] = useState('https://');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const sending = useFormSubmit(async () => {
    const made = await postApi<WebhookSubscriptionWithSecret>('/webhooks', {
      url: url.trim(),
      eventTypes: chosen,
      ...(description.trim() ? { description: description.trim() } : {}),
    });
    setUrl('https://');
    setDescription('');
    setChosen([]);
    onCreated(made);
  });
  return (
    <SendingFormDialog
      isOpen={isOpen}
      title={t('webhooks.new')}
      confirmLabel={t('webhooks.create')}
      sending={sending}
      formName="new-webhook"
      onClose={onClose}
    >
      <InputField
        label={t('webhooks.url')}
        hint={t('webhooks.urlHint')}
        value={url}
        type="url"
        onValue={setUrl}
      />
      <InputField label={t('webhooks.description')} value={description} onValue={setDescription} />
      <fieldset className="field">
        <legend>{t('webhooks.events')}</legend>
        {eventTypes.map((type) => (
          <CheckboxField
            key={type}
            label={t(eventTypeKey(type))}
            isChecked={chosen.includes(type)}
            onChange={(isChecked) =>
              setChosen((now) => (isChecked ? [...now, type] : now.filter((one) => one !== type)))
            }
          />
        ))}
      </fieldset>
    </SendingFormDialog>
  );
}

/** The secret of a subscription just made or rotated: shown once, never again. */
export function SecretNotice({ secret }: { secret: string }) {
  const { t } = useTranslator();
  return (
    <div className="notice notice-success" role="status" data-secret>
      <strong>{t('webhooks.secretTitle')}</strong>
      <p>{t('webhooks.secretText')}</p>
      <code className="webhook-secret">{secret}</code>
    </div>
  );
}
