// "Ny medarbetare" and "Ändra uppgifter" for a staff member, and "Nytt team" and a team's change.
// Ending an employment is a change of its last day: the staff member's keys are blocked once that
// day is over (docs/permissions.md).
import { staffOccupations } from '@portvakt/core';
import { useSession } from '../accounts';
import { useTranslator } from '../shared/i18n';
import { navigate } from '../shared/router';
import { RegistryFormButton, type FormFieldSpec } from '../shared/registry-form';
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
  const session = useSession();
  if (!session.can('staff_member', 'create')) return null;
  return (
    <RegistryFormButton<StaffRow>
      resource="staff_member"
      isPrimary
      buttonLabel={t('staff.create')}
      title={t('staff.create')}
      confirmLabel={t('registry.register')}
      names={staffFields}
      useFields={useNewStaffFields}
      onSaved={(saved) => navigate(`/staff/${saved.id}`)}
    />
  );
}

export function EditStaffButton({ row, onSaved }: { row: StaffRow; onSaved: () => void }) {
  const { t } = useTranslator();
  const session = useSession();
  if (!session.can('staff_member', 'update')) return null;
  return (
    <RegistryFormButton<StaffRow>
      resource="staff_member"
      buttonLabel={t('registry.edit')}
      title={t('registry.editTitle', { name: `${row.givenName} ${row.familyName}` })}
      confirmLabel={t('registry.save')}
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
  const session = useSession();
  if (!session.can('team', 'create')) return null;
  return (
    <RegistryFormButton<TeamRow>
      resource="team"
      isPrimary
      buttonLabel={t('teams.create')}
      title={t('teams.create')}
      confirmLabel={t('registry.register')}
      names={teamFields}
      useFields={useTeamFields}
      onSaved={(saved) => navigate(`/teams/${saved.id}`)}
    />
  );
}

export function EditTeamButton({ row, onSaved }: { row: TeamRow; onSaved: () => void }) {
  const { t } = useTranslator();
  const session = useSession();
  if (!session.can('team', 'update')) return null;
  return (
    <RegistryFormButton<TeamRow>
      resource="team"
      buttonLabel={t('registry.edit')}
      title={t('registry.editTitle', { name: row.name })}
      confirmLabel={t('registry.save')}
      row={row}
      names={teamFields}
      useFields={useTeamFields}
      onSaved={onSaved}
    />
  );
}
