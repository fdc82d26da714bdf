// The lock manager's planning board (docs/work-orders.md "Console"): the orders in columns by
// state, filtered by kind and district (kept in the address), each opening its detail page.
import type { DistrictRow, WorkOrderPage, WorkOrderSummary } from '@portvakt/contract';
import { workOrderKinds, type WorkOrderState } from '@portvakt/core';
import { useSession } from '../accounts';
import { namedChoices } from '../components';
import { listAll, withQuery } from '../shared/api-client';
import { FilterBar } from '../shared/filter-bar';
import { SelectFilter } from '../shared/filters';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { useSearchParams } from '../shared/router';
import { ResourceStates } from '../shared/states';
import { useLoader, useResource } from '../shared/use-api';
import { NewWorkOrderButton } from './new-work-order-dialog';
import { WorkOrderCard } from './work-order-card';

/** Finished orders share one column: the board is about what is still to do. */
const columns: Array<{ key: string; states: WorkOrderState[] }> = [
  { key: 'requested', states: ['requested'] },
  { key: 'planned', states: ['planned'] },
  { key: 'in_progress', states: ['in_progress'] },
  { key: 'finished', states: ['done', 'failed', 'cancelled'] },
];

export function WorkOrderBoardPage() {
  const { t, label } = useTranslator();
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const kind = search.get('kind') ?? '';
  const districtId = search.get('districtId') ?? '';
  const path = withQuery('/work-orders', {
    kind: kind || undefined,
    districtId: districtId || undefined,
    sort: 'bookedFrom',
    limit: '500',
  });
  const orders = useResource<WorkOrderPage>(path);
  const districts = useLoader('districts', (signal) => listAll<DistrictRow>('/districts', {}, signal));
  const items = orders.data?.items ?? [];
  const inColumn = (states: WorkOrderState[]) =>
    items.filter((item: WorkOrderSummary) => states.includes(item.state));
  return (
    <Page
      title={t('workOrders.title')}
      // Who only reads the board (a work lead) is not told to assign and book.
      intro={t(session.can('work_order', 'update') ? 'workOrders.intro' : 'workOrders.introReadOnly')}
      actions={<NewWorkOrderButton />}
    >
      <FilterBar>
        <SelectFilter
          label={t('workOrders.kind')}
          value={kind}
          options={workOrderKinds.map((value) => ({ value, label: label('workOrderKind', value) }))}
          onChange={(value) => setSearch({ kind: value })}
        />
        <SelectFilter
          label={t('workOrders.district')}
          value={districtId}
          options={namedChoices(districts.data?.items)}
          onChange={(value) => setSearch({ districtId: value })}
        />
      </FilterBar>
      <ResourceStates resource={orders} isEmpty={items.length === 0} emptyText={t('workOrders.none')}>
        <div className="work-order-board">
          {columns.map((column) => {
            const cards = inColumn(column.states);
            const title =
              column.key === 'finished' ? t('workOrders.finished') : label('workOrderState', column.key);
            return (
              <section
                key={column.key}
                className="work-order-column"
                aria-label={title}
                data-column={column.key}
              >
                <h2>{t('workOrders.column', { state: title, count: cards.length })}</h2>
                <ul className="work-order-cards">
                  {cards.map((order) => (
                    <WorkOrderCard key={order.id} order={order} to={`/work-orders/${order.id}`} />
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      </ResourceStates>
    </Page>
  );
}
