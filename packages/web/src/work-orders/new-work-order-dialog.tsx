// "Ny arbetsorder": a planner orders work on a door by hand (origin manual, docs/work-orders.md):
// from the planning board, choosing the door, or from a lock's page, for that lock's door. The
// new order opens on its own page, where it is assigned and booked.
import type { NewWorkOrderBody, WorkOrderDetail } from '@portvakt/contract';
import { workOrderKinds, type WorkOrderKind } from '@portvakt/core';
import { useState } from 'react';
import { useSession } from '../accounts';
import { ApiRequestError, postApi } from '../shared/api-client';
import { SendingFormDialog } from '../shared/confirm-dialog';
import { DialogButton } from '../shared/dialog-button';
import { ChoiceField, InputField, TextAreaField } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { navigate } from '../shared/router';
import { useFormSubmit } from '../shared/use-form-submit';
import { DoorPicker, noDoorChosen, type DoorChoice } from './door-picker';

/** A door already known (a lock's page): its id, the words that name it, and the lock on it. */
export interface KnownDoor {
  doorId: string;
  text: string;
  lockDeviceId?: string;
}

/** The two doors an order may name: its legend, and the problem said when it is not chosen. */
const doorFields = {
  doorId: { legend: 'workOrders.orderDoor', missing: 'workOrders.doorMissing' },
  targetDoorId: { legend: 'workOrders.targetDoor', missing: 'workOrders.targetDoorMissing' },
} as const;

/** An installed lock's door needs no new install; every other kind applies to it. */
const kindsForLockedDoor = workOrderKinds.filter((kind) => kind !== 'install');

export function NewWorkOrderButton({ door }: { door?: KnownDoor }) {
  const { t } = useTranslator();
  const session = useSession();
  if (!session.can('work_order', 'create')) return null;
  return (
    <DialogButton label={t('workOrders.new')} className="button button-primary">
      {({ isOpen, close }) => isOpen && <NewWorkOrderDialog door={door} onClose={close} />}
    </DialogButton>
  );
}

function NewWorkOrderDialog({ door, onClose }: { door: KnownDoor | undefined; onClose: () => void }) {
  const { t, label } = useTranslator();
  const kinds = door?.lockDeviceId ? kindsForLockedDoor : workOrderKinds;
  const [kind, setKind] = useState<WorkOrderKind>(door?.lockDeviceId ? 'repair' : 'install');
  const [chosenDoor, setChosenDoor] = useState<DoorChoice>(noDoorChosen);
  const [target, setTarget] = useState<DoorChoice>(noDoorChosen);
  const [minutes, setMinutes] = useState('');
  const [notes, setNotes] = useState('');
  const doorId = door?.doorId ?? chosenDoor.doorId;
  const sending = useFormSubmit(async () => {
    if (!doorId) return say('workOrders.doorMissing');
    if (kind === 'move' && !target.doorId) return say('workOrders.targetDoorMissing');
    const body: NewWorkOrderBody = {
      kind,
      doorId,
      ...(kind === 'move' ? { targetDoorId: target.doorId } : {}),
      ...(door?.lockDeviceId ? { lockDeviceId: door.lockDeviceId } : {}),
      ...(minutes.trim() ? { plannedMinutes: Number(minutes) } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    };
    let made: WorkOrderDetail;
    try {
      made = await postApi<WorkOrderDetail>('/work-orders', body);
    } catch (error) {
      // The generic "already exists" would not say what: an open order of this kind on the door,
      // or an open move that brings a lock to it (the server names that move).
      if (error instanceof ApiRequestError && error.code === 'already_exists') {
        const openMove = (error.details as { openMove?: { reference: string } } | undefined)?.openMove;
        return (translator) =>
          openMove
            ? translator.t('workOrders.moveTargetOpen', { reference: openMove.reference })
            : translator.t('workOrders.alreadyOpen', {
                kind: translator.label('workOrderKind', kind).toLowerCase(),
              });
      }
      throw error;
    }
    onClose();
    navigate(`/work-orders/${made.id}`);
  });
  // The order's door or a move's target, marked while its problem is shown; a new choice clears the
  // problem, since one said of the earlier choice (no door, an open order on it) no longer holds.
  const pickDoor = (name: keyof typeof doorFields, value: DoorChoice, set: (choice: DoorChoice) => void) => (
    <DoorPicker
      legend={t(doorFields[name].legend)}
      name={name}
      value={value}
      isInvalid={sending.problem === t(doorFields[name].missing)}
      onChange={(choice) => {
        set(choice);
        sending.setProblem(undefined);
      }}
    />
  );
  return (
    <SendingFormDialog
      isOpen
      title={t('workOrders.new')}
      confirmLabel={t('workOrders.create')}
      sending={sending}
      formName="new-work-order"
      bodyClassName="dialog-body form"
      onClose={onClose}
    >
      {door ? (
        <p>
          {t('workOrders.door')}: <strong>{door.text}</strong>
        </p>
      ) : (
        pickDoor('doorId', chosenDoor, setChosenDoor)
      )}
      <ChoiceField
        label={t('workOrders.kind')}
        name="kind"
        value={kind}
        values={kinds}
        nameOf={(value) => label('workOrderKind', value)}
        onChoose={setKind}
      />
      {kind === 'install' && <p className="hint">{t('workOrders.installHint')}</p>}
      {kind === 'move' && pickDoor('targetDoorId', target, setTarget)}
      <InputField
        label={t('workOrders.plannedMinutes')}
        name="plannedMinutes"
        type="number"
        inputMode="numeric"
        min={1}
        max={1440}
        value={minutes}
        onValue={setMinutes}
      />
      <TextAreaField
        label={t('workOrders.notes')}
        hint={t('workOrders.notesHint')}
        name="notes"
        rows={3}
        maxLength={2000}
        value={notes}
        onValue={setNotes}
      />
    </SendingFormDialog>
  );
}
