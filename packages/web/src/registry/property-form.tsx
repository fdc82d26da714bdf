// "Ny fastighet", a property's change, and its doors ("Ny dörr", a door's change). A property's
// district follows its residents (the server moves them with it); a door's kind and building are
// fixed once made, since locks, ways in and what a property owner sees hang on them.
import { doorKinds, openingMethods } from '@portvakt/core';
import type { DoorRow, PropertyRow } from '@portvakt/contract';
import { useTranslator } from '../shared/i18n';
import { RegistryButton } from './registry-button';
import { navigate } from '../shared/router';
import { useReferenceChoices, type FormFieldSpec } from '../shared/registry-form';
import { useDistrictChoices } from './reference-choices';

const propertyFields = [
  'designation',
  'streetAddress',
  'postalCode',
  'city',
  'districtId',
  'ownerId',
  'latitude',
  'longitude',
] as const;

function usePropertyFields(): readonly FormFieldSpec[] {
  const { t } = useTranslator();
  const districts = useDistrictChoices();
  const owners = useReferenceChoices<{ id: string; name: string }>('property-owners', (row) => row.name);
  return [
    { name: 'designation', label: t('properties.designation'), hint: t('properties.designationHint') },
    { name: 'streetAddress', label: t('customers.address') },
    { name: 'postalCode', label: t('properties.postalCode') },
    { name: 'city', label: t('properties.city') },
    { name: 'districtId', label: t('common.district'), ...districts },
    { name: 'ownerId', label: t('properties.owner'), choices: owners.choices, isLoading: owners.isLoading },
    { name: 'latitude', label: t('properties.latitude'), hint: t('properties.coordinatesHint') },
    { name: 'longitude', label: t('properties.longitude') },
  ];
}

function useDoorFields(): readonly FormFieldSpec[] {
  const { t, label } = useTranslator();
  return [
    {
      name: 'kind',
      label: t('customers.doorKind'),
      choices: doorKinds.map((value) => ({ value, label: label('doorKind', value) })),
    },
    { name: 'label', label: t('properties.doorLabel'), hint: t('properties.doorLabelHint') },
    { name: 'floor', label: t('properties.floor') },
    {
      name: 'openingMethod',
      label: t('properties.openingMethod'),
      choices: openingMethods.map((value) => ({ value, label: label('openingMethod', value) })),
    },
    { name: 'doorCodeHours', label: t('properties.doorCodeHours') },
    { name: 'notes', label: t('properties.notes'), isLong: true },
  ];
}

const doorFields = ['kind', 'label', 'floor', 'openingMethod', 'doorCodeHours', 'notes'] as const;

export function CreatePropertyButton() {
  const { t } = useTranslator();
  return (
    <RegistryButton<PropertyRow>
      resource="property"
      isPrimary
      buttonLabel={t('properties.create')}
      names={propertyFields}
      useFields={usePropertyFields}
      onSaved={(saved) => navigate(`/properties/${saved.id}`)}
    />
  );
}

export function EditPropertyButton({ row, onSaved }: { row: PropertyRow; onSaved: () => void }) {
  const { t } = useTranslator();
  return (
    <RegistryButton<PropertyRow>
      resource="property"
      title={t('registry.editTitle', { name: row.designation })}
      row={row}
      names={propertyFields}
      useFields={usePropertyFields}
      onSaved={onSaved}
    />
  );
}

export function CreateDoorButton({ propertyId, onSaved }: { propertyId: string; onSaved: () => void }) {
  const { t } = useTranslator();
  return (
    <RegistryButton<DoorRow>
      resource="door"
      buttonLabel={t('properties.createDoor')}
      fixed={{ propertyId }}
      names={doorFields}
      useFields={useDoorFields}
      onSaved={onSaved}
    />
  );
}

export function EditDoorButton({ row, onSaved }: { row: DoorRow; onSaved: () => void }) {
  const { t } = useTranslator();
  return (
    <RegistryButton<DoorRow>
      resource="door"
      buttonLabel={t('registry.editShort')}
      title={t('registry.editTitle', { name: row.label })}
      row={row}
      names={doorFields}
      useFields={useDoorFields}
      onSaved={onSaved}
    />
  );
}
