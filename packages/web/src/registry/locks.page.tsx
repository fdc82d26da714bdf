import type { Static } from 'typebox';
import type { LockRow as LockRowSchema } from '@portvakt/contract';
import { lockStatuses, lockTypes } from '@portvakt/core';
import { DataTable, type Column } from '../shared/data-table';
import { EntityLink } from '../shared/entity-link';
import { SearchBox, SelectFilter } from '../shared/filters';
import { Page } from '../shared/page';
import { useTranslator } from '../shared/i18n';
import { Link, useSearchParams } from '../shared/router';
import { usePagedList } from '../shared/use-api';

export type LockRow = Static<typeof LockRowSchema>;

export function BatteryLevel({ level }: { level: number | null }) {
  const { t } = useTranslator();
  if (level === null) return <span className="muted">{t('common.none')}</span>;
  const tone = level < 10 ? 'danger' : level < 25 ? 'warning' : 'good';
  return (
    <span className={`battery battery-${tone}`}>
      <span className="battery-gauge" aria-hidden="true">
        <span style={{ width: `${level}%` }} />
      </span>
      {level} %
    </span>
  );
}

export function LocksPage() {
  const { t, label, formatDateTime } = useTranslator();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const lockType = params.get('lockType') ?? '';
  const sort = params.get('sort') ?? 'serial';
  const list = usePagedList<LockRow>('/locks', {
    q: q || undefined,
    status: status || undefined,
    lockType: lockType || undefined,
    sort,
  });

  const columns: Array<Column<LockRow>> = [
    {
      key: 'serial',
      header: t('common.serial'),
      sortField: 'serial',
      render: (row) => <Link to={`/locks/${row.id}`}>{row.serial}</Link>,
    },
    { key: 'lockType', header: t('locks.lockType'), render: (row) => label('lockType', row.lockType) },
    {
      key: 'status',
      header: t('common.status'),
      render: (row) => <span className={`tag tag-${row.status}`}>{label('lockStatus', row.status)}</span>,
    },
    { key: 'door', header: t('locks.door'), render: (row) => <EntityLink apiPath="doors" id={row.doorId} /> },
    {
      key: 'battery',
      header: t('locks.battery'),
      isNumeric: true,
      render: (row) => <BatteryLevel level={row.batteryLevel} />,
    },
    { key: 'firmware', header: t('locks.firmware'), render: (row) => row.firmware ?? t('common.none') },
    {
      key: 'createdAt',
      header: t('common.created'),
      sortField: 'createdAt',
      render: (row) => formatDateTime(row.createdAt),
    },
  ];

  return (
    <Page title={t('locks.title')} intro={t('locks.intro')}>
      <div className="toolbar">
        <SearchBox
          label={t('common.search')}
          placeholder={t('locks.searchPlaceholder')}
          value={q}
          onSearch={(value) => setParams({ q: value })}
        />
        <SelectFilter
          label={t('common.status')}
          value={status}
          options={lockStatuses.map((value) => ({ value, label: label('lockStatus', value) }))}
          onChange={(value) => setParams({ status: value })}
        />
        <SelectFilter
          label={t('locks.lockType')}
          value={lockType}
          options={lockTypes.map((value) => ({ value, label: label('lockType', value) }))}
          onChange={(value) => setParams({ lockType: value })}
        />
      </div>
      <DataTable
        caption={t('locks.caption')}
        columns={columns}
        rows={list.items}
        isLoading={list.isLoading}
        error={list.error}
        onRetry={list.reload}
        emptyText={q || status || lockType ? t('common.noResults') : t('common.emptyList')}
        sort={sort}
        onSort={(value) => setParams({ sort: value })}
        paging={list}
      />
    </Page>
  );
}
