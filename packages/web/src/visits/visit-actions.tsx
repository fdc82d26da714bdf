// A visit's corrections from the day view: a new version with the reason, or "the customer
// declined", each confirmed in a dialog (docs/visits.md "Corrections").
import type { Visit } from '@portvakt/contract';
import { useState } from 'react';
import { postApi } from '../shared/api-client';
import { ConfirmedActionButton, useConfirmedAction } from '../shared/confirm-dialog';
import { InputField, TextAreaField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { fromLocalInputValue, toLocalInputValue } from '../shared/time';

function ReasonField({
  value,
  onChange,
  isInvalid,
}: {
  value: string;
  onChange: (value: string) => void;
  isInvalid: boolean;
}) {
  const { t } = useTranslator();
  return (
    <TextAreaField
      label={t('visits.reason')}
      hint={t('visits.reasonHint')}
      isMarkedRequired
      required
      aria-invalid={isInvalid}
      maxLength={500}
      rows={2}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

export function CorrectVisitButton({ visit, onChanged }: { visit: Visit; onChanged: () => void }) {
  const { t } = useTranslator();
  const action = useConfirmedAction();
  const [arrival, setArrival] = useState(toLocalInputValue(new Date(visit.arrival)));
  const [departure, setDeparture] = useState(
    visit.departure ? toLocalInputValue(new Date(visit.departure)) : '',
  );
  const [reason, setReason] = useState('');
  const confirm = async () => {
    if (reason.trim().length < 3) return action.setProblem(t('visits.reasonMissing'));
    await action.run(async () => {
      await postApi(`/visits/${visit.id}/corrections`, {
        version: visit.version,
        reason: reason.trim(),
        arrival: fromLocalInputValue(arrival)?.toISOString(),
        departure: fromLocalInputValue(departure)?.toISOString() ?? null,
      });
      setReason('');
      onChanged();
    });
  };
  return (
    <ConfirmedActionButton
      action={action}
      label={t('visits.correct')}
      tone="secondary"
      title={t('visits.correctTitle', { customer: visit.customerName })}
      text={t('visits.correctText')}
      confirmLabel={t('visits.correctConfirm')}
      onConfirm={confirm}
    >
      <InputField
        label={t('visits.arrival')}
        type="datetime-local"
        value={arrival}
        onChange={(e) => setArrival(e.target.value)}
      />
      <InputField
        label={t('visits.departure')}
        type="datetime-local"
        value={departure}
        onChange={(e) => setDeparture(e.target.value)}
      />
      <ReasonField
        value={reason}
        onChange={setReason}
        isInvalid={action.problem === t('visits.reasonMissing')}
      />
    </ConfirmedActionButton>
  );
}

export function DeclineVisitButton({ visit, onChanged }: { visit: Visit; onChanged: () => void }) {
  const { t } = useTranslator();
  const action = useConfirmedAction();
  const [reason, setReason] = useState('');
  if (visit.state === 'declined') return null;
  const confirm = async () => {
    if (reason.trim().length < 3) return action.setProblem(t('visits.reasonMissing'));
    await action.run(async () => {
      await postApi(`/visits/${visit.id}/decline`, { version: visit.version, reason: reason.trim() });
      setReason('');
      onChanged();
    });
  };
  return (
    <ConfirmedActionButton
      action={action}
      label={t('visits.decline')}
      tone="secondary"
      title={t('visits.declineTitle')}
      text={t('visits.declineText')}
      confirmLabel={t('visits.declineConfirm')}
      onConfirm={confirm}
    >
      <ReasonField
        value={reason}
        onChange={setReason}
        isInvalid={action.problem === t('visits.reasonMissing')}
      />
    </ConfirmedActionButton>
  );
}

/** Approves one staff member's day (R5.3): refused by the server while exceptions are open. */
export function ApproveDayButton({
  staffMemberId,
  name,
  day,
  onChanged,
}: {
  staffMemberId: string;
  name: string;
  day: string;
  onChanged: () => void;
}) {
  const { t } = useTranslator();
  const action = useConfirmedAction();
  const confirm = () =>
    action.run(async () => {
      await postApi('/visits/approvals', { staffMemberId, day });
      onChanged();
    });
  return (
    <ConfirmedActionButton
      action={action}
      label={t('visits.approveDay', { name })}
      tone="secondary"
      title={t('visits.approveTitle', { name, day })}
      text={t('visits.approveText')}
      confirmLabel={t('visits.approveConfirm')}
      onConfirm={confirm}
    />
  );
}
