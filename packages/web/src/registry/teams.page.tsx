import type { Static } from 'typebox';
import type { TeamRow as TeamRowSchema } from '@portvakt/contract';
import { type Column } from '../shared/data-table';
import { SearchableList } from '../shared/searchable-list';
import { EntityLink } from '../shared/entity-link';
import { Page } from '../shared/page';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';

export type TeamRow = Static<typeof TeamRowSchema>;

export function TeamsPage() {
  const { t } = useTranslator();
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
      <SearchableList
        path="/teams"
        defaultSort="name"
        caption={t('teams.caption')}
        searchPlaceholder={t('common.name')}
        columns={columns}
      />
    </Page>
  );
}
