// "Nycklar kvar" (R11.2): physical backup keys held at each month end, as a bar chart (the events
// chart) and tables per provider and per district, with the key handling avoided. The months
// chosen live in the address (?from=&to=); without them the server's default span.
import type { KeysHeldPoint, KeysHeldReport } from '@portvakt/contract';
import { BarChart } from '../events';
import { withQuery } from '../shared/api-client';
import { InputField } from '../shared/field';
import { FilterBar } from '../shared/filter-bar';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Page } from '../shared/page';
import { RowTable } from '../shared/row-table';
import { Section } from '../shared/section';
import { ResourceStates } from '../shared/states';
import { useAddressFilters } from '../shared/use-address-filters';
import { useResource } from '../shared/use-api';

/** A provider's or a district's keys held at each month end. */
interface SeriesRow {
  id: string;
  name: string;
  keys: number[];
}

function SeriesTable({
  title,
  nameHeader,
  days,
  rows,
}: {
  title: string;
  nameHeader: string;
  days: string[];
  rows: SeriesRow[];
}) {
  const { t, formatNumber } = useTranslator();
  return (
    <Section title={title} section={title}>
      {rows.length === 0 ? (
        <p className="muted">{t('keysHeld.empty')}</p>
      ) : (
        <div className="table-scroll keys-held-table" tabIndex={0} role="region" aria-label={title}>
          <RowTable
            caption={title}
            rows={rows}
            rowData={(row) => ({ 'data-series': row.name })}
            columns={[
              { header: nameHeader, isRowHeader: true, render: (row) => row.name },
              ...days.map((day, index) => ({
                header: { text: day, isNumeric: true },
                render: (row: SeriesRow) => formatNumber(row.keys[index] ?? 0),
              })),
            ]}
          />
        </div>
      )}
    </Section>
  );
}

/** The counts of the totals table, each a column of numbers under its header. */
const totalColumns: Array<[MessageKey, Exclude<keyof KeysHeldPoint, 'day'>]> = [
  ['keysHeld.keys', 'keys'],
  ['keysHeld.copies', 'copies'],
  ['keysHeld.customers', 'customers'],
  ['keysHeld.keysReturned', 'keysReturned'],
  ['keysHeld.customersReturned', 'customersReturned'],
  ['keysHeld.cabinetTakes', 'cabinetTakes'],
];

export function KeysHeldPage() {
  const { t, formatNumber, formatDate } = useTranslator();
  const [{ from, to }, setFilters] = useAddressFilters({ from: '', to: '' });
  const report = useResource<KeysHeldReport>(
    withQuery('/keys-held', { from: from || undefined, to: to || undefined }),
  );
  const data = report.data;
  const last = data?.points.at(-1);
  const days = data?.points.map((point) => point.day) ?? [];
  const returned = data?.points.reduce((sum, point) => sum + point.keysReturned, 0) ?? 0;
  return (
    <Page title={t('keysHeld.title')} intro={t('keysHeld.intro')}>
      <FilterBar>
        <InputField
          label={t('keysHeld.from')}
          type="month"
          value={from || data?.from || ''}
          onValue={(value) => setFilters({ from: value })}
        />
        <InputField
          label={t('keysHeld.to')}
          type="month"
          value={to || data?.to || ''}
          onValue={(value) => setFilters({ to: value })}
        />
      </FilterBar>
      <ResourceStates resource={report} isEmpty={data?.points.length === 0} emptyText={t('keysHeld.empty')}>
        {data && last && (
          <>
            <section className="card">
              <BarChart
                title={t('keysHeld.chartTitle')}
                summary={t('keysHeld.chartSummary', {
                  day: formatDate(last.day),
                  keys: formatNumber(last.keys),
                  copies: formatNumber(last.copies),
                  customers: formatNumber(last.customers),
                })}
                categoryHeader={t('keysHeld.month')}
                bars={data.points.map((point) => ({ label: formatDate(point.day), value: point.keys }))}
              />
            </section>
            <Section title={t('keysHeld.avoided')} section="key-handling-avoided">
              <p data-avoided="customers">
                {t('keysHeld.avoidedText', {
                  customers: formatNumber(last.customersReturned),
                  returned: formatNumber(returned),
                })}
              </p>
            </Section>
            <Section title={t('keysHeld.totals')} section="keys-held-totals">
              <div
                className="table-scroll keys-held-table"
                tabIndex={0}
                role="region"
                aria-label={t('keysHeld.totals')}
              >
                <RowTable
                  caption={t('keysHeld.totals')}
                  rows={data.points}
                  rowKey={(point) => point.day}
                  rowData={(point) => ({ 'data-day': point.day })}
                  columns={[
                    {
                      header: t('keysHeld.month'),
                      isRowHeader: true,
                      render: (point) => formatDate(point.day),
                    },
                    ...totalColumns.map(([header, count]) => ({
                      header: { text: t(header), isNumeric: true },
                      render: (point: KeysHeldPoint) => formatNumber(point[count]),
                    })),
                  ]}
                />
              </div>
            </Section>
            <SeriesTable
              title={t('keysHeld.byProvider')}
              nameHeader={t('backupKeys.provider')}
              days={days}
              rows={data.providers.map((row) => ({ id: row.providerId, name: row.name, keys: row.keys }))}
            />
            <SeriesTable
              title={t('keysHeld.byDistrict')}
              nameHeader={t('readiness.district')}
              days={days}
              rows={data.districts.map((row) => ({ id: row.districtId, name: row.name, keys: row.keys }))}
            />
          </>
        )}
      </ResourceStates>
    </Page>
  );
}
