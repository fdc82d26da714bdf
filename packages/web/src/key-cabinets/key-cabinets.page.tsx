// "Nyckelskåp": the cabinets in the reader's scope (a work lead: their provider's) with the keys
// held, out and overdue.
import type { KeyCabinetList } from '@portvakt/contract';
import { SimpleTable } from '../shared/data-table';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link } from '../shared/router';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';

export function KeyCabinetsPage() {
  const { t } = useTranslator();
  const list = useResource<KeyCabinetList>('/key-cabinets');
  const items = list.data?.items ?? [];
  return (
    <Page title={t('keyCabinets.title')} intro={t('keyCabinets.intro')}>
      <ResourceStates resource={list} isEmpty={items.length === 0} emptyText={t('keyCabinets.none')}>
        <SimpleTable
          caption={t('keyCabinets.caption')}
          headers={[
            t('keyCabinets.name'),
            t('keyCabinets.location'),
            t('keyCabinets.provider'),
            { text: t('keyCabinets.slots'), isNumeric: true },
            { text: t('keyCabinets.held'), isNumeric: true },
            { text: t('keyCabinets.out'), isNumeric: true },
            { text: t('keyCabinets.overdue'), isNumeric: true },
            t('keyCabinets.device'),
          ]}
        >
          {items.map((cabinet) => (
            <tr key={cabinet.id} data-cabinet={cabinet.name}>
              <td>
                <Link to={`/key-cabinets/${cabinet.id}`}>{cabinet.name}</Link>
              </td>
              <td>{cabinet.location ?? '–'}</td>
              <td>{cabinet.providerName}</td>
              <td className="numeric">{cabinet.slotCount}</td>
              <td className="numeric">{cabinet.keysHeld}</td>
              <td className="numeric">{cabinet.keysOut}</td>
              <td className="numeric">
                {cabinet.overdue > 0 ? (
                  <span className="tag tag-overdue">{cabinet.overdue}</span>
                ) : (
                  cabinet.overdue
                )}
              </td>
              <td>{cabinet.isEnrolled ? t('keyCabinets.enrolled') : t('keyCabinets.notEnrolled')}</td>
            </tr>
          ))}
        </SimpleTable>
      </ResourceStates>
    </Page>
  );
}
