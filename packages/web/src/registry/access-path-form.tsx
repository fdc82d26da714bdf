// "Ändra vägen in": which doors of the customer's building staff pass to reach the home, chosen
// among the building's doors (its apartment doors other than the customer's own left out). The
// doors are sent in walking order: key safes and tubes first, then entrances, shared rooms, and the
// apartment door last; the server checks each door against the home (docs/permissions.md).
import { doorKinds, type DoorKind } from '@portvakt/core';
import type { DoorRow } from '@portvakt/contract';
import { useState } from 'react';
import { useSession } from '../accounts';
import { listAll, putApi } from '../shared/api-client';
import { SendingFormDialog } from '../shared/confirm-dialog';
import { DialogButton } from '../shared/dialog-button';
import { CheckboxField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { Notice } from '../shared/states';
import { useLoader } from '../shared/use-api';
import { useFormSubmit } from '../shared/use-form-submit';
import type { CustomerRow } from './customers.page';

/** Where a door of a kind comes on the way in: what is outside the building first. */
const walkingOrder: readonly DoorKind[] = [
  'key_safe',
  'key_tube',
  'entrance',
  ...doorKinds.filter((kind) => !['key_safe', 'key_tube', 'entrance', 'apartment_door'].includes(kind)),
  'apartment_door',
];

/** The doors in walking order, then by label. */
export function sortByWalkingOrder<Door extends { kind: DoorKind; label: string }>(doors: readonly Door[]) {
  return [...doors].sort(
    (a, b) =>
      walkingOrder.indexOf(a.kind) - walkingOrder.indexOf(b.kind) || a.label.localeCompare(b.label, 'sv'),
  );
}

function AccessPathDialog({
  customer,
  chosenIds,
  onClose,
  onSaved,
}: {
  customer: CustomerRow;
  chosenIds: readonly string[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, label } = useTranslator();
  const propertyId = customer.residencePropertyId;
  const doors = useLoader(propertyId && `access-path-doors:${propertyId}`, (signal) =>
    listAll<DoorRow>('/doors', { propertyId: propertyId!, sort: 'label' }, signal),
  );
  const offered = sortByWalkingOrder(
    (doors.data?.items ?? []).filter(
      (door) => door.kind !== 'apartment_door' || door.id === customer.apartmentDoorId,
    ),
  );
  const [chosen, setChosen] = useState(() => new Set(chosenIds));
  const sending = useFormSubmit(async () => {
    const doorIds = offered.filter((door) => chosen.has(door.id)).map((door) => door.id);
    await putApi(`/customers/${encodeURIComponent(customer.id)}/access-path`, { doorIds });
    onSaved();
    onClose();
  });
  return (
    <SendingFormDialog
      isOpen
      title={t('customers.accessPathEdit')}
      confirmLabel={t('registry.save')}
      sending={sending}
      bodyClassName="dialog-body form"
      formName="edit-access-path"
      onClose={onClose}
    >
      <p className="muted">{t('customers.accessPathEditIntro')}</p>
      {!propertyId && <Notice>{t('customers.accessPathNoHome')}</Notice>}
      {offered.map((door) => (
        <CheckboxField
          key={door.id}
          label={`${door.label} (${label('doorKind', door.kind)})`}
          isChecked={chosen.has(door.id)}
          onChange={(isChecked) => {
            const next = new Set(chosen);
            if (isChecked) next.add(door.id);
            else next.delete(door.id);
            setChosen(next);
          }}
        />
      ))}
    </SendingFormDialog>
  );
}

export function EditAccessPathButton({
  customer,
  chosenIds,
  onSaved,
}: {
  customer: CustomerRow;
  chosenIds: readonly string[];
  onSaved: () => void;
}) {
  const { t } = useTranslator();
  if (!useSession().can('access_path', 'update')) return null;
  return (
    <DialogButton label={t('customers.accessPathEdit')}>
      {({ isOpen, close }) =>
        isOpen && (
          <AccessPathDialog customer={customer} chosenIds={chosenIds} onClose={close} onSaved={onSaved} />
        )
      }
    </DialogButton>
  );
}
