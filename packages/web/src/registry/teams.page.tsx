import type { Static } from 'typebox';
import type { TeamRow as TeamRowSchema } from '@portvakt/contract';
import { type Column } from '../shared/data-table';
import { createNameColumn, createReferenceColumn } from '../shared/list-columns';
import { ListPage } from '../shared/list-page';
import { createOptionalColumn } from '../shared/optional-column';
import { useTranslator } from '../shared/i18n';
import { CreateTeamButton } from './staff-form';

export type TeamRow = Static<typeof TeamRowSchema>;

export function TeamsPage() {
  const { t } = useTranslator();
  const columns: Array<Column<TeamRow>> = [
    createNameColumn('name', t('common.name'), '/teams'),
    createReferenceColumn('provider', t('common.provider'), 'providers', (row) => row.providerId),
    createReferenceColumn('district', t('common.district'), 'districts', (row) => row.districtId),
    createOptionalColumn('area', t('teams.area'), t('common.none')),
  ];

  return (
    <ListPage
      name="teams"
      searchPlaceholder={t('common.name')}
      columns={columns}
      actions={<CreateTeamButton />}
    />
  );
}
