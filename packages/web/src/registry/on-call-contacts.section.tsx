// "Jourkontakter": whom support calls, in call order, when the company is assigned an emergency
// opening (docs/support.md "Emergency opening"); the arrival link goes to their e-mail. Those who
// may change the company add contacts and end them (an ended contact stays on record).
import type { LocksmithCompanyRow, OnCallContact, OnCallContactList } from '@portvakt/contract';
import { useState } from 'react';
import { postApi } from '../shared/api-client';
import { ConfirmDialog, useConfirmedAction } from '../shared/confirm-dialog';
import { columnIf, ResourceTable } from '../shared/row-table';
import { InputField, SubmitButton } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { checkPhoneNumber } from '../shared/phone-number';
import { Section } from '../shared/section';
import { Notice } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useDraft } from '../shared/use-draft';
import { useFormSubmit } from '../shared/use-form-submit';

type Feedback = { text: string; tone: 'success' | 'error' } | undefined;

function AddContactForm({
  companyId,
  nextCallOrder,
  onAdded,
}: {
  companyId: string;
  nextCallOrder: number;
  onAdded: (contact: OnCallContact) => void;
}) {
  const { t } = useTranslator();
  const { draft: fields, bind, reset } = useDraft({ name: '', phone: '', email: '', callOrder: '' });
  const { problem, isBusy, submit } = useFormSubmit(async () => {
    if (!fields.name.trim() || !fields.phone.trim()) return say('locksmith-companies.contactMissing');
    const phoneProblem = checkPhoneNumber('locksmith-companies.phone', fields.phone);
    if (phoneProblem) return phoneProblem;
    const callOrder = fields.callOrder.trim() === '' ? nextCallOrder : Number(fields.callOrder);
    const made = await postApi<OnCallContact>(`/locksmith-companies/${companyId}/on-call-contacts`, {
      name: fields.name.trim(),
      phone: fields.phone.trim(),
      ...(fields.email.trim() ? { email: fields.email.trim() } : {}),
      callOrder,
    });
    reset();
    onAdded(made);
  });
  return (
    <form
      className="form form-inline"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-form="add-on-call-contact"
    >
      <InputField
        label={t('locksmith-companies.contactName')}
        isMarkedRequired
        required
        maxLength={200}
        {...bind('name')}
      />
      <InputField
        label={t('locksmith-companies.phone')}
        isMarkedRequired
        required
        type="tel"
        maxLength={40}
        {...bind('phone')}
      />
      <InputField label={t('locksmith-companies.email')} type="email" maxLength={200} {...bind('email')} />
      <InputField
        label={t('locksmith-companies.callOrder')}
        type="number"
        min={1}
        max={99}
        placeholder={String(nextCallOrder)}
        {...bind('callOrder')}
      />
      <SubmitButton isBusy={isBusy}>{t('locksmith-companies.addContact')}</SubmitButton>
      {problem && <Notice tone="error">{problem}</Notice>}
    </form>
  );
}

export function OnCallContactsSection({
  company,
  canEdit,
}: {
  company: LocksmithCompanyRow;
  canEdit: boolean;
}) {
  const { t, formatDateTime } = useTranslator();
  const contacts = useResource<OnCallContactList>(`/locksmith-companies/${company.id}/on-call-contacts`);
  const [feedback, setFeedback] = useState<Feedback>();
  const [ending, setEnding] = useState<OnCallContact | undefined>();
  const endAction = useConfirmedAction();
  const items = contacts.data?.items ?? [];
  const nextCallOrder = Math.min(99, Math.max(0, ...items.map((item) => item.callOrder)) + 1);

  const endContact = () =>
    endAction.run(async () => {
      if (!ending) return;
      await postApi(`/locksmith-companies/${company.id}/on-call-contacts/${ending.id}/end`, undefined);
      setFeedback({ text: t('locksmith-companies.contactEnded', { name: ending.name }), tone: 'success' });
      setEnding(undefined);
      contacts.reload();
    });

  return (
    <>
      <Section
        title={t('locksmith-companies.onCall')}
        intro={t('locksmith-companies.onCallIntro')}
        section="on-call"
      >
        {!company.isEmergencyContracted && (
          <Notice tone="error">{t('locksmith-companies.onCallNotContracted')}</Notice>
        )}
        {feedback && <Notice tone={feedback.tone}>{feedback.text}</Notice>}
        <ResourceTable
          resource={contacts}
          emptyText={t('locksmith-companies.onCallEmpty')}
          caption={t('locksmith-companies.onCall')}
          rowData={(contact) => ({ 'data-contact': contact.name })}
          columns={[
            {
              header: { text: t('locksmith-companies.callOrder'), isNumeric: true },
              render: (contact) => contact.callOrder,
            },
            { header: t('locksmith-companies.contactName'), render: (contact) => contact.name },
            {
              header: t('locksmith-companies.phone'),
              render: (contact) => <a href={`tel:${contact.phone.replace(/\s/g, '')}`}>{contact.phone}</a>,
            },
            {
              header: t('locksmith-companies.email'),
              render: (contact) => contact.email ?? t('common.none'),
            },
            {
              header: t('locksmith-companies.since'),
              render: (contact) => formatDateTime(contact.createdAt),
            },
            ...columnIf<OnCallContact>(canEdit, {
              header: { text: t('locksmith-companies.endContact'), isVisuallyHidden: true },
              render: (contact) => (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-label={t('locksmith-companies.endContactLabel', { name: contact.name })}
                  onClick={() => {
                    setFeedback(undefined);
                    setEnding(contact);
                    endAction.open();
                  }}
                >
                  {t('locksmith-companies.endContact')}
                </button>
              ),
            }),
          ]}
        />
        {!canEdit && <p className="hint">{t('locksmith-companies.onCallReadOnly')}</p>}
        {canEdit && (
          <ConfirmDialog
            isOpen={endAction.isOpen}
            title={t('locksmith-companies.endContactTitle', { name: ending?.name ?? '' })}
            confirmLabel={t('locksmith-companies.endContactConfirm')}
            isBusy={endAction.isBusy}
            onConfirm={() => void endContact()}
            onCancel={() => {
              endAction.close();
              setEnding(undefined);
            }}
          >
            <p>{t('locksmith-companies.endContactText')}</p>
            {endAction.problem && <Notice tone="error">{endAction.problem}</Notice>}
          </ConfirmDialog>
        )}
      </Section>
      {canEdit && (
        <Section
          title={t('locksmith-companies.addContact')}
          intro={t('locksmith-companies.addContactIntro')}
          section="add-on-call-contact"
        >
          <AddContactForm
            companyId={company.id}
            nextCallOrder={nextCallOrder}
            onAdded={(contact) => {
              setFeedback({
                text: t('locksmith-companies.contactAdded', { name: contact.name }),
                tone: 'success',
              });
              contacts.reload();
            }}
          />
        </Section>
      )}
    </>
  );
}
