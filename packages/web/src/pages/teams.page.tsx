import { DataTable, type Column } from '../components/data-table';
import { EntityLink } from '../components/entity-link';
import { SearchBox } from '../components/filters';
import { Page } from '../components/page';
import { useTranslator } from '../i18n';
import { Link, useSearchParams } from '../router';
import { usePagedList } from '../use-api';

export interface TeamRow {
  id: string;
  providerId: string;
  districtId: string | null;
  name: string;
  area: string | null;
  createdAt: string;
  updatedAt: string;
}

export function TeamsPage() {
  const { t } = useTranslator();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? 'name';
  const list = usePagedList<TeamRow>('/teams', { q: q || undefined, sort });

  const columns: Array<Column<TeamRow>> = [
    {
      key: 'name',
      header: t('common.name'),
      sortField: 'name',
      render: (row) => <Link to={`/teams/${row.id}`}>{row.name}</Link>,
    },
    {
      key: 'provider',
      header: t('common.provider'),
      render: (row) => <EntityLink apiPath="providers" id={row.providerId} />,
    },
    {
      key: 'district',
      header: t('common.district'),
      render: (row) => <EntityLink apiPath="districts" id={row.districtId} />,
    },
    { key: 'area', header: t('teams.area'), render: (row) => row.area ?? t('common.none') },
  ];

  return (
    <Page title={t('teams.title')} intro={t('teams.intro')}>
      <div className="toolbar">
        <SearchBox
          label={t('common.search')}
          placeholder={t('common.name')}
          value={q}
          onSearch={(value) => setParams({ q: value })}
        />
      </div>
      <DataTable
        caption={t('teams.caption')}
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
