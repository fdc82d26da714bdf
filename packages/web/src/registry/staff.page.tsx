import type { Static } from 'typebox';
import type { StaffMemberRow as StaffMemberRowSchema } from '@portvakt/contract';
import { type Column } from '../shared/data-table';
import { SearchableList } from '../shared/searchable-list';
import { EntityLink } from '../shared/entity-link';
import { Page } from '../shared/page';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';

export type StaffRow = Static<typeof StaffMemberRowSchema>;

export function StaffPage() {
  const { t, formatDate } = useTranslator();
  const columns: Array<Column<StaffRow>> = [
    {
      key: 'familyName',
      header: t('customers.familyName'),
      sortField: 'familyName',
      render: (row) => <Link to={`/staff/${row.id}`}>{row.familyName}</Link>,
    },
    {
      key: 'givenName',
      header: t('customers.givenName'),
      sortField: 'givenName',
      render: (row) => row.givenName,
    },
    {
      key: 'employeeNumber',
      header: t('staff.employeeNumber'),
      render: (row) => row.employeeNumber ?? t('common.none'),
    },
    {
      key: 'provider',
      header: t('common.provider'),
      render: (row) => <EntityLink apiPath="providers" id={row.providerId} />,
    },
    {
      key: 'employment',
      header: t('staff.employment'),
      render: (row) =>
        `${formatDate(row.employmentStartsOn)} – ${row.employmentEndsOn ? formatDate(row.employmentEndsOn) : ''}`,
    },
  ];

  return (
    <Page title={t('staff.title')} intro={t('staff.intro')}>
      <SearchableList
        path="/staff"
        defaultSort="familyName"
        caption={t('staff.caption')}
        searchPlaceholder={t('staff.searchPlaceholder')}
        columns={columns}
      />
    </Page>
  );
}
