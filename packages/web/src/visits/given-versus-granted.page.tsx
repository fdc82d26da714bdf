// Time given against time granted (R5.2; docs/visits.md "Time given against granted"): per
// customer and service, from each provider's latest compensation run of the month, the largest
// shortfall first; sortable by every column, and the rows shown first as a chart.
// `?month=YYYY-MM&sort=field|-field`.
import type { GivenVersusGrantedReport, GivenVersusGrantedRow } from '@portvakt/contract';
import { ComparisonChart } from '../events';
import { withQuery } from '../shared/api-client';
import { DataTable, type Column } from '../shared/data-table';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { useSearchParams } from '../shared/router';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useMonthFilter } from './month-filter';

type Row = GivenVersusGrantedRow & { id: string };

const sortFields = [
  'customerName',
  'service',
  'providerName',
  'grantedMinutes',
  'givenMinutes',
  'differenceMinutes',
  'givenPercent',
] as const;
type SortField = (typeof sortFields)[number];
/** The API's order: the largest shortfall first. */
const defaultSort = 'differenceMinutes';
const chartedRows = 15;

/** Rows in the asked order; rows without a figure (no decision) always last, as the API puts them. */
function sortRows(rows: Row[], sort: string, serviceName: (service: string) => string): Row[] {
  const isDescending = sort.startsWith('-');
  const field = sort.replace(/^-/, '') as SortField;
  if (field === defaultSort && !isDescending) return rows;
  const valueOf = (row: Row): string | number | null =>
    field === 'service' ? serviceName(row.service) : row[field];
  return [...rows].sort((a, b) => {
    const x = valueOf(a);
    const y = valueOf(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'number' ? x - (y as number) : x.localeCompare(y as string, 'sv');
    return isDescending ? -order : order;
  });
}

export function GivenVersusGrantedPage() {
  const { t, label, formatNumber } = useTranslator();
  const { month, filter } = useMonthFilter();
  const [params, setParams] = useSearchParams();
  const asked = params.get('sort') ?? defaultSort;
  const sort = sortFields.includes(asked.replace(/^-/, '') as SortField) ? asked : defaultSort;
  const report = useResource<GivenVersusGrantedReport>(withQuery('/given-versus-granted', { month }));
  const runs = report.data?.runs ?? [];
  const serviceName = (service: string) => label('visitService', service);
  const rows = sortRows(
    (report.data?.items ?? []).map((row) => ({
      ...row,
      id: `${row.providerId} ${row.customerId} ${row.service}`,
    })),
    sort,
    serviceName,
  );
  const decided = rows.filter((row) => row.grantedMinutes !== null);
  const given = decided.reduce((sum, row) => sum + row.givenMinutes, 0);
  const granted = decided.reduce((sum, row) => sum + (row.grantedMinutes ?? 0), 0);
  const signed = (value: number) => (value > 0 ? `+${formatNumber(value)}` : formatNumber(value));
  const columns: Array<Column<Row>> = [
    {
      key: 'customer',
      header: t('visits.customer'),
      sortField: 'customerName',
      render: (r) => r.customerName,
    },
    {
      key: 'service',
      header: t('visits.services'),
      sortField: 'service',
      render: (r) => serviceName(r.service),
    },
    ...(runs.length > 1
      ? [
          {
            key: 'provider',
            header: t('compensation.provider'),
            sortField: 'providerName',
            render: (r: Row) => r.providerName,
          },
        ]
      : []),
    {
      key: 'granted',
      header: t('given.grantedMinutes'),
      sortField: 'grantedMinutes',
      isNumeric: true,
      render: (r) => (r.grantedMinutes === null ? t('given.noDecision') : formatNumber(r.grantedMinutes)),
    },
    {
      key: 'given',
      header: t('given.givenMinutes'),
      sortField: 'givenMinutes',
      isNumeric: true,
      render: (r) => formatNumber(r.givenMinutes),
    },
    {
      key: 'difference',
      header: t('given.difference'),
      sortField: 'differenceMinutes',
      isNumeric: true,
      render: (r) => (r.differenceMinutes === null ? '–' : signed(r.differenceMinutes)),
    },
    {
      key: 'percent',
      header: t('given.percent'),
      sortField: 'givenPercent',
      isNumeric: true,
      render: (r) => (r.givenPercent === null ? '–' : `${formatNumber(r.givenPercent)} %`),
    },
  ];
  const charted = decided.slice(0, chartedRows);
  return (
    <Page title={t('given.title')} intro={t('given.intro')}>
      {filter}
      <ResourceStates resource={report} isEmpty={rows.length === 0} emptyText={t('given.none')}>
        <p data-given-runs>
          {t('given.fromRuns', {
            runs: runs
              .map((run) => t('given.run', { provider: run.providerName, version: run.version }))
              .join(', '),
          })}
        </p>
        {charted.length > 0 && (
          <ComparisonChart
            title={t('given.chart')}
            summary={t('given.chartSummary', {
              customers: new Set(decided.map((row) => row.customerId)).size,
              given: formatNumber(given),
              granted: formatNumber(granted),
              percent: granted > 0 ? Math.round((100 * given) / granted) : 0,
              shown: charted.length,
            })}
            valueName={t('given.given')}
            referenceName={t('given.granted')}
            categoryHeader={t('visits.customer')}
            unit=" min"
            bars={charted.map((row) => ({
              label: `${row.customerName}: ${serviceName(row.service)}`,
              value: row.givenMinutes,
              // One colour, as the legend says: a shortfall is the track left empty.
              reference: row.grantedMinutes ?? 0,
            }))}
          />
        )}
        <DataTable
          caption={t('given.caption')}
          columns={columns}
          rows={rows}
          isLoading={false}
          emptyText={t('given.none')}
          sort={sort}
          onSort={(next) => setParams({ sort: next === defaultSort ? null : next })}
        />
      </ResourceStates>
    </Page>
  );
}
