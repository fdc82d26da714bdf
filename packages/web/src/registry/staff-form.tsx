// "Ny medarbetare" and "Ändra uppgifter" for a staff member, and "Nytt team" and a team's change.
// Ending an employment is a change of its last day: the staff member's keys are blocked once that
// day is over (docs/permissions.md).
import { staffOccupations } from '@portvakt/core';
import { useTranslator } from '../shared/i18n';
import { RegistryButton } from './registry-button';
import { navigate } from '../shared/router';
import { type FormFieldSpec } from '../shared/registry-form';
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

function useStaffFields(isEdit: boolean): readonly FormFieldSpec[] {
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

const useNewStaffFields = () => useStaffFields(false);
const useChangedStaffFields = () => useStaffFields(true);

export function CreateStaffButton() {
  const { t } = useTranslator();
  return (
    <RegistryButton<StaffRow>
      resource="staff_member"
      isPrimary
      buttonLabel={t('staff.create')}
      names={staffFields}
      useFields={useNewStaffFields}
      onSaved={(saved) => navigate(`/staff/${saved.id}`)}
    />
  );
}

export function EditStaffButton({ row, onSaved }: { row: StaffRow; onSaved: () => void }) {
  const { t } = useTranslator();
  return (
    <RegistryButton<StaffRow>
      resource="staff_member"
      title={t('registry.editTitle', { name: `${row.givenName} ${row.familyName}` })}
      row={row}
      names={staffFields}
      useFields={useChangedStaffFields}
      onSaved={onSaved}
    />
  );
}

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

export function CreateTeamButton() {
  const { t } = useTranslator();
  return (
    <RegistryButton<TeamRow>
      resource="team"
      isPrimary
      buttonLabel={t('teams.create')}
      names={teamFields}
      useFields={useTeamFields}
      onSaved={(saved) => navigate(`/teams/${saved.id}`)}
    />
  );
}

export function EditTeamButton({ row, onSaved }: { row: TeamRow; onSaved: () => void }) {
  const { t } = useTranslator();
  return (
    <RegistryButton<TeamRow>
      resource="team"
      title={t('registry.editTitle', { name: row.name })}
      row={row}
      names={teamFields}
      useFields={useTeamFields}
      onSaved={onSaved}
    />
  );
}
