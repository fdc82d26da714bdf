// "Nytt ärende": raising a support case from any role that may (R9.1). The things a case may be
// about are offered only as far as the role may both read and link them (core's link reach; the
// server checks again). Outside support hours the dialog says support is closed and points to
// emergency opening instead of offering the form.
import type { SupportCaseDetail, SupportHoursStatus } from '@portvakt/contract';
import { readSupportLinkReach, type Actor, type Resource, type SupportLinkField } from '@portvakt/core';
import { useId, useState } from 'react';
import { useSession } from '../accounts';
import { getApi, postApi, withQuery } from '../shared/api-client';
import { ModalDialog } from '../shared/confirm-dialog';
import { DialogButton } from '../shared/dialog-button';
import { InputField, SelectField, TextAreaField } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Notice } from '../shared/states';
import { useLoader } from '../shared/use-api';
import { useFormSubmit } from '../shared/use-form-submit';
import { SupportHoursNotice } from './support-hours-notice';
import { SupportChoiceField } from './support-choice-field';

interface LinkOption {
  id: string;
  label: string;
}

/** A property's street address by its id, to tell doors of the same name apart. */
type PropertyPlaces = Map<string, string>;

/** Where each kind of link is listed from, what the role must read, and how a row is named. */
const linkSources: Record<
  SupportLinkField,
  {
    path: string;
    resource: Resource;
    label: MessageKey;
    name: (row: Record<string, unknown>, places: PropertyPlaces) => string;
  }
> = {
  customerId: {
    path: '/customers',
    resource: 'customer',
    label: 'support.customer',
    // Two customers may share a name: their home and apartment say which (as the emergency form).
    name: (row) =>
      [`${String(row.givenName)} ${String(row.familyName)}`, row.residenceAddress, row.apartment]
        .filter((part) => typeof part === 'string' && part !== '')
        .join(', '),
  },
  // "Port A" is on almost every property: the address says which.
  doorId: {
    path: '/doors',
    resource: 'door',
    label: 'support.door',
    name: (row, places) => [String(row.label), places.get(String(row.propertyId))].filter(Boolean).join(', '),
  },
  lockDeviceId: {
    path: '/locks',
    resource: 'lock_device',
    label: 'support.lock',
    name: (row) => String(row.serial),
  },
  digitalKeyId: {
    path: '/keys',
    resource: 'digital_key',
    label: 'support.key',
    name: (row) => String(row.serial),
  },
};

/** The link fields this session may both read a list of and link. */
function linkableFields(session: ReturnType<typeof useSession>): SupportLinkField[] {
  const me = session.me;
  const actor: Actor = { ...me, kind: 'user', locksmithCompanyId: null };
  const reach = readSupportLinkReach(actor);
  return (Object.keys(linkSources) as SupportLinkField[]).filter(
    (field) => reach[field] !== null && session.can(linkSources[field].resource),
  );
}

function LinkSelect({
  field,
  value,
  onChange,
}: {
  field: SupportLinkField;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslator();
  const session = useSession();
  const source = linkSources[field];
  const canReadPlaces = field === 'doorId' && session.can('property');
  // One page of the role's own list (the API keeps it to the role's scope); enough to pick from.
  const options = useLoader(`support-link-${field}`, async (signal) => {
    const list = (path: string) =>
      getApi<{ items: Record<string, unknown>[] }>(withQuery(path, { limit: 500 }), signal);
    const [page, properties] = await Promise.all([
      list(source.path),
      canReadPlaces ? list('/properties') : Promise.resolve({ items: [] }),
    ]);
    const places: PropertyPlaces = new Map(
      properties.items.map((row) => [String(row.id), String(row.streetAddress)]),
    );
    return page.items
      .map((row): LinkOption => ({ id: String(row.id), label: source.name(row, places) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  });
  return (
    <SelectField
      label={t(source.label)}
      value={value}
      onValue={onChange}
      blank={t('support.notChosen')}
      options={(options.data ?? []).map((option) => ({ value: option.id, label: option.label }))}
    />
  );
}

function RaiseForm({
  onRaised,
  onCancel,
}: {
  onRaised: (made: SupportCaseDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslator();
  const session = useSession();
  const [category, setCategory] = useState<string>('lock_fault');
  const [priority, setPriority] = useState<string>('normal');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [links, setLinks] = useState<Partial<Record<SupportLinkField, string>>>({});
  const fields = linkableFields(session);
  const { problem, isBusy, submit } = useFormSubmit(async () => {
    const chosen = Object.fromEntries(Object.entries(links).filter(([, id]) => id));
    const made = await postApi<SupportCaseDetail>('/support-cases', {
      category,
      priority,
      title: title.trim(),
      ...(description.trim() ? { description: description.trim() } : {}),
      ...chosen,
    });
    onRaised(made);
  });
  return (
    <form className="form" onSubmit={(event) => void submit(event)} data-form="raise-support-case">
      <div className="dialog-body form-grid">
        <SupportChoiceField choice="category" value={category} onChoose={setCategory} />
        <SupportChoiceField choice="priority" value={priority} onChoose={setPriority} />
      </div>
      <InputField
        label={t('support.caseTitle')}
        isMarkedRequired
        required
        maxLength={200}
        value={title}
        onValue={setTitle}
      />
      <TextAreaField
        label={t('support.description')}
        hint={t('support.descriptionHint')}
        rows={4}
        maxLength={4000}
        value={description}
        onValue={setDescription}
      />
      {fields.length > 0 && (
        <fieldset className="support-links">
          <legend>{t('support.about')}</legend>
          {fields.map((field) => (
            <LinkSelect
              key={field}
              field={field}
              value={links[field] ?? ''}
              onChange={(value) => setLinks({ ...links, [field]: value })}
            />
          ))}
        </fieldset>
      )}
      {problem && <Notice tone="error">{problem}</Notice>}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={isBusy}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={isBusy || !title.trim()}>
          {isBusy ? t('common.saving') : t('support.raise')}
        </button>
      </div>
    </form>
  );
}

/** The "Nytt ärende" button and its dialog. */
export function RaiseCaseButton({
  hours,
  onRaised,
}: {
  hours: SupportHoursStatus | undefined;
  onRaised: (made: SupportCaseDetail) => void;
}) {
  const { t } = useTranslator();
  const titleId = useId();
  return (
    <DialogButton label={t('support.raise')} className="button button-primary">
      {({ isOpen, close }) => (
        <ModalDialog isOpen={isOpen} titleId={titleId} className="dialog support-dialog" onCancel={close}>
          <h2 id={titleId}>{t('support.raiseTitle')}</h2>
          {isOpen && hours && !hours.isOpen ? (
            <>
              <SupportHoursNotice hours={hours} />
              <p>{t('support.closedCannotRaise')}</p>
              <div className="dialog-actions">
                <button type="button" className="button button-secondary" onClick={close}>
                  {t('common.cancel')}
                </button>
              </div>
            </>
          ) : (
            isOpen && (
              <RaiseForm
                onCancel={close}
                onRaised={(made) => {
                  close();
                  onRaised(made);
                }}
              />
            )
          )}
        </ModalDialog>
      )}
    </DialogButton>
  );
}
