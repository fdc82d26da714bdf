// Property owners (R7): the list, and one owner's page with contacts, the contact log and the
// consent requests with each entrance's status; lock managers add contacts, log contacts and
// send requests there. A property owner's login sees only its own owner.
import type { Static } from 'typebox';
import type { ConsentRequestList, OwnerContactList, OwnerContactLog } from '@portvakt/contract';
import { useState, type ReactNode } from 'react';
import { useSession } from '../accounts';
import { sayActorLabel } from '../audit';
import { getApi, listAll, postApi } from '../shared/api-client';
import { HeadedTable } from '../shared/data-table';
import { CheckboxField, InputField, SelectField, TextAreaField } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { checkPhoneNumber } from '../shared/phone-number';
import { Page } from '../shared/page';
import { Link } from '../shared/router';
import { ResourceTable } from '../shared/row-table';
import { Section } from '../shared/section';
import { ResourceStates, SendingNotice } from '../shared/states';
import { useLoader, useResource } from '../shared/use-api';
import { useDraft } from '../shared/use-draft';
import { useFormSubmit } from '../shared/use-form-submit';
import { ConsentRequestCard } from './consent-request-card';
import { describeContactOutcome } from './contact-log-entry';
import { ContactKindField } from './contact-kind-field';

interface OwnerRow {
  id: string;
  name: string;
  organisationNumber: string | null;
}
interface PropertyRow {
  id: string;
  designation: string;
  streetAddress: string;
}

export function PropertyOwnersPage() {
  const { t } = useTranslator();
  const owners = useLoader('owners', (signal) => listAll<OwnerRow>('/property-owners', {}, signal));
  const items = owners.data?.items ?? [];
  return (
    <Page title={t('consents.ownersTitle')} intro={t('consents.ownersIntro')}>
      <ResourceStates resource={owners} isEmpty={items.length === 0} emptyText={t('consents.noOwners')}>
        <HeadedTable
          className="data-table card"
          headers={[t('consents.ownerName'), t('consents.organisationNumber')]}
        >
          {items.map((owner) => (
            <tr key={owner.id}>
              <td>
                <Link to={`/property-owners/${owner.id}`}>{owner.name}</Link>
              </td>
              <td>{owner.organisationNumber ?? '–'}</td>
            </tr>
          ))}
        </HeadedTable>
      </ResourceStates>
    </Page>
  );
}

/** One of the owner page's forms: the fields, then the problem (or what went through) and the button. */
function OwnerForm({
  name,
  sending,
  submitLabel,
  done,
  canSubmit = true,
  children,
}: {
  /** Marks the form for the browser tests. */
  name: string;
  sending: ReturnType<typeof useFormSubmit>;
  submitLabel: string;
  done?: string;
  canSubmit?: boolean;
  children: ReactNode;
}) {
  return (
    <form
      className="inline-form consent-form"
      data-form={name}
      onSubmit={(event) => void sending.submit(event)}
    >
      {children}
      <SendingNotice problem={sending.problem} done={done} />
      <button type="submit" className="button button-primary" disabled={sending.isBusy || !canSubmit}>
        {submitLabel}
      </button>
    </form>
  );
}

function ContactForm({ ownerId, onDone }: { ownerId: string; onDone: () => void }) {
  const { t } = useTranslator();
  const { draft, bind, reset } = useDraft({ name: '', title: '', email: '', phone: '' });
  const [isPrimary, setIsPrimary] = useState(false);
  const sending = useFormSubmit(async () => {
    const phoneProblem = checkPhoneNumber('consents.contactPhone', draft.phone);
    if (phoneProblem) return phoneProblem;
    await postApi(`/property-owners/${ownerId}/contacts`, {
      name: draft.name.trim(),
      title: draft.title.trim() || null,
      email: draft.email.trim() || null,
      phone: draft.phone.trim() || null,
      isPrimary,
    });
    reset();
    onDone();
  });
  return (
    <OwnerForm name="contact" sending={sending} submitLabel={t('consents.addContact')}>
      <InputField label={t('consents.contactName')} isMarkedRequired required {...bind('name')} />
      <InputField label={t('consents.contactTitle')} {...bind('title')} />
      <InputField label={t('consents.contactEmail')} type="email" {...bind('email')} />
      <InputField label={t('consents.contactPhone')} type="tel" maxLength={50} {...bind('phone')} />
      <CheckboxField label={t('consents.makePrimary')} isChecked={isPrimary} onChange={setIsPrimary} />
    </OwnerForm>
  );
}

function ContactLogForm({ ownerId, onDone }: { ownerId: string; onDone: () => void }) {
  const { t } = useTranslator();
  const [kind, setKind] = useState('call');
  const [madeBy, setMadeBy] = useState('');
  const [outcome, setOutcome] = useState('');
  const sending = useFormSubmit(async () => {
    await postApi(`/property-owners/${ownerId}/contact-log`, {
      // No time: the server stamps the contact now by its own clock, which a browser's may not match.
      kind,
      madeBy: madeBy.trim(),
      outcome: outcome.trim(),
    });
    setOutcome('');
    onDone();
  });
  return (
    <OwnerForm name="contact-log" sending={sending} submitLabel={t('consents.addLog')}>
      <ContactKindField value={kind} onChange={setKind} />
      <InputField label={t('consents.logBy')} required value={madeBy} onValue={setMadeBy} />
      <TextAreaField
        label={t('consents.logOutcome')}
        required
        rows={2}
        maxLength={2000}
        value={outcome}
        onValue={setOutcome}
      />
    </OwnerForm>
  );
}

function RequestForm({
  ownerId,
  contacts,
  onDone,
}: {
  ownerId: string;
  contacts: Static<typeof OwnerContactList>['items'];
  onDone: () => void;
}) {
  const { t } = useTranslator();
  const properties = useLoader(`properties-${ownerId}`, (signal) =>
    listAll<PropertyRow>('/properties', { ownerId }, signal),
  );
  const [propertyId, setPropertyId] = useState('');
  const [contactId, setContactId] = useState('');
  const [isSent, setIsSent] = useState(false);
  const withEmail = contacts.filter((contact) => contact.email);
  const chosenProperty = propertyId || properties.data?.items[0]?.id || '';
  const chosenContact = contactId || withEmail[0]?.id || '';
  const sending = useFormSubmit(async () => {
    await postApi('/consent-requests', { propertyId: chosenProperty, contactId: chosenContact });
    setIsSent(true);
    onDone();
  });
  return (
    <OwnerForm
      name="consent-request"
      sending={sending}
      submitLabel={t('consents.send')}
      done={isSent ? t('consents.sent') : undefined}
      canSubmit={Boolean(chosenProperty && chosenContact)}
    >
      <SelectField
        label={t('consents.property')}
        value={chosenProperty}
        onValue={setPropertyId}
        options={(properties.data?.items ?? []).map((property) => ({
          value: property.id,
          label: `${property.streetAddress} (${property.designation})`,
        }))}
      />
      <SelectField
        label={t('consents.contact')}
        value={chosenContact}
        onValue={setContactId}
        options={withEmail.map((contact) => ({
          value: contact.id,
          label: `${contact.name} <${contact.email}>`,
        }))}
      />
    </OwnerForm>
  );
}

export function PropertyOwnerDetailPage({ id }: { id: string }) {
  const translator = useTranslator();
  const { t, formatDateTime } = translator;
  const session = useSession();
  const owner = useLoader(`owner-${id}`, (signal) => getApi<OwnerRow>(`/property-owners/${id}`, signal));
  const contacts = useResource<Static<typeof OwnerContactList>>(`/property-owners/${id}/contacts`);
  // The contact log is the municipality's own notes: an owner's login reads contacts, not the log.
  const isMunicipality = session.can('property_owner_contact') && session.me.role !== 'property_owner';
  const log = useResource<Static<typeof OwnerContactLog>>(
    isMunicipality ? `/property-owners/${id}/contact-log` : null,
  );
  const requests = useResource<Static<typeof ConsentRequestList>>(`/consent-requests?propertyOwnerId=${id}`);
  const canWrite = session.can('consent_request', 'create');
  const contactItems = contacts.data?.items ?? [];
  const reloadAll = () => {
    contacts.reload();
    log.reload();
    requests.reload();
  };
  return (
    <Page title={owner.data?.name ?? t('consents.ownersTitle')} backTo="/property-owners">
      <Section title={t('consents.contacts')} section="contacts">
        <ResourceTable
          resource={contacts}
          emptyText={t('consents.noContacts')}
          frame="card"
          caption={t('consents.contacts')}
          columns={[
            {
              header: t('consents.contactName'),
              render: (contact) => (
                <>
                  {contact.name}{' '}
                  {contact.isPrimary && <span className="tag tag-active">{t('consents.primary')}</span>}
                </>
              ),
            },
            { header: t('consents.contactTitle'), render: (contact) => contact.title ?? '–' },
            { header: t('consents.contactEmail'), render: (contact) => contact.email ?? '–' },
            { header: t('consents.contactPhone'), render: (contact) => contact.phone ?? '–' },
          ]}
        />
        {session.can('property_owner_contact', 'create') && (
          <ContactForm ownerId={id} onDone={contacts.reload} />
        )}
      </Section>
      <Section title={t('consents.requests')} intro={t('consents.requestsIntro')} section="requests">
        {canWrite && (
          <>
            <h3>{t('consents.newRequest')}</h3>
            <RequestForm ownerId={id} contacts={contactItems} onDone={reloadAll} />
          </>
        )}
        <ResourceStates
          resource={requests}
          isEmpty={(requests.data?.items.length ?? 0) === 0}
          emptyText={t('consents.noRequests')}
        >
          <ul className="consent-requests">
            {(requests.data?.items ?? []).map((request) => (
              <ConsentRequestCard key={request.id} request={request} onChange={reloadAll} />
            ))}
          </ul>
        </ResourceStates>
      </Section>
      {isMunicipality && (
        <Section title={t('consents.contactLog')} intro={t('consents.contactLogIntro')} section="contact-log">
          {session.can('property_owner_contact', 'create') && (
            <ContactLogForm ownerId={id} onDone={log.reload} />
          )}
          <ResourceTable
            resource={log}
            emptyText={t('consents.noLog')}
            frame="card"
            caption={t('consents.contactLog')}
            rowData={(entry) => ({ 'data-outcome': entry.outcomeKind })}
            columns={[
              { header: t('consents.logAt'), render: (entry) => formatDateTime(entry.at) },
              {
                header: t('consents.logKind'),
                render: (entry) => t(`consents.kind.${entry.kind}` as MessageKey),
              },
              {
                header: t('consents.logBy'),
                render: (entry) => sayActorLabel({ actorLabel: entry.madeBy }, t),
              },
              {
                header: t('consents.logOutcome'),
                render: (entry) => describeContactOutcome(entry, translator),
              },
            ]}
          />
        </Section>
      )}
    </Page>
  );
}
