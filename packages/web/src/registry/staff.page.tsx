import type { Static } from 'typebox';
import type { StaffMemberRow as StaffMemberRowSchema } from '@portvakt/contract';
import { type Column } from '../shared/data-table';
import { createNameColumn, createReferenceColumn, createSortableColumn } from '../shared/list-columns';
import { ListPage } from '../shared/list-page';
import { createOptionalColumn } from '../shared/optional-column';
import { useTranslator } from '../shared/i18n';
import { CreateStaffButton } from './staff-form';

export type StaffRow = Static<typeof StaffMemberRowSchema>;

export function StaffPage() {
  const { t, formatDate } = useTranslator();
  const columns: Array<Column<StaffRow>> = [
    createNameColumn('familyName', t('customers.familyName'), '/staff'),
    createSortableColumn('givenName', t('customers.givenName')),
    createOptionalColumn('employeeNumber', t('staff.employeeNumber'), t('common.none')),
    createReferenceColumn('provider', t('common.provider'), 'providers', (row) => row.providerId),
    {
      key: 'employment',
      header: t('staff.employment'),
      render: (row) =>
        `${formatDate(row.employmentStartsOn)} – ${row.employmentEndsOn ? formatDate(row.employmentEndsOn) : ''}`,
    },
  ];

  return (
    <ListPage
      name="staff"
      searchPlaceholder={t('staff.searchPlaceholder')}
      columns={columns}
      actions={<CreateStaffButton />}
    />
  );
}
