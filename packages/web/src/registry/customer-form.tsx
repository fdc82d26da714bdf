// "Ny kund" and "Ändra uppgifter" for a customer, and a customer's services (add one, end one).
// A change of home (another building or apartment) is a move: the server moves the way in with the
// home and says so in the customer's history.
import type { PropertyRow } from '@portvakt/contract';
import { serviceKinds } from '@portvakt/core';
import type { CustomerServiceRow } from '../access';
import { localToday } from '../shared/dates';
import { useTranslator } from '../shared/i18n';
import { RegistryButton } from './registry-button';
import { defineRegistryButtons } from '../shared/registry-buttons';
import { useReferenceChoices, type FormFieldSpec, type RegistryDraft } from '../shared/registry-form';
import type { CustomerRow } from './customers.page';
import { useDistrictChoices, useProviderChoices } from './reference-choices';

interface DoorRow {
  id: string;
  label: string;
}

const customerFields = [
  'givenName',
  'familyName',
  'identityNumber',
  'districtId',
  'residencePropertyId',
  'apartment',
  'apartmentDoorId',
  'hasRefusedLock',
  'refusedLockNote',
  'visitWindowMode',
] as const;

function useCustomerFields(draft: RegistryDraft, isEdit: boolean): readonly FormFieldSpec[] {
  const { t } = useTranslator();
  const districts = useDistrictChoices();
  const properties = useReferenceChoices<PropertyRow>(
    'properties',
    (row) => row.streetAddress,
    {},
    (row) => [row.designation, row.city].filter(Boolean).join(', '),
  );
  const propertyId = typeof draft.residencePropertyId === 'string' ? draft.residencePropertyId : '';
  const doors = useReferenceChoices<DoorRow>(propertyId ? 'doors' : null, (row) => row.label, {
    propertyId,
    kind: 'apartment_door',
  });
  return [
    { name: 'givenName', label: t('customers.givenName') },
    { name: 'familyName', label: t('customers.familyName') },
    {
      name: 'identityNumber',
      label: t('customers.identityNumber'),
      hint: isEdit ? t('registry.identityNumberKeptHint') : t('registry.identityNumberHint'),
    },
    { name: 'districtId', label: t('common.district'), ...districts },
    {
      name: 'residencePropertyId',
      label: t('customers.residence'),
      hint: isEdit ? t('customers.moveHint') : undefined,
      options: properties.options,
      isLoading: properties.isLoading,
      // A home lies in one district, and the customer's must be it (`district_not_of_home`).
      fills: (id) => ({ districtId: properties.rows.find((row) => row.id === id)?.districtId ?? '' }),
    },
    { name: 'apartment', label: t('customers.apartment') },
    {
      name: 'apartmentDoorId',
      label: t('customers.apartmentDoor'),
      hint: propertyId ? undefined : t('customers.apartmentDoorHint'),
      choices: doors.choices,
      isLoading: doors.isLoading,
    },
    { name: 'hasRefusedLock', label: t('customers.refusedLock') },
    { name: 'refusedLockNote', label: t('customers.refusedLockNote'), isLong: true },
    {
      name: 'visitWindowMode',
      label: t('customers.visitWindowMode'),
      blank: t('customers.visitWindowModeDefault'),
      choices: [
        { value: 'true', label: t('common.yes') },
        { value: 'false', label: t('common.no') },
      ],
    },
  ];
}

export const { CreateButton: CreateCustomerButton, EditButton: EditCustomerButton } =
  defineRegistryButtons<CustomerRow>({
    resource: 'customer',
    names: customerFields,
    useFields: useCustomerFields,
    createLabel: 'customers.create',
    listPath: '/customers',
    nameOf: (row) => `${row.givenName} ${row.familyName}`,
  });

function useServiceFields(): readonly FormFieldSpec[] {
  const { t, label } = useTranslator();
  const providers = useProviderChoices();
  return [
    {
      name: 'service',
      label: t('customers.service'),
      choices: serviceKinds.map((value) => ({ value, label: label('serviceKind', value) })),
    },
    { name: 'providerId', label: t('common.provider'), ...providers },
    { name: 'startsOn', label: t('customers.startsOn') },
    { name: 'endsOn', label: t('customers.endsOn'), hint: t('customers.endsOnHint') },
  ];
}

const serviceButtons = defineRegistryButtons<CustomerServiceRow>({
  resource: 'customer_service',
  names: ['service', 'providerId', 'startsOn', 'endsOn'],
  useFields: useServiceFields,
  createLabel: 'customers.addService',
});

export function AddServiceButton({ customerId, onSaved }: { customerId: string; onSaved: () => void }) {
  // A service mostly begins the day it is decided; an earlier first day is still the person's to give.
  return (
    <serviceButtons.CreateButton
      fixed={{ customerId }}
      suggested={{ startsOn: localToday() }}
      onSaved={onSaved}
    />
  );
}

function useServiceEndFields(): readonly FormFieldSpec[] {
  const { t } = useTranslator();
  return [{ name: 'endsOn', label: t('customers.endsOn'), hint: t('customers.endsOnHint') }];
}

export function EndServiceButton({ service, onSaved }: { service: CustomerServiceRow; onSaved: () => void }) {
  const { t, label } = useTranslator();
  return (
    <RegistryButton<CustomerServiceRow>
      resource="customer_service"
      buttonLabel={service.endsOn ? t('customers.changeEnd') : t('customers.endService')}
      title={t('customers.endServiceTitle', { service: label('serviceKind', service.service) })}
      row={service}
      names={['endsOn']}
      useFields={useServiceEndFields}
      onSaved={onSaved}
    />
  );
}
