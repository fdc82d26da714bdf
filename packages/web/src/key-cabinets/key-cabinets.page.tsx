// "Nyckelskåp": the cabinets in the reader's scope (a work lead: their provider's) with the keys
// held, out and overdue; "Nytt nyckelskåp" for the roles that may register one.
import type { KeyCabinetList } from '@portvakt/contract';
import { useSession } from '../accounts';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link } from '../shared/router';
import { ResourceTable } from '../shared/row-table';
import { useResource } from '../shared/use-api';
import { CreateKeyCabinetButton } from './key-cabinet-dialog';

export function KeyCabinetsPage() {
  const { t } = useTranslator();
  const session = useSession();
  const list = useResource<KeyCabinetList>('/key-cabinets');
  return (
    <Page
      title={t('keyCabinets.title')}
      intro={t('keyCabinets.intro')}
      actions={session.can('key_cabinet', 'create') ? <CreateKeyCabinetButton /> : undefined}
    >
      <ResourceTable
        resource={list}
        emptyText={t('keyCabinets.none')}
        caption={t('keyCabinets.caption')}
        rowData={(cabinet) => ({ 'data-cabinet': cabinet.name })}
        columns={[
          {
            header: t('keyCabinets.name'),
            render: (cabinet) => <Link to={`/key-cabinets/${cabinet.id}`}>{cabinet.name}</Link>,
          },
          { header: t('keyCabinets.location'), render: (cabinet) => cabinet.location ?? '–' },
          { header: t('keyCabinets.provider'), render: (cabinet) => cabinet.providerName },
          {
            header: { text: t('keyCabinets.slots'), isNumeric: true },
            render: (cabinet) => cabinet.slotCount,
          },
          { header: { text: t('keyCabinets.held'), isNumeric: true }, render: (cabinet) => cabinet.keysHeld },
          { header: { text: t('keyCabinets.out'), isNumeric: true }, render: (cabinet) => cabinet.keysOut },
          {
            header: { text: t('keyCabinets.overdue'), isNumeric: true },
            render: (cabinet) =>
              cabinet.overdue > 0 ? (
                <span className="tag tag-overdue">{cabinet.overdue}</span>
              ) : (
                cabinet.overdue
              ),
          },
          {
            header: t('keyCabinets.device'),
            render: (cabinet) =>
              cabinet.isEnrolled ? t('keyCabinets.enrolled') : t('keyCabinets.notEnrolled'),
          },
        ]}
      />
    </Page>
  );
}
