// A visit's corrections from the day view: a new version with the reason, "the customer
// declined", or "registered by mistake" (voided), each confirmed in a dialog (docs/visits.md
// "Corrections").
import type { Visit } from '@portvakt/contract';
import { useState } from 'react';
import { postApi } from '../shared/api-client';
import { ConfirmedActionButton, useConfirmedAction } from '../shared/confirm-dialog';
import { InputField, SelectField } from '../shared/field';
import { useTranslator, type Translator } from '../shared/i18n';
import { ReasonConfirmedButton, type ReasonField } from '../shared/reason-confirmed-button';
import { HomeCustomerField } from './home-customer-field';
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

/**
 * A `datetime-local` value and, for a time the clock showed twice (the autumn night the clocks go
 * back, 02:00–02:59 in Sweden), which of the two instants it means.
 */
interface LocalTimeDraft {
  text: string;
  isSecond: boolean;
}

/**
 * The instants a `datetime-local` value names in the console's zone (the municipality's): two in
 * the hour the clocks go back, the earlier first, else one; none when empty or malformed.
 */
export function readLocalInstants(text: string): Date[] {
  const first = fromLocalInputValue(text);
  if (!first) return [];
  for (const minutes of [60, 30]) {
    const later = new Date(first.getTime() + minutes * 60_000);
    if (toLocalInputValue(later) === text) return [first, later];
  }
  return [first];
}

/** The draft of a stored instant: its local time, and whether it is the second of a repeated one. */
function draftOf(at: string | null): LocalTimeDraft {
  if (!at) return { text: '', isSecond: false };
  const text = toLocalInputValue(new Date(at));
  return { text, isSecond: readLocalInstants(text)[1]?.getTime() === Date.parse(at) };
}

/** The instant a draft means; undefined when it names none. */
function readDraftInstant(draft: LocalTimeDraft): Date | undefined {
  const [first, second] = readLocalInstants(draft.text);
  return (draft.isSecond ? second : undefined) ?? first;
}

const isDraftChanged = (draft: LocalTimeDraft, stored: LocalTimeDraft) =>
  draft.text !== stored.text || draft.isSecond !== stored.isSecond;

/** "UTC+02:00": the offset the console's zone has at `at`. */
function sayUtcOffset(at: Date): string {
  const offset = -at.getTimezoneOffset();
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `UTC${offset < 0 ? '−' : '+'}${hours}:${minutes}`;
}

/**
 * A visit's arrival or departure as local time. A time the clock showed twice gets a second
 * field asking which of the two is meant (summer or standard time), starting at the stored
 * instant's, never picked silently (docs/visits.md "Console").
 */
function LocalTimeField({
  label,
  draft,
  onDraft,
}: {
  label: string;
  draft: LocalTimeDraft;
  onDraft: (draft: LocalTimeDraft) => void;
}) {
  const { t } = useTranslator();
  const [first, second] = readLocalInstants(draft.text);
  return (
    <>
      <InputField
        label={label}
        type="datetime-local"
        value={draft.text}
        onValue={(text) => onDraft({ ...draft, text })}
      />
      {first && second && (
        <SelectField
          label={t('visits.repeatedTime', { field: label, time: draft.text.slice(11) })}
          hint={t('visits.repeatedTimeHint', { time: draft.text.slice(11) })}
          value={draft.isSecond ? 'second' : 'first'}
          onValue={(value) => onDraft({ ...draft, isSecond: value === 'second' })}
          options={[
            { value: 'first', label: t('visits.firstOccurrence', { offset: sayUtcOffset(first) }) },
            { value: 'second', label: t('visits.secondOccurrence', { offset: sayUtcOffset(second) }) },
          ]}
        />
      )}
    </>
  );
}

/** Said in a change's dialog when the visit is approved: the change takes the day's approval back. */
function sayChangeText(t: Translator['t'], visit: Visit, text: string): string {
  return visit.state === 'approved' ? `${text} ${t('visits.changeApprovedText')}` : text;
}

export function CorrectVisitButton(props: { visit: Visit; onChanged: () => void }) {
  // A new version starts a new draft from its stored times.
  return <CorrectVisitDialogButton key={`${props.visit.id}:${props.visit.version}`} {...props} />;
}

function CorrectVisitDialogButton({ visit, onChanged }: { visit: Visit; onChanged: () => void }) {
  const { t } = useTranslator();
  const stored = { arrival: draftOf(visit.arrival), departure: draftOf(visit.departure) };
  const [arrival, setArrival] = useState(stored.arrival);
  const [departure, setDeparture] = useState(stored.departure);
  const [customerId, setCustomerId] = useState(visit.customerId);
  // A correction keeps what it does not change (docs/visits.md "Corrections"): a time left as it
  // was is not sent, so it is not read back from local time (which the autumn night repeats).
  const correct = async (reason: string) => {
    await postApi(`/visits/${visit.id}/corrections`, {
      version: visit.version,
      reason,
      ...(isDraftChanged(arrival, stored.arrival) && { arrival: readDraftInstant(arrival)?.toISOString() }),
      ...(isDraftChanged(departure, stored.departure) && {
        departure: readDraftInstant(departure)?.toISOString() ?? null,
      }),
      ...(customerId !== visit.customerId && { customerId }),
    });
    onChanged();
  };
  return (
    <ReasonActionButton
      label={t('visits.correct')}
      title={t('visits.correctTitle', { customer: visit.customerName })}
      text={sayChangeText(t, visit, t('visits.correctText'))}
      confirmLabel={t('visits.correctConfirm')}
      onConfirm={correct}
    >
      {(isOpen) => (
        <>
          {isOpen && <HomeCustomerField visit={visit} value={customerId} onValue={setCustomerId} />}
          <LocalTimeField label={t('visits.arrival')} draft={arrival} onDraft={setArrival} />
          <LocalTimeField label={t('visits.departure')} draft={departure} onDraft={setDeparture} />
        </>
      )}
    </ReasonActionButton>
  );
}

/**
 * The changes that take a visit out of what counts, with only a reason: "the customer declined"
 * (staff came; relatives see it) and "registered by mistake" (voided: it never happened, so
 * relatives' visit list leaves it out; docs/visits.md "Corrections").
 */
const reasonOnlyChanges = {
  decline: {
    state: 'declined',
    label: 'visits.decline',
    title: 'visits.declineTitle',
    text: 'visits.declineText',
    confirm: 'visits.declineConfirm',
  },
  void: {
    state: 'voided',
    label: 'visits.void',
    title: 'visits.voidTitle',
    text: 'visits.voidText',
    confirm: 'visits.voidConfirm',
  },
} as const;

function ReasonOnlyChangeButton({
  visit,
  change,
  onChanged,
}: {
  visit: Visit;
  change: keyof typeof reasonOnlyChanges;
  onChanged: () => void;
}) {
  const { t, formatDateTime } = useTranslator();
  const texts = reasonOnlyChanges[change];
  if (visit.state === texts.state) return null;
  const send = async (reason: string) => {
    await postApi(`/visits/${visit.id}/${change}`, { version: visit.version, reason });
    onChanged();
  };
  return (
    <ReasonActionButton
      label={t(texts.label)}
      // Named, as the correction's title is: the dialog may be opened from a week's list.
      title={t(texts.title, { customer: visit.customerName, time: formatDateTime(visit.arrival) })}
      text={sayChangeText(t, visit, t(texts.text))}
      confirmLabel={t(texts.confirm)}
      onConfirm={send}
    />
  );
}

export function DeclineVisitButton(props: { visit: Visit; onChanged: () => void }) {
  return <ReasonOnlyChangeButton {...props} change="decline" />;
}

export function VoidVisitButton(props: { visit: Visit; onChanged: () => void }) {
  return <ReasonOnlyChangeButton {...props} change="void" />;
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
