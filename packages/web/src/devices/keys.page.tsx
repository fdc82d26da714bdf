import { keyKinds, keyStatuses } from '@portvakt/core';
import type { KeyRow } from './block-key-dialog';
import { type Column } from '../shared/data-table';
import { SearchableList } from '../shared/searchable-list';
import { EntityLink } from '../shared/entity-link';
import { KeyHolder } from './key-holder';
import { Page } from '../shared/page';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';

export function KeyStatus({ status }: { status: string | null }) {
  const { label } = useTranslator();
  return <span className={`tag tag-${status ?? 'none'}`}>{label('keyStatus', status)}</span>;
}

export function KeysPage() {
  const { t, label, formatDateTime } = useTranslator();
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
      <SearchableList
        path="/keys"
        defaultSort="serial"
        caption={t('keys.caption')}
        searchPlaceholder={t('keys.searchPlaceholder')}
        columns={columns}
        filters={[
          {
            param: 'status',
            label: t('common.status'),
            options: keyStatuses.map((value) => ({ value, label: label('keyStatus', value) })),
          },
          {
            param: 'kind',
            label: t('common.kind'),
            options: keyKinds.map((value) => ({ value, label: label('keyKind', value) })),
          },
        ]}
      />
    </Page>
  );
}
