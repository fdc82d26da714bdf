// The installer's phone view (docs/work-orders.md "Console"): the day's jobs booked for them or
// their company, in time order, as large cards a thumb can hit. Installers land here after login.
import type { WorkOrderPage } from '@portvakt/contract';
import { withQuery } from '../shared/api-client';
import { localToday } from '../shared/dates';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { useSearchParams } from '../shared/router';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { PeriodField } from '../shared/filters';
import { WorkOrderCard } from './work-order-card';

export function InstallerPage() {
  const { t } = useTranslator();
  const [search, setSearch] = useSearchParams();
  const day = search.get('day') ?? localToday();
  const orders = useResource<WorkOrderPage>(
    withQuery('/work-orders', { assignee: 'me', bookedOn: day, sort: 'bookedFrom', limit: 100 }),
  );
  const items = orders.data?.items ?? [];
  return (
    <Page title={t('installer.title')} intro={t('installer.intro')}>
      <div className="installer-day">
        <PeriodField
          label={t('installer.day')}
          type="date"
          value={day}
          onPick={(picked) => setSearch({ day: picked })}
        />
      </div>
      <ResourceStates resource={orders} isEmpty={items.length === 0} emptyText={t('installer.none')}>
        <ul className="installer-jobs">
          {items.map((order) => (
            <WorkOrderCard key={order.id} order={order} to={`/installer/${order.id}`} />
          ))}
        </ul>
      </ResourceStates>
    </Page>
  );
}
