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
import { NamedChoiceField, namedChoices } from '../components';
import { getApi, listAll, postApi } from '../shared/api-client';
import { ConfirmedActionButton, useConfirmedAction, type ConfirmedAction } from '../shared/confirm-dialog';
import { SelectField, TextAreaField } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { Notice } from '../shared/states';
import { useLoader } from '../shared/use-api';
import { useSending, type Words } from '../shared/use-form-submit';

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

/** One step on an emergency, sent with the version the card shows (a stale card is refused). */
function postStep<T>(emergency: EmergencyOpening, step: string, body: Record<string, unknown>): Promise<T> {
  return postApi<T>(`/emergency-openings/${emergency.id}/${step}`, { version: emergency.version, ...body });
}

/**
 * A button that opens the form of one step of the emergency (the fields are `children`), named
 * `emergency.<step>` and titled `emergency.<step>Title`; the form closes when the step went
 * through and shows the problem when it did not.
 */
function StepButton({
  action,
  step,
  tone,
  onConfirm,
  children,
}: {
  action: ConfirmedAction;
  step: 'assign' | 'close';
  tone: 'primary' | 'secondary';
  onConfirm: () => Promise<Words | void>;
  children: ReactNode;
}) {
  const { t } = useTranslator();
  const label = t(`emergency.${step}`);
  return (
    <ConfirmedActionButton
      action={action}
      label={label}
      tone={tone}
      title={t(`emergency.${step}Title`)}
      confirmLabel={label}
      onConfirm={() => action.run(onConfirm)}
    >
      {children}
    </ConfirmedActionButton>
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
      step="assign"
      tone="primary"
      onConfirm={async () => {
        if (!companyId) return say('emergency.chooseCompany');
        onAssigned(
          await postStep<EmergencyAssignment>(emergency, 'assign', { locksmithCompanyId: companyId }),
        );
      }}
    >
      <p className="muted">{t('emergency.onlyContracted')}</p>
      <SelectField
        label={t('emergency.company')}
        value={companyId}
        onValue={setCompanyId}
        blank={t('emergency.chooseCompany')}
        options={namedChoices(companies.data?.items)}
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
      step="close"
      tone="secondary"
      onConfirm={async () => {
        await postStep(emergency, 'close', { cause, ...(note.trim() ? { note: note.trim() } : {}) });
        onChanged();
      }}
    >
      <NamedChoiceField names="emergency.cause" value={cause} values={emergencyCauses} onChoose={setCause} />
      <TextAreaField label={t('emergency.note')} value={note} onValue={setNote} />
    </StepButton>
  );
}

/** The follow-ups a closed emergency can get, each once: its kind, button and where it is noted. */
const followUps = [
  { kind: 'work_order', label: 'emergency.followUpOrder', madeAs: 'followUpWorkOrderId' },
  { kind: 'support_case', label: 'emergency.followUpCase', madeAs: 'followUpCaseId' },
] as const;

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
      await postStep(emergency, path, body);
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
      {emergency.closedAt &&
        followUps.map(({ kind, label, madeAs }) =>
          emergency[madeAs] ? null : (
            <button
              key={kind}
              type="button"
              className="button button-quiet"
              onClick={() => void post('follow-up', { kind })}
            >
              {t(label)}
            </button>
          ),
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
          {result.mailedTo.length === 0 && result.mailFailedTo.length === 0 && (
            <Notice tone="error">{t('emergency.mailedToNobody')}</Notice>
          )}
        </div>
      )}
    </div>
  );
}
