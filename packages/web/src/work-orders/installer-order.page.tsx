// One job at the door, on the installer's phone (docs/work-orders.md "At the door"): install
// orders take the lock's serial and public key (enrol), then the original lock's storage label
// (install); dismount orders confirm the customer's original lock is back; move orders move the
// lock; an install or move whose consent no longer stands is handed back to the lock manager
// (requested, with a reason). Battery, repair and cylinder-change orders have no action of their
// own: the installer starts them and marks them done (a battery order's done is the lock's battery
// change, R2.4) or failed with a reason. Every answer from the server is shown in plain words; nothing is done twice.
import type { EnrolLockResult, WorkOrderDetail } from '@portvakt/contract';
import { isFinishedAtTheDoor, lockTypes } from '@portvakt/core';
import { useEffect, useState } from 'react';
import { SingleButtonForm, type SingleButtonFormProps } from '../components';
import { postApi } from '../shared/api-client';
import { DetailError } from '../shared/detail-error';
import { CheckboxField, InputField, SelectField, TextAreaField } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { FactList, LoadingState, Notice } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useSending } from '../shared/use-form-submit';
import { sayTransitionReason } from './transition-reason';
import { formatBooking } from './work-order-card';
import { sayFollowsUp, sayNeedsCustomerBooking } from './work-order-detail.page';

/** What every step at the door is given: the order as read, and where its next state goes. */
interface DoorStepProps {
  order: WorkOrderDetail;
  onDone: (next: WorkOrderDetail) => void;
}

/** Sends one action; shows the server's refusal in plain words and keeps the form as typed. */
function useDoorAction(order: WorkOrderDetail, onDone: (next: WorkOrderDetail) => void) {
  const { run, ...state } = useSending();
  const send = <Answer,>(
    action: string,
    body: unknown,
    pick: (answer: Answer) => WorkOrderDetail = (answer) => answer as unknown as WorkOrderDetail,
  ) => run(async () => onDone(pick(await postApi(`/work-orders/${order.id}/${action}`, body))));
  return { ...state, send };
}

/** One step at the door: its fields, the problem that stopped it, and one large button. */
function ActionForm({ onSubmit, ...form }: SingleButtonFormProps & { onSubmit: () => void }) {
  return (
    <SingleButtonForm
      {...form}
      className="card installer-action"
      buttonClassName="button-large"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    />
  );
}

function InstallSteps({ order, onDone }: DoorStepProps) {
  const { t, label } = useTranslator();
  const { problem, setProblem, isBusy, send } = useDoorAction(order, onDone);
  const [serial, setSerial] = useState('');
  const [lockType, setLockType] = useState<string>(
    order.doorKind === 'key_safe' ? 'key_safe' : 'cylinder_ring',
  );
  const [key, setKey] = useState('');
  const [storage, setStorage] = useState('');
  if (!order.lock)
    return (
      <ActionForm
        submitLabel={t('installer.enrol')}
        problem={problem}
        isBusy={isBusy}
        onSubmit={() => {
          let publicKey: unknown;
          try {
            publicKey = JSON.parse(key);
          } catch {
            return setProblem(say('installer.publicKeyInvalid'));
          }
          void send<EnrolLockResult>(
            'enrol-lock',
            { serial: serial.trim(), lockType, publicKey },
            (answer) => answer.order,
          );
        }}
      >
        <InputField
          label={t('installer.serial')}
          hint={t('installer.serialHint')}
          autoComplete="off"
          autoCapitalize="characters"
          required
          value={serial}
          onValue={setSerial}
        />
        <SelectField
          label={t('installer.lockType')}
          value={lockType}
          onValue={setLockType}
          options={lockTypes.map((type) => ({ value: type, label: label('lockType', type) }))}
        />
        <TextAreaField
          label={t('installer.publicKey')}
          hint={t('installer.publicKeyHint')}
          rows={4}
          required
          value={key}
          onValue={setKey}
        />
      </ActionForm>
    );
  return (
    <ActionForm
      submitLabel={t('installer.install')}
      problem={problem}
      isBusy={isBusy}
      onSubmit={() => void send('install', storage.trim() ? { originalLockStorage: storage.trim() } : {})}
    >
      <Notice>{t('installer.enrolled', { serial: order.lock.serial })}</Notice>
      {order.doorKind === 'apartment_door' && (
        <InputField
          label={t('installer.storage')}
          hint={t('installer.storageHint')}
          isMarkedRequired
          required
          value={storage}
          onValue={setStorage}
        />
      )}
    </ActionForm>
  );
}

function DismountStep({ order, onDone }: DoorStepProps) {
  const { t } = useTranslator();
  const { problem, isBusy, send } = useDoorAction(order, onDone);
  const [isRestored, setIsRestored] = useState(false);
  return (
    <ActionForm
      submitLabel={t('installer.dismount')}
      problem={problem}
      isBusy={isBusy}
      onSubmit={() => void send('dismount', { originalLockRestored: isRestored })}
    >
      {order.originalLockStorage && (
        <p>
          {t('workOrders.storage')}: {order.originalLockStorage}
        </p>
      )}
      <CheckboxField label={t('installer.restored')} isChecked={isRestored} onChange={setIsRestored} />
    </ActionForm>
  );
}

function MoveStep({ order, onDone }: { order: WorkOrderDetail; onDone: (next: WorkOrderDetail) => void }) {
  const { t } = useTranslator();
  const { problem, isBusy, send } = useDoorAction(order, onDone);
  return (
    <ActionForm
      submitLabel={t('installer.moveLock')}
      problem={problem}
      isBusy={isBusy}
      onSubmit={() => void send('move', {})}
    />
  );
}

/**
 * Hands an install or move back to the lock manager (to requested, with a reason): the step the
 * door names when the consent the order waits for no longer stands (consent_no_longer_given).
 * Planned needs that consent as well, so requested is where the order can wait for it; the lock
 * manager then replans or cancels it (docs/work-orders.md "Consent").
 */
function HandBackStep({ order, onDone }: DoorStepProps) {
  const { t } = useTranslator();
  const action = useDoorAction(order, onDone);
  return (
    <ReasonedStep
      action={action}
      isBusy={action.isBusy}
      labels={{
        submit: t('installer.handBack'),
        reason: t('installer.handBackReason'),
        hint: t('installer.handBackHint'),
      }}
      missing="installer.handBackReasonMissing"
      onReason={(reason) =>
        void action.send('transitions', { to: 'requested', version: order.version, reason })
      }
    />
  );
}

/** A step that needs a reason (failed, handed back): its field, and the reason required. */
function ReasonedStep(props: {
  action: ReturnType<typeof useDoorAction>;
  isBusy: boolean;
  labels: { submit: string; reason: string; hint: string };
  missing: 'installer.handBackReasonMissing' | 'installer.failReasonMissing';
  onReason: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      submitLabel={props.labels.submit}
      problem={props.action.problem}
      isBusy={props.isBusy}
      onSubmit={() => {
        if (!reason.trim()) return props.action.setProblem(say(props.missing));
        props.onReason(reason.trim());
      }}
    >
      <TextAreaField
        label={props.labels.reason}
        hint={props.labels.hint}
        rows={3}
        maxLength={500}
        isMarkedRequired
        value={reason}
        onValue={setReason}
      />
    </ActionForm>
  );
}

/**
 * The steps of an order no action at the door finishes: start it, then done, or failed with a
 * reason (core's transitions; the server records a battery order's change when it is done).
 */
function TransitionSteps({ order, onDone }: DoorStepProps) {
  const { t } = useTranslator();
  const finishing = useDoorAction(order, onDone);
  const failing = useDoorAction(order, onDone);
  // The version read: a change made meanwhile (replanned, moved back) is refused, not overwritten.
  const move = (action: ReturnType<typeof useDoorAction>, to: string, why?: string) =>
    void action.send('transitions', { to, version: order.version, ...(why ? { reason: why } : {}) });
  if (order.state === 'planned')
    return (
      <ActionForm
        submitLabel={t('installer.start')}
        problem={finishing.problem}
        isBusy={finishing.isBusy}
        onSubmit={() => move(finishing, 'in_progress')}
      >
        <p>{t('installer.startHint')}</p>
      </ActionForm>
    );
  return (
    <>
      <ActionForm
        submitLabel={t(order.kind === 'battery' ? 'installer.batteryChanged' : 'installer.finish')}
        problem={finishing.problem}
        isBusy={finishing.isBusy || failing.isBusy}
        onSubmit={() => move(finishing, 'done')}
      >
        {order.kind === 'battery' && order.lock && <p>{t('installer.batteryHint')}</p>}
      </ActionForm>
      <ReasonedStep
        action={failing}
        isBusy={failing.isBusy || finishing.isBusy}
        labels={{
          submit: t('installer.fail'),
          reason: t('installer.failReason'),
          hint: t('installer.failReasonHint'),
        }}
        missing="installer.failReasonMissing"
        onReason={(reason) => move(failing, 'failed', reason)}
      />
    </>
  );
}

/** The order's history as a short list: a table does not fit a phone. */
function InstallerHistory({ order }: { order: WorkOrderDetail }) {
  const translator = useTranslator();
  const { t, label, formatDateTime } = translator;
  return (
    <section className="card">
      <h2>{t('workOrders.history')}</h2>
      <ol className="installer-history">
        {order.transitions.map((step, index) => {
          const reason = sayTransitionReason(step, translator);
          return (
            <li key={index}>
              {formatDateTime(step.at)}: {label('workOrderState', step.toState)} (
              {step.actorName ?? step.actor}){reason ? ` – ${reason}` : ''}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function InstallerOrderPage({ id }: { id: string }) {
  const { t, label, language } = useTranslator();
  const loaded = useResource<WorkOrderDetail>(`/work-orders/${id}`);
  const [order, setOrder] = useState<WorkOrderDetail | undefined>();
  useEffect(() => setOrder(loaded.data), [loaded.data]);
  if (loaded.error)
    return <DetailError error={loaded.error} title={t('installer.title')} onRetry={loaded.reload} />;
  if (!order) return <LoadingState />;
  const isOpen = order.state === 'planned' || order.state === 'in_progress';
  const facts: Array<[string, string]> = [
    [
      t('workOrders.address'),
      `${order.streetAddress}${order.postalCode ? `, ${order.postalCode}` : ''}${order.city ? ` ${order.city}` : ''}`,
    ],
    [t('workOrders.door'), `${order.doorLabel} (${label('doorKind', order.doorKind)})`],
    [
      t('workOrders.booked'),
      formatBooking(language, order.bookedFrom, order.bookedUntil, t('workOrders.unbooked')),
    ],
    [t('workOrders.state'), label('workOrderState', order.state)],
  ];
  if (order.targetDoor)
    facts.push([t('workOrders.targetDoor'), `${order.targetDoor.streetAddress}, ${order.targetDoor.label}`]);
  if (order.followsUpEmergencies.length > 0) facts.push(sayFollowsUp(order, t));
  if (order.needsCustomerBooking) facts.push(sayNeedsCustomerBooking(t));
  if (order.notes) facts.push([t('workOrders.notes'), order.notes]);
  if (order.lock) facts.push([t('workOrders.lock'), order.lock.serial]);
  if (order.originalLockStorage) facts.push([t('workOrders.storage'), order.originalLockStorage]);
  return (
    <Page title={`${label('workOrderKind', order.kind)} · ${order.reference}`} backTo="/installer">
      <section className="card installer-facts">
        <FactList facts={facts} />
      </section>
      {order.state === 'done' && (
        // The server records the change only on an order that names its lock.
        <Notice>
          {t(order.kind === 'battery' && order.lock ? 'installer.batteryDone' : 'installer.done')}
        </Notice>
      )}
      {order.state === 'failed' && <Notice>{t('installer.failed')}</Notice>}
      {order.state === 'requested' && order.transitions.at(-1)?.fromState && (
        // Back from planned or under way (handed back, or the owner's consent withdrawn).
        <Notice>{t('installer.handedBack')}</Notice>
      )}
      {isOpen && (
        <>
          <h2>{t('installer.atDoor')}</h2>
          {order.kind === 'install' && <InstallSteps order={order} onDone={setOrder} />}
          {order.kind === 'dismount' && <DismountStep order={order} onDone={setOrder} />}
          {order.kind === 'move' && <MoveStep order={order} onDone={setOrder} />}
          {order.awaits !== 'nothing' && <HandBackStep order={order} onDone={setOrder} />}
          {!isFinishedAtTheDoor(order.kind) && <TransitionSteps order={order} onDone={setOrder} />}
        </>
      )}
      <InstallerHistory order={order} />
    </Page>
  );
}
