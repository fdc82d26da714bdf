// One work order for the planner (docs/work-orders.md "Console"): where and what, the planning
// form (installer or company, booked time, planned minutes, notes; saved at the version read),
// buttons for the states it may move to, and its history.
import type { WorkOrderAssignees, WorkOrderDetail } from '@portvakt/contract';
import { listNextWorkOrderStates, type WorkOrderState } from '@portvakt/core';
import { useEffect, useState } from 'react';
import { useSession } from '../accounts';
import { ApiRequestError, patchApi, postApi } from '../shared/api-client';
import { RowTable } from '../shared/row-table';
import { DetailError } from '../shared/detail-error';
import { InputField, SelectField, TextAreaField } from '../shared/field';
import { say, useTranslator, type Translator } from '../shared/i18n';
import { Page } from '../shared/page';
import { FactList, LoadingState, Notice } from '../shared/states';
import { fromLocalInputValue, toLocalInputValue } from '../shared/time';
import { useResource } from '../shared/use-api';
import { useDraft } from '../shared/use-draft';
import { useFormSubmit, useSending } from '../shared/use-form-submit';
import { sayTransitionReason } from './transition-reason';
import { formatBooking } from './work-order-card';

function PlanForm({ order, onSaved }: { order: WorkOrderDetail; onSaved: () => void }) {
  const { t } = useTranslator();
  const assignees = useResource<WorkOrderAssignees>('/work-order-assignees');
  const local = (value: string | null) => (value ? toLocalInputValue(new Date(value)) : '');
  const { draft, bind } = useDraft({
    userId: order.assignedUserId ?? '',
    companyId: order.assignedCompanyId ?? '',
    from: local(order.bookedFrom),
    until: local(order.bookedUntil),
    minutes: order.plannedMinutes?.toString() ?? '',
    notes: order.notes ?? '',
  });
  const { userId, companyId, from, until, minutes, notes } = draft;
  const { problem, submit } = useFormSubmit(async () => {
    const instant = (value: string) => (value ? (fromLocalInputValue(value)?.toISOString() ?? null) : null);
    try {
      await patchApi(`/work-orders/${order.id}`, {
        version: order.version,
        assignedUserId: userId || null,
        assignedCompanyId: companyId || null,
        bookedFrom: instant(from),
        bookedUntil: instant(until),
        plannedMinutes: minutes ? Number(minutes) : null,
        notes: notes.trim() || null,
      });
    } catch (error) {
      // The code is shared with visits and shifts, whose words (arrival, departure) are not a booking's.
      if (error instanceof ApiRequestError && error.code === 'reversed_times')
        return say('workOrders.bookingReversed');
      throw error;
    }
    onSaved();
  });
  return (
    <form className="card work-order-plan" onSubmit={(event) => void submit(event)}>
      <h2>{t('workOrders.plan')}</h2>
      <div className="form-grid">
        <SelectField
          label={t('workOrders.installer')}
          {...bind('userId')}
          blank={t('workOrders.noOne')}
          options={assignees.data?.installers.map((installer) => ({
            value: installer.id,
            label: installer.displayName,
          }))}
        />
        <SelectField
          label={t('workOrders.company')}
          {...bind('companyId')}
          blank={t('workOrders.noOne')}
          options={assignees.data?.companies.map((company) => ({ value: company.id, label: company.name }))}
        />
        <InputField label={t('workOrders.bookedFrom')} type="datetime-local" {...bind('from')} />
        <InputField label={t('workOrders.bookedUntil')} type="datetime-local" {...bind('until')} />
        <InputField
          label={t('workOrders.plannedMinutes')}
          type="number"
          min={1}
          max={1440}
          {...bind('minutes')}
        />
      </div>
      <TextAreaField label={t('workOrders.notes')} rows={2} maxLength={2000} {...bind('notes')} />
      {problem && <Notice tone="error">{problem}</Notice>}
      <button type="submit" className="button button-primary">
        {t('workOrders.save')}
      </button>
    </form>
  );
}

function TransitionButtons({ order, onMoved }: { order: WorkOrderDetail; onMoved: () => void }) {
  const { t, label } = useTranslator();
  const [reason, setReason] = useState('');
  const { problem, run } = useSending();
  // Core's list: a reason is asked for where one is needed; work done at the door is not offered.
  const targets = listNextWorkOrderStates(order.kind, order.state);
  if (targets.length === 0) return null;
  const move = (to: WorkOrderState) =>
    run(async () => {
      await postApi(`/work-orders/${order.id}/transitions`, { to, reason: reason.trim() || undefined });
      setReason('');
      onMoved();
    });
  return (
    <section className="card work-order-transitions">
      <h2>{t('workOrders.move')}</h2>
      <InputField
        label={t('workOrders.reason')}
        hint={t('workOrders.reasonHint')}
        maxLength={500}
        value={reason}
        onValue={setReason}
      />
      <div className="button-row">
        {targets.map((to) => (
          <button key={to} type="button" className="button button-secondary" onClick={() => void move(to)}>
            {t('workOrders.moveTo', { state: label('workOrderState', to) })}
          </button>
        ))}
      </div>
      {problem && <Notice tone="error">{problem}</Notice>}
    </section>
  );
}

/**
 * The emergencies an order follows up, as a fact in the reader's words (the server records which,
 * it writes no sentence into the notes; docs/work-orders.md).
 */
export function sayFollowsUp(
  order: Pick<WorkOrderDetail, 'followsUpEmergencies'>,
  t: Translator['t'],
): [string, string] {
  return [
    t('workOrders.followsUp'),
    t('workOrders.followsUpEmergencies', { references: order.followsUpEmergencies.join(', ') }),
  ];
}

/** A battery round's apartment door as a fact in the reader's words (the server writes no note). */
export function sayNeedsCustomerBooking(t: Translator['t']): [string, string] {
  return [t('workOrders.booking'), t('workOrders.needsCustomerBooking')];
}

export function WorkOrderHistory({ order }: { order: WorkOrderDetail }) {
  const translator = useTranslator();
  const { t, label, formatDateTime } = translator;
  return (
    <section className="card">
      <h2>{t('workOrders.history')}</h2>
      <RowTable
        caption={t('workOrders.historyCaption')}
        frame="card"
        rows={order.transitions}
        rowKey={(_step, index) => index}
        columns={[
          { header: t('workOrders.when'), render: (step) => formatDateTime(step.at) },
          {
            header: t('workOrders.from'),
            render: (step) => (step.fromState ? label('workOrderState', step.fromState) : '–'),
          },
          { header: t('workOrders.to'), render: (step) => label('workOrderState', step.toState) },
          { header: t('workOrders.who'), render: (step) => step.actorName ?? step.actor },
          { header: t('workOrders.reason'), render: (step) => sayTransitionReason(step, translator) },
        ]}
      />
    </section>
  );
}

export function WorkOrderDetailPage({ id }: { id: string }) {
  const { t, label, language, formatDateTime } = useTranslator();
  const session = useSession();
  const order = useResource<WorkOrderDetail>(`/work-orders/${id}`);
  const [shown, setShown] = useState<WorkOrderDetail | undefined>();
  // Outside the form: the form is made anew from the saved order, the notice stays.
  const [isSaved, setIsSaved] = useState(false);
  useEffect(() => setShown(order.data), [order.data]);
  if (order.error)
    return <DetailError error={order.error} title={t('workOrders.title')} onRetry={order.reload} />;
  if (!shown) return <LoadingState />;
  const canPlan = session.can('work_order', 'create');
  const facts: Array<[string, string]> = [
    [t('workOrders.state'), label('workOrderState', shown.state)],
    [t('workOrders.address'), `${shown.streetAddress}${shown.city ? `, ${shown.city}` : ''}`],
    [t('workOrders.door'), `${shown.doorLabel} (${label('doorKind', shown.doorKind)})`],
    [
      t('workOrders.assignee'),
      shown.assignedUserName ?? shown.assignedCompanyName ?? t('workOrders.unassigned'),
    ],
    [
      t('workOrders.booked'),
      formatBooking(language, shown.bookedFrom, shown.bookedUntil, t('workOrders.unbooked')),
    ],
  ];
  // The counted number an order made before migration 0065 had; answered to the municipality's readers only.
  if (shown.formerReference) facts.push([t('workOrders.formerReference'), shown.formerReference]);
  if (shown.targetDoor)
    facts.push([t('workOrders.targetDoor'), `${shown.targetDoor.streetAddress}, ${shown.targetDoor.label}`]);
  if (shown.followsUpEmergencies.length > 0) facts.push(sayFollowsUp(shown, t));
  if (shown.needsCustomerBooking) facts.push(sayNeedsCustomerBooking(t));
  if (shown.lock) facts.push([t('workOrders.lock'), shown.lock.serial]);
  if (shown.customer) facts.push([t('workOrders.customer'), shown.customer.name]);
  if (shown.awaits !== 'nothing' && shown.state === 'requested')
    facts.push([t('workOrders.awaits', { what: '' }).trim(), label('workOrderAwaits', shown.awaits)]);
  if (shown.actualMinutes !== null) facts.push([t('workOrders.actualMinutes'), String(shown.actualMinutes)]);
  if (shown.originalLockStorage) facts.push([t('workOrders.storage'), shown.originalLockStorage]);
  if (shown.originalLockRestoredAt)
    facts.push([t('workOrders.restoredAt'), formatDateTime(shown.originalLockRestoredAt)]);
  return (
    <Page title={`${label('workOrderKind', shown.kind)} · ${shown.reference}`} backTo="/work-orders">
      <section className="card">
        <FactList facts={facts} />
      </section>
      {canPlan && (
        <PlanForm
          key={shown.version}
          order={shown}
          onSaved={() => {
            setIsSaved(true);
            order.reload();
          }}
        />
      )}
      {isSaved && <Notice>{t('workOrders.saved')}</Notice>}
      {session.can('work_order', 'update') && <TransitionButtons order={shown} onMoved={order.reload} />}
      <WorkOrderHistory order={shown} />
    </Page>
  );
}
