import { keyKinds, keyStatuses } from '@portvakt/core';
import type { KeyRow } from './block-key-dialog';
import { DataTable, type Column } from '../shared/data-table';
import { EntityLink } from '../shared/entity-link';
import { SearchBox, SelectFilter } from '../shared/filters';
import { KeyHolder } from './key-holder';
import { Page } from '../shared/page';
import { useTranslator } from '../shared/i18n';
import { Link, useSearchParams } from '../shared/router';
import { usePagedList } from '../shared/use-api';

export function KeyStatus({ status }: { status: string | null }) {
  const { label } = useTranslator();
  return <span className={`tag tag-${status ?? 'none'}`}>{label('keyStatus', status)}</span>;
}

export function KeysPage() {
  const { t, label, formatDateTime } = useTranslator();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  const sort = params.get('sort') ?? 'serial';
  const list = usePagedList<KeyRow>('/keys', {
    q: q || undefined,
    status: status || undefined,
    kind: kind || undefined,
    sort,
  });

  const columns: Array<Column<KeyRow>> = [
    {
      key: 'serial',
      header: t('common.serial'),
      sortField: 'serial',
      render: (row) => <Link to={`/keys/${row.id}`}>{row.serial}</Link>,
    },
    { key: 'kind', header: t('common.kind'), render: (row) => label('keyKind', row.kind) },
    { key: 'status', header: t('common.status'), render: (row) => <KeyStatus status={row.status} /> },
    {
      key: 'holder',
      header: t('keys.holder'),
      render: (row) => <KeyHolder keyRow={row} />,
    },
    {
      key: 'provider',
      header: t('common.provider'),
      render: (row) => (
        <EntityLink apiPath="providers" id={row.providerId} hiddenText={t('common.unknownProvider')} />
      ),
    },
    {
      key: 'statusReason',
      header: t('keys.statusReason'),
      render: (row) => row.statusReason ?? t('common.none'),
    },
    {
      key: 'createdAt',
      header: t('common.created'),
      sortField: 'createdAt',
      render: (row) => formatDateTime(row.createdAt),
    },
  ];

  return (
    <Page title={t('keys.title')} intro={t('keys.intro')}>
      <div className="toolbar">
        <SearchBox
          label={t('common.search')}
          placeholder={t('keys.searchPlaceholder')}
          value={q}
          onSearch={(value) => setParams({ q: value })}
        />
        <SelectFilter
          label={t('common.status')}
          value={status}
          options={keyStatuses.map((value) => ({ value, label: label('keyStatus', value) }))}
          onChange={(value) => setParams({ status: value })}
        />
        <SelectFilter
          label={t('common.kind')}
          value={kind}
          options={keyKinds.map((value) => ({ value, label: label('keyKind', value) }))}
          onChange={(value) => setParams({ kind: value })}
        />
      </div>
      <DataTable
        caption={t('keys.caption')}
        columns={columns}
        rows={list.items}
        isLoading={list.isLoading}
        error={list.error}
        onRetry={list.reload}
        emptyText={q || status || kind ? t('common.noResults') : t('common.emptyList')}
        sort={sort}
        onSort={(value) => setParams({ sort: value })}
        paging={list}
      />
    </Page>
  );
}
