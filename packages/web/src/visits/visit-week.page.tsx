// A customer's week for the work lead (R5.1, R5.3; docs/visits.md "Console"): the seven days'
// visits as bars beside the planned visits as outlines, every visit's state, and the week's
// approval. `?customer=<id>&week=YYYY-MM-DD` (any day of the week; Monday is shown).
import { FilterBar } from '../shared/filter-bar';
import { DateStepper } from './date-stepper';
import type { CustomerRow, PlannedVisitPage, VisitPage as VisitPageBody } from '@portvakt/contract';
import { useId, useMemo } from 'react';
import type { Static } from 'typebox';
import { useSession } from '../accounts';
import { listAll, withQuery } from '../shared/api-client';
import { useVisitColumns, VisitTable } from './visit-table';
import { HeadedRowsTable } from './headed-rows-table';
import { SearchPicker, type PickerOption } from '../shared/search-picker';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link, useSearchParams } from '../shared/router';
import { EmptyState, ResourceStates } from '../shared/states';
import { useLoader, useResource } from '../shared/use-api';
import { ApproveVisitsButton, hasPeriodEnded } from './visit-actions';
import { clockTime } from './visit-timeline';
import { listWeekDays, VisitWeekChart } from './visit-week-chart';
import { readDayParam, startOfDay, toDayString } from '../shared/dates';

type Customer = Static<typeof CustomerRow>;

/** Local midnight of the Monday of the week `day` (YYYY-MM-DD) is in. */
export function startOfWeek(day: string): Date {
  const date = startOfDay(day);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - ((date.getDay() + 6) % 7));
}

/** The ISO 8601 week number of a local date (week 1 holds the year's first Thursday). */
export function isoWeekOf(date: Date): number {
  const thursday = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  thursday.setUTCDate(thursday.getUTCDate() - ((thursday.getUTCDay() + 6) % 7) + 3);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  return 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / 604_800_000);
}

export function VisitWeekPage() {
  const { t, label, language } = useTranslator();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const weekStart = startOfWeek(readDayParam(params, 'week', new Date()));
  const monday = toDayString(weekStart);
  const days = listWeekDays(weekStart);
  const weekEnd = startOfDay(monday, 7);
  const week = isoWeekOf(weekStart);
  const customerId = params.get('customer') ?? '';
  const customers = useLoader('visit-week:customers', (signal) =>
    listAll<Customer>('/customers', { sort: 'familyName' }, signal),
  );
  // Every typed word is looked for in the name, the home's street address and the apartment.
  const customerOptions = useMemo(
    () =>
      (customers.data?.items ?? []).map((row): PickerOption => ({
        value: row.id,
        label: `${row.familyName}, ${row.givenName}`,
        hint: [row.residenceAddress, row.apartment].filter(Boolean).join(', ') || undefined,
      })),
    [customers.data],
  );
  const customer = customers.data?.items.find((row) => row.id === customerId);
  const customerName = customer ? `${customer.givenName} ${customer.familyName}` : '';
  const period = { from: weekStart.toISOString(), to: weekEnd.toISOString(), limit: '500' };
  const visits = useResource<VisitPageBody>(
    customerId ? withQuery('/visits', { ...period, customerId }) : null,
  );
  const planned = useResource<PlannedVisitPage>(
    customerId && session.can('planned_visit')
      ? withQuery('/planned-visits', { ...period, customerId })
      : null,
  );
  const reload = () => {
    visits.reload();
    planned.reload();
  };
  const items = visits.data?.items ?? [];
  const plans = planned.data?.items ?? [];
  const locale = language === 'sv' ? 'sv-SE' : 'en-GB';
  const dayLabel = (at: string) =>
    new Date(at).toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'numeric' });
  const range = `${days[0]!.toLocaleDateString(locale, { day: 'numeric', month: 'long' })} – ${days[6]!.toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' })}`;
  const columns = useVisitColumns();
  const notOverHintId = useId();
  return (
    <Page title={t('week.title')} intro={t('week.intro')}>
      <FilterBar>
        <SearchPicker
          label={t('week.customer')}
          value={customerId}
          onValue={(customer) => setParams({ customer })}
          isLoading={customers.isLoading}
          placeholder={t('week.searchCustomer')}
          options={customerOptions}
        />
        <DateStepper unit="week" value={monday} />
      </FilterBar>
      <h2>{t('week.heading', { week, range })}</h2>
      {!customerId && <EmptyState>{t('week.pickCustomer')}</EmptyState>}
      {customerId && (
        <ResourceStates
          resource={visits}
          isEmpty={items.length === 0 && plans.length === 0}
          emptyText={t('week.none')}
        >
          <VisitWeekChart
            visits={items}
            planned={plans}
            weekStart={weekStart}
            title={t('week.chart', { customer: customerName, week })}
          />
          {customer && session.can('visit', 'update') && (
            <div className="approval-actions" data-section="approvals">
              {!hasPeriodEnded(monday, 7) && (
                <p id={notOverHintId} className="hint">
                  {t('week.approveWeekNotOver')}
                </p>
              )}
              <ApproveVisitsButton
                approval={{ customerId: customer.id, day: monday, days: 7 }}
                notOverHintId={notOverHintId}
                label={t('week.approveWeek', { name: customerName })}
                title={t('week.approveTitle', { name: customerName, week })}
                text={t('week.approveText')}
                onChanged={reload}
              />
            </div>
          )}
          <h2>{t('week.caption')}</h2>
          <VisitTable
            caption={t('week.caption')}
            visits={items}
            columns={[
              {
                header: t('week.day'),
                render: (visit) => (
                  <Link to={`/visits?day=${toDayString(new Date(visit.arrival))}`}>
                    {dayLabel(visit.arrival)}
                  </Link>
                ),
              },
              columns.time,
              columns.staff,
              columns.minutes,
              columns.services,
              columns.state,
            ]}
          />
          <HeadedRowsTable
            caption={t('week.plannedCaption')}
            rows={plans}
            rowData={(plan) => ({ 'data-planned-visit': plan.externalId })}
            columns={[
              { header: t('week.day'), render: (plan) => dayLabel(plan.windowStart) },
              {
                header: t('week.plannedWindow'),
                render: (plan) => `${clockTime(plan.windowStart)}–${clockTime(plan.windowEnd)}`,
              },
              {
                header: { text: t('week.plannedMinutesHeader'), isNumeric: true },
                render: (plan) => plan.plannedMinutes,
              },
              {
                header: t('visits.services'),
                render: (plan) => plan.services.map((service) => label('visitService', service)).join(', '),
              },
            ]}
          />
        </ResourceStates>
      )}
    </Page>
  );
}
