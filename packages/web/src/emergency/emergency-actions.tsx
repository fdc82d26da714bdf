// Support's buttons on an emergency card: assign a contracted locksmith (with the on-call
// contacts to call), the door opened, close with a cause, and, once closed (the cause decides
// the work order's kind), the follow-ups.
import type {
  EmergencyAssignment,
  EmergencyOpening,
  LocksmithCompanyRow,
  OnCallContactList,
} from '@portvakt/contract';
import { emergencyCauses } from '@portvakt/core';
import { useState, type ReactNode } from 'react';
import { getApi, listAll, postApi } from '../shared/api-client';
import { ConfirmDialog, useConfirmedAction, type ConfirmedAction } from '../shared/confirm-dialog';
import { ChoiceField, SelectField, TextAreaField } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Notice } from '../shared/states';
import { useLoader } from '../shared/use-api';
import { useSending } from '../shared/use-form-submit';

function OnCallContacts({ companyId }: { companyId: string }) {
  const { t } = useTranslator();
  const contacts = useLoader(`on-call-${companyId}`, (signal) =>
    getApi<OnCallContactList>(`/locksmith-companies/${companyId}/on-call-contacts`, signal),
  );
  if (!contacts.data) return null;
  return (
    <div className="emergency-on-call" data-section="on-call">
      <h3>{t('emergency.onCall')}</h3>
      {contacts.data.items.length === 0 ? (
        <p className="muted">{t('emergency.noOnCall')}</p>
      ) : (
        <ol>
          {contacts.data.items.map((contact) => (
            <li key={contact.id}>
              <strong>{contact.name}</strong>{' '}
              <a href={`tel:${contact.phone.replace(/\s/g, '')}`}>{contact.phone}</a>
              {contact.email ? <span className="muted"> · {contact.email}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/**
 * A button that opens the form of one step of the emergency (the fields are `children`); the form
 * closes when the step went through and shows the problem when it did not.
 */
function StepButton({
  action,
  label,
  tone,
  title,
  onConfirm,
  children,
}: {
  action: ConfirmedAction;
  label: string;
  tone: 'primary' | 'secondary';
  title: string;
  onConfirm: () => Promise<void>;
  children: ReactNode;
}) {
  return (
    <>
      <button type="button" className={`button button-${tone}`} onClick={action.open}>
        {label}
      </button>
      <ConfirmDialog
        isOpen={action.isOpen}
        title={title}
        confirmLabel={label}
        isDanger={false}
        isBusy={action.isBusy}
        onCancel={action.close}
        onConfirm={() => void action.run(onConfirm)}
      >
        {children}
        {action.problem && <Notice tone="error">{action.problem}</Notice>}
      </ConfirmDialog>
    </>
  );
}

function AssignButton({
  emergency,
  onAssigned,
}: {
  emergency: EmergencyOpening;
  onAssigned: (assignment: EmergencyAssignment) => void;
}) {
  const { t } = useTranslator();
  const action = useConfirmedAction();
  const [companyId, setCompanyId] = useState('');
  const companies = useLoader(action.isOpen ? 'contracted-locksmiths' : null, (signal) =>
    listAll<LocksmithCompanyRow>('/locksmith-companies', { isEmergencyContracted: 'true' }, signal),
  );
  return (
    <StepButton
      action={action}
      label={t('emergency.assign')}
      tone="primary"
      title={t('emergency.assignTitle')}
      onConfirm={async () => {
        if (!companyId) throw new Error(t('emergency.chooseCompany'));
        onAssigned(
          await postApi<EmergencyAssignment>(`/emergency-openings/${emergency.id}/assign`, {
            locksmithCompanyId: companyId,
            version: emergency.version,
          }),
        );
      }}
    >
      <p className="muted">{t('emergency.onlyContracted')}</p>
      <SelectField
        label={t('emergency.company')}
        value={companyId}
        onValue={setCompanyId}
        blank={t('emergency.chooseCompany')}
        options={companies.data?.items.map((company) => ({ value: company.id, label: company.name }))}
      />
      {companyId && <OnCallContacts companyId={companyId} />}
    </StepButton>
  );
}

function CloseButton({ emergency, onChanged }: { emergency: EmergencyOpening; onChanged: () => void }) {
  const { t } = useTranslator();
  const action = useConfirmedAction();
  const [cause, setCause] = useState<string>('unknown');
  const [note, setNote] = useState('');
  return (
    <StepButton
      action={action}
      label={t('emergency.close')}
      tone="secondary"
      title={t('emergency.closeTitle')}
      onConfirm={async () => {
        await postApi(`/emergency-openings/${emergency.id}/close`, {
          version: emergency.version,
          cause,
          ...(note.trim() ? { note: note.trim() } : {}),
        });
        onChanged();
      }}
    >
      <ChoiceField
        label={t('emergency.cause')}
        value={cause}
        values={emergencyCauses}
        nameOf={(value) => t(`emergency.cause.${value}` as MessageKey)}
        onChoose={setCause}
      />
      <TextAreaField label={t('emergency.note')} value={note} onValue={setNote} />
    </StepButton>
  );
}

export function EmergencyActions({
  emergency,
  onChanged,
}: {
  emergency: EmergencyOpening;
  onChanged: () => void;
}) {
  const { t } = useTranslator();
  const { problem, run } = useSending();
  // The link is answered once: kept here, where it outlives the assign button.
  const [result, setResult] = useState<EmergencyAssignment>();
  const post = (path: string, body: Record<string, unknown>) =>
    run(async () => {
      await postApi(`/emergency-openings/${emergency.id}/${path}`, { version: emergency.version, ...body });
      onChanged();
    });
  return (
    <div className="emergency-actions">
      {!emergency.closedAt && !emergency.assignedAt && (
        <AssignButton
          emergency={emergency}
          onAssigned={(assignment) => {
            setResult(assignment);
            onChanged();
          }}
        />
      )}
      {!emergency.closedAt && emergency.onSiteAt && !emergency.doorOpenedAt && (
        <button type="button" className="button button-primary" onClick={() => void post('door-opened', {})}>
          {t('emergency.markDoorOpened')}
        </button>
      )}
      {!emergency.closedAt && <CloseButton emergency={emergency} onChanged={onChanged} />}
      {emergency.closedAt && !emergency.followUpWorkOrderId && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void post('follow-up', { kind: 'work_order' })}
        >
          {t('emergency.followUpOrder')}
        </button>
      )}
      {emergency.closedAt && !emergency.followUpCaseId && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void post('follow-up', { kind: 'support_case' })}
        >
          {t('emergency.followUpCase')}
        </button>
      )}
      {problem && <Notice tone="error">{problem}</Notice>}
      {result && (
        <div className="card emergency-link" role="status" data-section="arrival-link">
          <p>{t('emergency.assigned')}</p>
          <p className="emergency-link-url">
            <code>{result.arrivalUrl}</code>
          </p>
          {result.mailedTo.length > 0 && <p>{t('emergency.mailedTo', { to: result.mailedTo.join(', ') })}</p>}
          {result.mailFailedTo.length > 0 && (
            <Notice tone="error">{t('emergency.mailFailed', { to: result.mailFailedTo.join(', ') })}</Notice>
          )}
        </div>
      )}
    </div>
  );
}
