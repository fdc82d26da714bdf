// "Ny medarbetare" and "Ändra uppgifter" for a staff member, and "Nytt team" and a team's change.
// Ending an employment is a change of its last day: the staff member's keys are blocked once that
// day is over (docs/permissions.md).
import { staffOccupations } from '@portvakt/core';
import { useTranslator } from '../shared/i18n';
import { defineRegistryButtons } from '../shared/registry-buttons';
import type { FormFieldSpec, RegistryDraft } from '../shared/registry-form';
import { useDistrictChoices, useProviderChoices } from './reference-choices';
import type { StaffRow } from './staff.page';
import type { TeamRow } from './teams.page';

const staffFields = [
  'providerId',
  'givenName',
  'familyName',
  'identityNumber',
  'employeeNumber',
  'occupation',
  'employmentStartsOn',
  'employmentEndsOn',
] as const;

function useStaffFields(_draft: RegistryDraft, isEdit: boolean): readonly FormFieldSpec[] {
  const { t, label } = useTranslator();
  const providers = useProviderChoices();
  return [
    { name: 'providerId', label: t('common.provider'), ...providers },
    { name: 'givenName', label: t('customers.givenName') },
    { name: 'familyName', label: t('customers.familyName') },
    {
      name: 'identityNumber',
      label: t('customers.identityNumber'),
      hint: isEdit ? t('registry.identityNumberKeptHint') : t('registry.identityNumberHint'),
    },
    { name: 'employeeNumber', label: t('staff.employeeNumber') },
    {
      name: 'occupation',
      label: t('staff.occupation'),
      choices: staffOccupations.map((value) => ({ value, label: label('staffOccupation', value) })),
    },
    { name: 'employmentStartsOn', label: t('staff.employmentStartsOn') },
    { name: 'employmentEndsOn', label: t('staff.employmentEndsOn'), hint: t('staff.employmentEndsOnHint') },
  ];
}

export const { CreateButton: CreateStaffButton, EditButton: EditStaffButton } =
  defineRegistryButtons<StaffRow>({
    resource: 'staff_member',
    names: staffFields,
    useFields: useStaffFields,
    createLabel: 'staff.create',
    listPath: '/staff',
    nameOf: (row) => `${row.givenName} ${row.familyName}`,
  });

const teamFields = ['providerId', 'name', 'districtId', 'area'] as const;

function useTeamFields(): readonly FormFieldSpec[] {
  const { t } = useTranslator();
  const providers = useProviderChoices();
  const districts = useDistrictChoices();
  return [
    { name: 'providerId', label: t('common.provider'), ...providers },
    { name: 'name', label: t('common.name') },
    { name: 'districtId', label: t('common.district'), ...districts },
    { name: 'area', label: t('teams.area') },
  ];
}

export const { CreateButton: CreateTeamButton, EditButton: EditTeamButton } = defineRegistryButtons<TeamRow>({
  resource: 'team',
  names: teamFields,
  useFields: useTeamFields,
  createLabel: 'teams.create',
  listPath: '/teams',
  nameOf: (row) => row.name,
});
