import type { Static } from 'typebox';
import type { LockRow as LockRowSchema } from '@portvakt/contract';
import { lockStatuses, lockTypes } from '@portvakt/core';
import { type Column } from '../shared/data-table';
import { createCreatedColumn, createNameColumn, createReferenceColumn } from '../shared/list-columns';
import { createListFilter, ListPage } from '../shared/list-page';
import { createOptionalColumn } from '../shared/optional-column';
import { useTranslator } from '../shared/i18n';
import { BatteryFilterForm, BatteryLockListPage, useIsBatteryView } from '../batteries';
import { useSession } from '../accounts';

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
  const isBatteryView = useIsBatteryView();
  // An owner's list holds only their shared doors' locks, by reference (docs/api.md "Property owners").
  const isOwner = useSession().me.role === 'property_owner';
  const columns: Array<Column<LockRow>> = [
    createNameColumn('serial', isOwner ? t('locks.ownerSearchPlaceholder') : t('common.serial'), '/locks'),
    { key: 'lockType', header: t('locks.lockType'), render: (row) => label('lockType', row.lockType) },
    {
      key: 'status',
      header: t('common.status'),
      render: (row) => <span className={`tag tag-${row.status}`}>{label('lockStatus', row.status)}</span>,
    },
    createOptionalColumn('streetAddress', t('locks.address'), t('common.none')),
    createReferenceColumn('door', t('locks.door'), 'doors', (row) => row.doorId),
    {
      key: 'battery',
      header: t('locks.battery'),
      isNumeric: true,
      render: (row) => <BatteryLevel level={row.batteryLevel} />,
    },
    createOptionalColumn('firmware', t('locks.firmware'), t('common.none')),
    createCreatedColumn(t('common.created'), formatDateTime),
  ];

  // Battery filters (level, due within weeks) switch to the forecast-backed view (batteries).
  if (isBatteryView) return <BatteryLockListPage />;
  return (
    <ListPage
      name="locks"
      intro={isOwner ? t('locks.ownerIntro') : undefined}
      searchPlaceholder={isOwner ? t('locks.ownerSearchPlaceholder') : t('locks.searchPlaceholder')}
      columns={columns}
      filters={[
        createListFilter('status', t('common.status'), lockStatuses, (value) => label('lockStatus', value)),
        createListFilter('lockType', t('locks.lockType'), lockTypes, (value) => label('lockType', value)),
      ]}
      beforeList={<BatteryFilterForm />}
    />
  );
}
