import { DataTable, type Column } from '../components/data-table';
import { EntityLink } from '../components/entity-link';
import { SearchBox } from '../components/filters';
import { Page } from '../components/page';
import { useTranslator } from '../i18n';
import { Link, useSearchParams } from '../router';
import { usePagedList } from '../use-api';

export interface StaffRow {
  id: string;
  providerId: string;
  givenName: string;
  familyName: string;
  employeeNumber: string | null;
  pseudonym: string;
  employmentStartsOn: string;
  employmentEndsOn: string | null;
  hasIdentityNumber: boolean;
  createdAt: string;
  updatedAt: string;
}

export function StaffPage() {
  const { t, formatDate } = useTranslator();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? 'familyName';
  const list = usePagedList<StaffRow>('/staff', { q: q || undefined, sort });

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
      <div className="toolbar">
        <SearchBox
          label={t('common.search')}
          placeholder={t('staff.searchPlaceholder')}
          value={q}
          onSearch={(value) => setParams({ q: value })}
        />
      </div>
      <DataTable
        caption={t('staff.caption')}
        columns={columns}
        rows={list.items}
        isLoading={list.isLoading}
        error={list.error}
        onRetry={list.reload}
        emptyText={q ? t('common.noResults') : t('common.emptyList')}
        sort={sort}
        onSort={(value) => setParams({ sort: value })}
        paging={list}
      />
    </Page>
  );
}
