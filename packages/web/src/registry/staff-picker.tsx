// One staff picker for every form that chooses a person: a team's new member, a customer's
// temporary grant, who takes a key from a cabinet. It offers the staff of the given providers who
// are still employed, as the staff list answers them to the reader (its scope), and finds them by
// typing: a municipality's thousands of staff cannot be scrolled through in a select.
import type { ProviderRow } from '@portvakt/contract';
import { useMemo } from 'react';
import { getEntityCached, listAll } from '../shared/api-client';
import { isCurrentOn, localToday } from '../shared/dates';
import { useTranslator } from '../shared/i18n';
import { SearchPicker, type PickerOption } from '../shared/search-picker';
import { ErrorState } from '../shared/states';
import { useLoader } from '../shared/use-api';
import type { StaffRow } from './staff.page';

export function StaffPicker({
  label,
  providerIds,
  value,
  isInvalid,
  onChange,
}: {
  label: string;
  providerIds: readonly string[];
  value: string;
  isInvalid?: boolean;
  /** The chosen staff member's id, and their row. */
  onChange: (staffMemberId: string, row: StaffRow | undefined) => void;
}) {
  const { t, label: labelOf } = useTranslator();
  const key = providerIds.length > 0 ? providerIds.join(',') : null;
  const staff = useLoader(key && `staff-picker:${key}`, async (signal) => {
    const lists = await Promise.all(
      providerIds.map((providerId) =>
        listAll<StaffRow>('/staff', { providerId, sort: 'familyName' }, signal),
      ),
    );
    return lists.flatMap((list) => list.items);
  });
  // With staff of more than one provider, the provider tells two people of one name apart; a
  // provider the reader may not read is left out of the hint rather than failing the picker.
  const providerNames = useLoader(
    providerIds.length > 1 ? `staff-picker-providers:${key}` : null,
    async () => {
      const rows = await Promise.all(
        providerIds.map((id) => getEntityCached<ProviderRow>('providers', id).catch(() => undefined)),
      );
      return new Map(rows.flatMap((row) => (row ? [[row.id, row.name] as const] : [])));
    },
  );
  const candidates = useMemo(() => {
    const today = localToday();
    return (staff.data ?? []).filter((row) => isCurrentOn(row.employmentEndsOn, today));
  }, [staff.data]);
  // Every typed word is looked for in the name, the employee number, the occupation and the provider.
  const options = useMemo(
    () =>
      candidates.map((row): PickerOption => ({
        value: row.id,
        label: `${row.familyName}, ${row.givenName}`,
        hint:
          [
            row.employeeNumber,
            row.occupation && labelOf('staffOccupation', row.occupation),
            providerNames.data?.get(row.providerId),
          ]
            .filter(Boolean)
            .join(', ') || undefined,
      })),
    [candidates, providerNames.data, labelOf],
  );
  return (
    <>
      {staff.error && <ErrorState error={staff.error} onRetry={staff.reload} />}
      <SearchPicker
        label={label}
        value={value}
        options={options}
        isLoading={staff.isLoading}
        isInvalid={isInvalid}
        placeholder={t('teams.searchStaff')}
        onValue={(id) =>
          onChange(
            id,
            candidates.find((row) => row.id === id),
          )
        }
      />
    </>
  );
}
