// "Ny fastighet", a property's change, and its doors ("Ny dörr", a door's change). A property's
// district follows its residents (the server moves them with it); a door's kind and building are
// fixed once made, since locks, ways in and what a property owner sees hang on them.
import { doorKinds, openingMethods } from '@portvakt/core';
import type { DoorRow, PropertyRow } from '@portvakt/contract';
import { sayAsChoice } from '../shared/choice-label';
import { useTranslator } from '../shared/i18n';
import { defineRegistryButtons } from '../shared/registry-buttons';
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
      choices: openingMethods.map((value) => ({ value, label: sayAsChoice(label('openingMethod', value)) })),
    },
    { name: 'doorCodeHours', label: t('properties.doorCodeHours') },
    { name: 'notes', label: t('properties.notes'), isLong: true },
  ];
}

const doorFields = ['kind', 'label', 'floor', 'openingMethod', 'doorCodeHours', 'notes'] as const;

export const { CreateButton: CreatePropertyButton, EditButton: EditPropertyButton } =
  defineRegistryButtons<PropertyRow>({
    resource: 'property',
    names: propertyFields,
    useFields: usePropertyFields,
    createLabel: 'properties.create',
    listPath: '/properties',
    nameOf: (row) => row.designation,
  });

const doorButtons = defineRegistryButtons<DoorRow>({
  resource: 'door',
  names: doorFields,
  useFields: useDoorFields,
  createLabel: 'properties.createDoor',
  nameOf: (row) => row.label,
  editLabel: 'registry.editShort',
});

export function CreateDoorButton({ propertyId, onSaved }: { propertyId: string; onSaved: () => void }) {
  return <doorButtons.CreateButton fixed={{ propertyId }} onSaved={onSaved} />;
}

export const EditDoorButton = doorButtons.EditButton;
