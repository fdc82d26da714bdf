import type { Static } from 'typebox';
import type { LockRow as LockRowSchema } from '@portvakt/contract';
import { lockStatuses, lockTypes } from '@portvakt/core';
import { type Column } from '../shared/data-table';
import { SearchableList } from '../shared/searchable-list';
import { EntityLink } from '../shared/entity-link';
import { Page } from '../shared/page';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';

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
      <SearchableList
        path="/locks"
        defaultSort="serial"
        caption={t('locks.caption')}
        searchPlaceholder={t('locks.searchPlaceholder')}
        columns={columns}
        filters={[
          {
            param: 'status',
            label: t('common.status'),
            options: lockStatuses.map((value) => ({ value, label: label('lockStatus', value) })),
          },
          {
            param: 'lockType',
            label: t('locks.lockType'),
            options: lockTypes.map((value) => ({ value, label: label('lockType', value) })),
          },
        ]}
      />
    </Page>
  );
}
