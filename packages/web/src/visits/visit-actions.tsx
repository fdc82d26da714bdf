// A visit's corrections from the day view: a new version with the reason, or "the customer
// declined", each confirmed in a dialog (docs/visits.md "Corrections").
import type { Visit } from '@portvakt/contract';
import { useState } from 'react';
import { postApi } from '../shared/api-client';
import { ConfirmedActionButton, useConfirmedAction } from '../shared/confirm-dialog';
import { InputField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { ReasonConfirmedButton, type ReasonField } from '../shared/reason-confirmed-button';
import { fromLocalInputValue, toLocalInputValue } from '../shared/time';
import { startOfDay } from '../shared/dates';

/** The visits' reason, for a correction, a declined visit and a confirmed exception alike. */
const visitReason: ReasonField = {
  label: 'visits.reason',
  hint: 'visits.reasonHint',
  missing: 'visits.reasonMissing',
  rows: 2,
};

/**
 * A secondary button whose confirmation asks for the visit's reason (it goes into the audit
 * trail) besides any fields (`children`); `onConfirm` gets the trimmed reason.
 */
export function ReasonActionButton(
  props: Omit<Parameters<typeof ReasonConfirmedButton>[0], 'tone' | 'reasonField'>,
) {
  return <ReasonConfirmedButton {...props} tone="secondary" reasonField={visitReason} />;
}

export function CorrectVisitButton({ visit, onChanged }: { visit: Visit; onChanged: () => void }) {
  const { t } = useTranslator();
  const [arrival, setArrival] = useState(toLocalInputValue(new Date(visit.arrival)));
  const [departure, setDeparture] = useState(
    visit.departure ? toLocalInputValue(new Date(visit.departure)) : '',
  );
  const correct = async (reason: string) => {
    await postApi(`/visits/${visit.id}/corrections`, {
      version: visit.version,
      reason,
      arrival: fromLocalInputValue(arrival)?.toISOString(),
      departure: fromLocalInputValue(departure)?.toISOString() ?? null,
    });
    onChanged();
  };
  return (
    <ReasonActionButton
      label={t('visits.correct')}
      title={t('visits.correctTitle', { customer: visit.customerName })}
      text={t('visits.correctText')}
      confirmLabel={t('visits.correctConfirm')}
      onConfirm={correct}
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
    </ReasonActionButton>
  );
}

export function DeclineVisitButton({ visit, onChanged }: { visit: Visit; onChanged: () => void }) {
  const { t } = useTranslator();
  if (visit.state === 'declined') return null;
  const decline = async (reason: string) => {
    await postApi(`/visits/${visit.id}/decline`, { version: visit.version, reason });
    onChanged();
  };
  return (
    <ReasonActionButton
      label={t('visits.decline')}
      title={t('visits.declineTitle')}
      text={t('visits.declineText')}
      confirmLabel={t('visits.declineConfirm')}
      onConfirm={decline}
    />
  );
}

/** What an approval covers: one staff member's day, or a customer's `days` from `day`. */
type Approval = { staffMemberId: string; day: string } | { customerId: string; day: string; days: number };

/**
 * Whether the `days` local days from `day` (YYYY-MM-DD) are over at `now`: approval waits for the
 * period's last midnight (docs/visits.md "Approval"), as the server does in the municipality's
 * zone, which is the console's local one (docs/web.md "Dates").
 */
export function hasPeriodEnded(day: string, days: number, now = new Date()): boolean {
  return startOfDay(day, days).getTime() <= now.getTime();
}

/**
 * Approves visits (R5.3), a staff member's day or a customer's week, with the dialog's texts:
 * refused by the server while exceptions are open. Before the period is over the button is
 * disabled and points at the hint that says why (`notOverHintId`, shown by the page once).
 */
export function ApproveVisitsButton({
  approval,
  notOverHintId,
  onChanged,
  ...texts
}: {
  approval: Approval;
  notOverHintId: string;
  label: string;
  title: string;
  text: string;
  onChanged: () => void;
}) {
  const { t } = useTranslator();
  const action = useConfirmedAction();
  if (!hasPeriodEnded(approval.day, 'days' in approval ? approval.days : 1))
    return (
      <button type="button" className="button button-secondary" disabled aria-describedby={notOverHintId}>
        {texts.label}
      </button>
    );
  const confirm = () =>
    action.run(async () => {
      await postApi('/visits/approvals', approval);
      onChanged();
    });
  return (
    <ConfirmedActionButton
      {...texts}
      action={action}
      tone="secondary"
      confirmLabel={t('visits.approveConfirm')}
      onConfirm={confirm}
    />
  );
}
