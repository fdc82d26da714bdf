// One locksmith company: its facts, the edit form for those who may change it (incl. the on-call
// contract for emergency opening), and its on-call contacts.
import type { LocksmithCompanyRow } from '@portvakt/contract';
import { useEffect, useState } from 'react';
import { useSession } from '../accounts';
import { AuditLink } from '../audit';
import { forgetCachedEntities, patchApi } from '../shared/api-client';
import { SubmitButton } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { useDetailRecord } from '../shared/use-detail-record';
import { Section } from '../shared/section';
import { FactList, SendingNotice } from '../shared/states';
import { useFormSubmit } from '../shared/use-form-submit';
import {
  ContractBadge,
  LocksmithCompanyFields,
  checkCompanyDraft,
  toCompanyBody,
  toCompanyDraft,
} from './locksmith-company-form';
import { OnCallContactsSection } from './on-call-contacts.section';

function EditCompanyForm({ company, onSaved }: { company: LocksmithCompanyRow; onSaved: () => void }) {
  const { t } = useTranslator();
  const [draft, setDraft] = useState(() => toCompanyDraft(company));
  useEffect(() => setDraft(toCompanyDraft(company)), [company]);
  const { problem, done, setDone, isBusy, submit } = useFormSubmit(async () => {
    const problem = checkCompanyDraft(draft);
    if (problem) return problem;
    await patchApi(`/locksmith-companies/${company.id}`, toCompanyBody(draft));
    forgetCachedEntities('locksmith-companies');
    setDone(say('locksmith-companies.saved'));
    onSaved();
  });
  return (
    <Section title={t('locksmith-companies.edit')} section="edit-locksmith-company">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <LocksmithCompanyFields draft={draft} onChange={setDraft} isProblemShown={problem !== undefined} />
        <SendingNotice problem={problem} done={done} />
        <div>
          <SubmitButton isBusy={isBusy}>{t('locksmith-companies.save')}</SubmitButton>
        </div>
      </form>
    </Section>
  );
}

export function LocksmithCompanyDetailPage({ id }: { id: string }) {
  const { t } = useTranslator();
  const session = useSession();
  const { row, pending, reload } = useDetailRecord<LocksmithCompanyRow>('locksmith-companies', id);
  if (!row) return pending;
  const canEdit = session.can('locksmith_company', 'update');
  return (
    <Page title={row.name} backTo="/locksmith-companies">
      <section className="card" aria-label={t('locksmith-companies.facts')} data-section="locksmith-company">
        <FactList
          facts={[
            [t('locksmith-companies.organisationNumber'), row.organisationNumber ?? t('common.none')],
            [t('locksmith-companies.contactEmail'), row.contactEmail ?? t('common.none')],
            [t('locksmith-companies.contactPhone'), row.contactPhone ?? t('common.none')],
            [
              t('locksmith-companies.emergency'),
              <ContractBadge key="contract" isContracted={row.isEmergencyContracted} />,
            ],
          ]}
        />
        {!canEdit && <p className="hint">{t('locksmith-companies.readOnly')}</p>}
        <AuditLink entity="locksmith_company" id={row.id} />
      </section>
      <OnCallContactsSection company={row} canEdit={canEdit} />
      {canEdit && <EditCompanyForm company={row} onSaved={reload} />}
    </Page>
  );
}
