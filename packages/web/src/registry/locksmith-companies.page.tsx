// "Låssmedsföretag": the municipality's register of locksmith companies (installers work for them;
// contracted ones take emergency openings, docs/support.md "Emergency opening"). Municipality
// admins and lock managers register new ones here; the company's page keeps its on-call contacts.
import type { LocksmithCompanyRow, OnCallContactList } from '@portvakt/contract';
import { useState } from 'react';
import { useSession } from '../accounts';
import { forgetCachedEntities, getApi, postApi } from '../shared/api-client';
import { SendingFormDialog } from '../shared/confirm-dialog';
import { DialogButton, type OpenedDialog } from '../shared/dialog-button';
import { type Column } from '../shared/data-table';
import { useTranslator } from '../shared/i18n';
import { createNameColumn } from '../shared/list-columns';
import { ListPage } from '../shared/list-page';
import { createOptionalColumn } from '../shared/optional-column';
import { navigate } from '../shared/router';
import { useLoader } from '../shared/use-api';
import { useFormSubmit } from '../shared/use-form-submit';
import {
  ContractBadge,
  emptyCompanyDraft,
  LocksmithCompanyFields,
  checkCompanyDraft,
  toCompanyBody,
} from './locksmith-company-form';

/** How many current on-call contacts a contracted company has; asked only for contracted rows. */
function OnCallCount({ companyId }: { companyId: string }) {
  const contacts = useLoader(`on-call-count-${companyId}`, (signal) =>
    getApi<OnCallContactList>(`/locksmith-companies/${companyId}/on-call-contacts`, signal),
  );
  return <>{contacts.data ? contacts.data.items.length : ''}</>;
}

function CreateCompanyButton() {
  const { t } = useTranslator();
  return (
    <DialogButton label={t('locksmith-companies.create')} className="button button-primary">
      {(dialog) => <CreateCompanyDialog {...dialog} />}
    </DialogButton>
  );
}

/** Cancelling throws the draft away, as the other "new" dialogs do: the next one starts afresh. */
function CreateCompanyDialog({ isOpen, close }: OpenedDialog) {
  const { t } = useTranslator();
  const [draft, setDraft] = useState(emptyCompanyDraft);
  const sending = useFormSubmit(async () => {
    const problem = checkCompanyDraft(draft);
    if (problem) return problem;
    const made = await postApi<LocksmithCompanyRow>('/locksmith-companies', toCompanyBody(draft));
    forgetCachedEntities('locksmith-companies');
    setDraft(emptyCompanyDraft);
    close();
    navigate(`/locksmith-companies/${made.id}`);
  });
  return (
    <SendingFormDialog
      isOpen={isOpen}
      title={t('locksmith-companies.createTitle')}
      confirmLabel={t('locksmith-companies.register')}
      sending={sending}
      bodyClassName="dialog-body form"
      formName="create-locksmith-company"
      onClose={() => {
        setDraft(emptyCompanyDraft);
        sending.setProblem(undefined);
        close();
      }}
    >
      <LocksmithCompanyFields
        draft={draft}
        isProblemShown={sending.problem !== undefined}
        onChange={(next) => {
          sending.setProblem(undefined);
          setDraft(next);
        }}
      />
    </SendingFormDialog>
  );
}

export function LocksmithCompaniesPage() {
  const { t } = useTranslator();
  const session = useSession();
  const columns: Array<Column<LocksmithCompanyRow>> = [
    createNameColumn('name', t('common.name'), '/locksmith-companies'),
    createOptionalColumn('organisationNumber', t('locksmith-companies.organisationNumber'), t('common.none')),
    {
      key: 'contact',
      header: t('locksmith-companies.contact'),
      render: (row) => [row.contactPhone, row.contactEmail].filter(Boolean).join(' · ') || t('common.none'),
    },
    {
      key: 'isEmergencyContracted',
      header: t('locksmith-companies.emergency'),
      render: (row) => <ContractBadge isContracted={row.isEmergencyContracted} />,
    },
    {
      key: 'onCall',
      header: t('locksmith-companies.onCallCount'),
      isNumeric: true,
      render: (row) => (row.isEmergencyContracted ? <OnCallCount companyId={row.id} /> : t('common.none')),
    },
  ];
  return (
    <ListPage
      name="locksmith-companies"
      searchPlaceholder={t('common.name')}
      columns={columns}
      actions={session.can('locksmith_company', 'create') ? <CreateCompanyButton /> : undefined}
    />
  );
}
