import { keyKinds, keyStatuses } from '@portvakt/core';
import type { KeyRow } from './block-key-dialog';
import { type Column } from '../shared/data-table';
import { createCreatedColumn, createNameColumn, createReferenceColumn } from '../shared/list-columns';
import { createListFilter, ListPage } from '../shared/list-page';
import { KeyHolder } from './key-holder';
import { useTranslator } from '../shared/i18n';
import { sayKeyReason } from './key-reason';
import { CreateKeyButton } from './key-form';

export function KeyStatus({ status }: { status: string | null }) {
  const { label } = useTranslator();
  return <span className={`tag tag-${status ?? 'none'}`}>{label('keyStatus', status)}</span>;
}

export function KeysPage() {
  const translator = useTranslator();
  const { t, label, formatDateTime } = translator;
  const columns: Array<Column<KeyRow>> = [
    createNameColumn('serial', t('common.serial'), '/keys'),
    { key: 'kind', header: t('common.kind'), render: (row) => label('keyKind', row.kind) },
    { key: 'status', header: t('common.status'), render: (row) => <KeyStatus status={row.status} /> },
    {
      key: 'holder',
      header: t('keys.holder'),
      render: (row) => <KeyHolder keyRow={row} />,
    },
    createReferenceColumn(
      'provider',
      t('common.provider'),
      'providers',
      (row) => row.providerId,
      t('common.unknownProvider'),
    ),
    {
      key: 'statusReason',
      header: t('keys.statusReason'),
      render: (row) => sayKeyReason(translator, row.statusReason),
    },
    createCreatedColumn(t('common.created'), formatDateTime),
  ];

  return (
    <ListPage
      name="keys"
      searchPlaceholder={t('keys.searchPlaceholder')}
      columns={columns}
      actions={<CreateKeyButton />}
      filters={[
        createListFilter('status', t('common.status'), keyStatuses, (value) => label('keyStatus', value)),
        createListFilter('kind', t('common.kind'), keyKinds, (value) => label('keyKind', value)),
      ]}
    />
  );
}
