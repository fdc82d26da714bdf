import { DataTable, type Column } from '../components/data-table';
import { EntityLink } from '../components/entity-link';
import { SearchBox } from '../components/filters';
import { Page } from '../components/page';
import { useTranslator } from '../i18n';
import { Link, useSearchParams } from '../router';
import { usePagedList } from '../use-api';

export interface CustomerRow {
  id: string;
  districtId: string;
  givenName: string;
  familyName: string;
  residencePropertyId: string | null;
  apartment: string | null;
  apartmentDoorId: string | null;
  hasRefusedLock: boolean;
  refusedLockNote: string | null;
  hasIdentityNumber: boolean;
  createdAt: string;
  updatedAt: string;
}

const identityNumberPattern = /^(\d{8})-?(\d{4})$/;

/** A full personnummer is looked up exactly (it is stored only as a keyed hash); anything else is a name search. */
export function toCustomerSearch(text: string): Record<string, string | undefined> {
  const match = identityNumberPattern.exec(text.replace(/\s/g, ''));
  if (match) return { identityNumber: `${match[1]}-${match[2]}` };
  return { q: text || undefined };
}

export function CustomersPage() {
  const { t } = useTranslator();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? 'familyName';
  const list = usePagedList<CustomerRow>('/customers', { ...toCustomerSearch(q), sort });

  const columns: Array<Column<CustomerRow>> = [
    {
      key: 'familyName',
      header: t('customers.familyName'),
      sortField: 'familyName',
      render: (row) => <Link to={`/customers/${row.id}`}>{row.familyName}</Link>,
    },
    {
      key: 'givenName',
      header: t('customers.givenName'),
      sortField: 'givenName',
      render: (row) => row.givenName,
    },
    {
      key: 'district',
      header: t('common.district'),
      render: (row) => <EntityLink apiPath="districts" id={row.districtId} />,
    },
    {
      key: 'apartment',
      header: t('customers.apartment'),
      render: (row) => row.apartment ?? t('common.none'),
    },
    {
      key: 'refused',
      header: t('customers.refusedLock'),
      render: (row) => (row.hasRefusedLock ? t('common.yes') : t('common.no')),
    },
  ];

  return (
    <Page title={t('customers.title')} intro={t('customers.intro')}>
      <div className="toolbar">
        <SearchBox
          label={t('common.search')}
          placeholder={t('common.searchPlaceholder')}
          value={q}
          onSearch={(value) => setParams({ q: value })}
        />
      </div>
      <DataTable
        caption={t('customers.caption')}
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
