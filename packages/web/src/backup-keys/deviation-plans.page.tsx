// "Avvikelseplaner" (R9.3, R8.3): each provider's plans with their status today; the provider's
// work lead (or the municipality) writes a plan, the municipality approves or rejects it with a
// reason. Superseded and rejected plans stay listed.
import type { DeviationPlan, DeviationPlanList } from '@portvakt/contract';
import { useState } from 'react';
import { namedChoices } from '../components';
import { useSession } from '../accounts';
import { listAll, postApi } from '../shared/api-client';
import { InputField, SelectField, SubmitButton, TextAreaField } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { Notice, ResourceStates } from '../shared/states';
import { useLoader, useResource } from '../shared/use-api';
import { useFormSubmit, useSending } from '../shared/use-form-submit';

interface Named {
  id: string;
  name: string;
}

function PlanForm({ today, onDone }: { today: string; onDone: (text: string) => void }) {
  const { t } = useTranslator();
  const session = useSession();
  const ownProvider = session.me.providerId;
  const providers = useLoader(ownProvider ? null : 'plan-providers', (signal) =>
    listAll<Named>('/providers', {}, signal),
  );
  const [providerId, setProviderId] = useState('');
  const [body, setBody] = useState('');
  const [validFrom, setValidFrom] = useState(today);
  const { problem, isBusy, submit } = useFormSubmit(async () => {
    await postApi('/deviation-plans', {
      ...(ownProvider ? {} : { providerId }),
      body: body.trim(),
      validFrom,
    });
    setBody('');
    onDone(t('plans.created'));
  });
  return (
    <form className="form" aria-label={t('plans.write')} onSubmit={(event) => void submit(event)}>
      {problem && <Notice tone="error">{problem}</Notice>}
      <div className="form-inline">
        {!ownProvider && (
          <SelectField
            label={t('plans.provider')}
            value={providerId}
            required
            onValue={setProviderId}
            blank={t('plans.chooseProvider')}
            options={namedChoices(providers.data?.items)}
          />
        )}
        <InputField
          label={t('plans.validFrom')}
          type="date"
          value={validFrom}
          required
          onValue={setValidFrom}
        />
      </div>
      <TextAreaField
        label={t('plans.body')}
        rows={6}
        maxLength={20000}
        required
        value={body}
        onValue={setBody}
      />
      <div>
        <SubmitButton isBusy={isBusy}>{t('plans.submit')}</SubmitButton>
      </div>
    </form>
  );
}

function Decision({ plan, onDone }: { plan: DeviationPlan; onDone: (text: string) => void }) {
  const { t } = useTranslator();
  const [reason, setReason] = useState('');
  const { problem, run } = useSending();
  const decide = (decision: 'approved' | 'rejected') =>
    run(async () => {
      await postApi(`/deviation-plans/${plan.id}/decision`, { decision, reason: reason.trim() || null });
      onDone(t('plans.decided'));
    });
  return (
    <div className="plan-decision">
      {problem && <Notice tone="error">{problem}</Notice>}
      <InputField
        label={t('plans.reason')}
        hint={t('plans.rejectReasonHint')}
        value={reason}
        maxLength={2000}
        onValue={setReason}
      />
      <div className="row-actions">
        <button type="button" className="button button-primary" onClick={() => void decide('approved')}>
          {t('plans.approve')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => void decide('rejected')}>
          {t('plans.reject')}
        </button>
      </div>
    </div>
  );
}

export function DeviationPlansPage() {
  const { t, formatDate, formatDateTime } = useTranslator();
  const session = useSession();
  const plans = useResource<DeviationPlanList>('/deviation-plans');
  const [notice, setNotice] = useState<string | undefined>();
  const canDecide = session.can('deviation_plan', 'update');
  const done = (text: string) => {
    setNotice(text);
    plans.reload();
  };
  const items = plans.data?.items ?? [];
  return (
    <Page title={t('plans.title')} intro={t('plans.intro')}>
      {notice && <Notice>{notice}</Notice>}
      {session.can('deviation_plan', 'create') && plans.data && (
        <Section title={t('plans.write')} section="plan-form">
          <PlanForm today={plans.data.day} onDone={done} />
        </Section>
      )}
      <ResourceStates resource={plans} isEmpty={items.length === 0} emptyText={t('plans.empty')}>
        {items.map((plan) => (
          <article
            key={plan.id}
            className="card plan-card"
            data-plan={plan.providerName}
            data-status={plan.status}
          >
            <header className="plan-header">
              <h2>{plan.providerName}</h2>
              <span className={`tag plan-status plan-status-${plan.status}`}>
                {t(`plans.status.${plan.status}` as MessageKey)}
              </span>
            </header>
            <p className="muted">
              {t('plans.validFrom')}: {formatDate(plan.validFrom)} ·{' '}
              {t('plans.recorded', {
                by: plan.recordedByName ?? plan.recordedBy,
                at: formatDateTime(plan.recordedAt),
              })}
            </p>
            <p className="plan-body">{plan.body}</p>
            {plan.approvedBy && (
              <p className="muted">
                {t('plans.approvedBy', {
                  by: plan.approvedByName ?? plan.approvedBy,
                  at: formatDateTime(plan.approvedAt),
                })}
                {plan.approvalNote ? ` – ${plan.approvalNote}` : ''}
              </p>
            )}
            {plan.rejectedBy && (
              <p className="muted">
                {t('plans.rejectedBy', {
                  by: plan.rejectedByName ?? plan.rejectedBy,
                  at: formatDateTime(plan.rejectedAt),
                  reason: plan.rejectedReason ?? '',
                })}
              </p>
            )}
            {canDecide && plan.status === 'pending' && <Decision plan={plan} onDone={done} />}
          </article>
        ))}
      </ResourceStates>
    </Page>
  );
}
