// One staff picker for every form that chooses a person: a team's new member and a customer's
// temporary grant. It lists the staff of the given providers who are still employed.
import { listAll } from '../shared/api-client';
import { SelectField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { ErrorState } from '../shared/states';
import { useLoader } from '../shared/use-api';
import type { StaffRow } from './staff.page';

export function StaffPicker({
  id,
  label,
  providerIds,
  value,
  isInvalid,
  onChange,
}: {
  id: string;
  label: string;
  providerIds: readonly string[];
  value: string;
  isInvalid?: boolean;
  /** The chosen staff member's id, and their row ('' and undefined when the choice is cleared). */
  onChange: (staffMemberId: string, row: StaffRow | undefined) => void;
}) {
  const { t } = useTranslator();
  const staff = useLoader(
    providerIds.length > 0 ? `staff-picker:${providerIds.join(',')}` : null,
    async (signal) => {
      const lists = await Promise.all(
        providerIds.map((providerId) =>
          listAll<StaffRow>('/staff', { providerId, sort: 'familyName' }, signal),
        ),
      );
      return lists.flatMap((list) => list.items);
    },
  );
  const today = new Date().toISOString().slice(0, 10);
  const candidates = (staff.data ?? []).filter(
    (row) => !row.employmentEndsOn || row.employmentEndsOn >= today,
  );
  return (
    <>
      {staff.error && <ErrorState error={staff.error} onRetry={staff.reload} />}
      <SelectField
        id={id}
        label={label}
        value={value}
        aria-invalid={isInvalid}
        onChange={(event) =>
          onChange(
            event.target.value,
            candidates.find((row) => row.id === event.target.value),
          )
        }
        required
        blank={staff.isLoading ? t('common.loading') : t('teams.chooseStaff')}
        options={candidates.map((row) => ({
          value: row.id,
          label: `${row.familyName}, ${row.givenName}${row.employeeNumber ? ` (${row.employeeNumber})` : ''}`,
        }))}
      />
    </>
  );
}
