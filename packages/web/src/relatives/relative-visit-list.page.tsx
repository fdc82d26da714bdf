// The relative's own page (R4.4, docs/relatives.md): the one customer's visit list for a chosen
// period, as registered, with the PDF and CSV to download. Every read is logged by the server. The
// chosen period lives in the address (?from=&to=).
import type { RelativeCustomer, RelativesVisitList } from '@portvakt/contract';
import type { Static } from 'typebox';
import { withQuery } from '../shared/api-client';
import { FilterBar } from '../shared/filter-bar';
import { PeriodField } from '../shared/filters';
import { useTranslator, type Language, type MessageKey, type Translator } from '../shared/i18n';
import { Page } from '../shared/page';
import { ResourceTable } from '../shared/row-table';
import { ErrorState, LoadingState } from '../shared/states';
import { useAddressFilters } from '../shared/use-address-filters';
import { useResource } from '../shared/use-api';

type VisitList = Static<typeof RelativesVisitList>;
type VisitRow = VisitList['visits'][number];

const stateKeys = {
  registered: 'relative.state.registered',
  incomplete: 'relative.state.incomplete',
  declined: 'relative.state.declined',
  approved: 'relative.state.approved',
  corrected: 'relative.state.corrected',
} as const satisfies Record<VisitRow['state'], MessageKey>;

/** The list's days with both ends included, in the reader's language: "1–30 november 2026". */
function describePeriod(language: Language, firstDay: string, lastDay: string): string {
  const format = new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return format.formatRange(new Date(`${firstDay}T00:00:00Z`), new Date(`${lastDay}T00:00:00Z`));
}

/** Who was there, as the municipality lets relatives know them: a first name or what they work as. */
function describeStaff(visit: VisitRow, { t, label }: Translator): string {
  return visit.staff
    .map(
      (person) =>
        person.givenName ??
        (person.occupation ? label('staffOccupation', person.occupation) : t('relative.staffUnknown')),
    )
    .join(', ');
}

function VisitListView({ customer }: { customer: RelativeCustomer }) {
  const translator = useTranslator();
  const { t, language } = translator;
  // Without a choice the server's default: the 31 days up to today on its clock. The fields then
  // show the days the list covers, and the downloads are of exactly those days.
  const [period, setPeriod] = useAddressFilters({ from: '', to: '' });
  const path = `/relative/customers/${customer.id}/visits`;
  const list = useResource<VisitList>(
    withQuery(path, { from: period.from || undefined, to: period.to || undefined }),
  );
  const from = period.from || list.data?.firstDay || '';
  const to = period.to || list.data?.lastDay || '';
  const download = (format: 'pdf' | 'csv') => `/api/v1${withQuery(path, { from, to, format })}`;
  const rows = list.data ? { ...list, data: { items: list.data.visits } } : { ...list, data: undefined };
  return (
    <Page
      title={t('relative.title', { name: customer.name })}
      intro={t('relative.intro', { name: customer.name })}
    >
      <div className="card relative-period">
        <FilterBar>
          <PeriodField
            label={t('relative.from')}
            type="date"
            value={from}
            onPick={(picked) => setPeriod({ from: picked, to })}
          />
          <PeriodField
            label={t('relative.to')}
            type="date"
            value={to}
            onPick={(picked) => setPeriod({ from, to: picked })}
          />
        </FilterBar>
        {list.data && (
          <p className="relative-summary">
            <span data-period>
              {t('relative.period', {
                period: describePeriod(language, list.data.firstDay, list.data.lastDay),
              })}
            </span>
            <span className="relative-summary-separator" aria-hidden="true">
              {' · '}
            </span>
            <strong data-total={list.data.totalMinutes}>
              {t('relative.total', { minutes: list.data.totalMinutes })}
            </strong>
          </p>
        )}
        <p className="relative-downloads">
          <a className="button button-secondary" href={download('pdf')} download data-download="pdf">
            {t('relative.downloadPdf')}
          </a>
          <a className="button button-secondary" href={download('csv')} download data-download="csv">
            {t('relative.downloadCsv')}
          </a>
        </p>
      </div>
      <ResourceTable<VisitRow>
        resource={rows}
        emptyText={t('relative.empty')}
        caption={t('relative.title', { name: customer.name })}
        rowKey={(visit, index) => `${visit.date}-${visit.arrival}-${index}`}
        rowData={(visit) => ({ 'data-visit-date': visit.date })}
        // Read mostly on a phone: each visit a card, its date, times and staff first.
        isStackedOnPhone
        columns={[
          {
            header: t('relative.date'),
            render: (visit) => translator.formatDate(visit.date),
            isRowHeader: true,
          },
          { header: t('relative.arrival'), render: (visit) => visit.arrival },
          {
            header: t('relative.departure'),
            render: (visit) => visit.departure ?? t('relative.departureUnknown'),
          },
          {
            header: { text: t('relative.minutes'), isNumeric: true },
            render: (visit) => (visit.minutes === null ? '' : String(visit.minutes)),
          },
          {
            header: t('relative.staff'),
            render: (visit) => describeStaff(visit, translator),
            className: 'stacked-wide',
          },
          { header: t('relative.provider'), render: (visit) => visit.provider, className: 'stacked-wide' },
          {
            header: t('relative.state'),
            render: (visit) => t(stateKeys[visit.state]),
            className: 'stacked-wide',
          },
        ]}
      />
    </Page>
  );
}

export function RelativeVisitListPage() {
  const { t } = useTranslator();
  const customer = useResource<RelativeCustomer>('/relative/customer');
  if (customer.isLoading) return <LoadingState />;
  if (customer.error?.code === 'not_found')
    return (
      <Page title={t('nav.relative')}>
        <p className="card">{t('relative.noCustomer')}</p>
      </Page>
    );
  if (customer.error) return <ErrorState error={customer.error} onRetry={customer.reload} />;
  return <VisitListView customer={customer.data!} />;
}
