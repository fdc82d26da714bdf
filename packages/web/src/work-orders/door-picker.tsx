// Choosing the door an order is for: the property found by typing its designation or street
// address (a municipality has thousands: a select would not do), then one of its doors. The lists
// are what the reader may read (their scope), so a door outside it cannot be offered.
import type { DoorRow, PropertyRow } from '@portvakt/contract';
import { useId, useMemo } from 'react';
import { listAll } from '../shared/api-client';
import { SelectField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { SearchPicker, type PickerOption } from '../shared/search-picker';
import { ErrorState } from '../shared/states';
import { useLoader } from '../shared/use-api';

/** The chosen property and door; '' while none is chosen. */
export interface DoorChoice {
  propertyId: string;
  doorId: string;
}

export const noDoorChosen: DoorChoice = { propertyId: '', doorId: '' };

export function DoorPicker({
  legend,
  name,
  value,
  isInvalid,
  onChange,
}: {
  legend: string;
  /** The request field the door is sent as, so that a refusal of it names this picker. */
  name: string;
  value: DoorChoice;
  isInvalid?: boolean;
  onChange: (choice: DoorChoice) => void;
}) {
  const { t, label } = useTranslator();
  const legendId = useId();
  const properties = useLoader('door-picker:properties', (signal) =>
    listAll<PropertyRow>('/properties', { sort: 'designation' }, signal),
  );
  const doors = useLoader(value.propertyId ? `door-picker:doors:${value.propertyId}` : null, (signal) =>
    listAll<DoorRow>('/doors', { propertyId: value.propertyId, sort: 'label' }, signal),
  );
  const propertyOptions = useMemo(
    () =>
      (properties.data?.items ?? []).map((row): PickerOption => ({
        value: row.id,
        label: row.streetAddress,
        hint: [row.designation, row.city].filter(Boolean).join(', '),
      })),
    [properties.data],
  );
  const doorOptions = (doors.data?.items ?? []).map((door) => ({
    value: door.id,
    label: `${door.label} (${label('doorKind', door.kind)}${door.floor != null ? `, ${t('workOrders.floor', { floor: door.floor })}` : ''})`,
  }));
  return (
    <fieldset className="field door-picker" aria-labelledby={legendId}>
      <legend id={legendId}>{legend}</legend>
      {properties.error && <ErrorState error={properties.error} onRetry={properties.reload} />}
      <SearchPicker
        label={t('workOrders.property')}
        value={value.propertyId}
        options={propertyOptions}
        isLoading={properties.isLoading}
        isInvalid={isInvalid && !value.propertyId}
        placeholder={t('workOrders.propertySearch')}
        onValue={(propertyId) => onChange({ propertyId, doorId: '' })}
      />
      {value.propertyId && (
        <SelectField
          label={t('workOrders.door')}
          name={name}
          value={value.doorId}
          blank={doors.isLoading ? t('common.loading') : t('workOrders.chooseDoor')}
          options={doorOptions}
          aria-invalid={isInvalid && !value.doorId}
          onValue={(doorId) => onChange({ ...value, doorId })}
        />
      )}
      {doors.error && <ErrorState error={doors.error} onRetry={doors.reload} />}
      {doors.data && doors.data.items.length === 0 && <p className="muted">{t('workOrders.noDoors')}</p>}
    </fieldset>
  );
}
