// The rollout dashboard (R8.1, docs/rollout.md): the Stockholm-style table per district with its
// totals, the chart over the past year, the CSV download, and the R2.6 warnings. The chosen day
// lives in the address (?asOf=).
import { rolloutColumns, type RolloutReport } from '@portvakt/contract';
import { FilterBar } from '../shared/filter-bar';
import { EmptyState, ResourceStates } from '../shared/states';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { useAddressFilters } from '../shared/use-address-filters';
import { useResource } from '../shared/use-api';
import { NightAccessTable } from './night-access';
import { RolloutChart } from './rollout-chart';
import { sayQuarter } from './rollout-quarter';

type Column = (typeof rolloutColumns)[number];

/** The table's column groups, in the contract's column order (the CSV's too). */
const groups: Array<{ label?: MessageKey; columns: Column[] }> = [
  { label: 'rollout.group.properties', columns: ['properties', 'propertiesAsked', 'propertiesConsented'] },
  {
    label: 'rollout.group.entranceLocks',
    columns: ['entranceLocksPlanned', 'entranceLocksInstalled', 'entranceLocksInUse'],
  },
  {
    label: 'rollout.group.apartmentLocks',
    columns: ['apartmentLocksPlanned', 'apartmentLocksInstalled', 'apartmentLocksInUse'],
  },
  {
    label: 'rollout.group.customers',
    columns: ['customersServed', 'customersKeyless', 'customersNightAccess'],
  },
  { columns: ['staffWithKeys'] },
];

export function RolloutPage() {
  const translator = useTranslator();
  const { t, formatNumber } = translator;
  // Empty: today, as the server judges it.
  const [{ asOf }, setFilters] = useAddressFilters({ asOf: '' });
  const query = asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
  const report = useResource<RolloutReport>(`/rollout${query}`);
  const data = report.data;
  return (
    <Page
      title={t('rollout.title')}
      intro={t('rollout.intro')}
      actions={
        <a
          className="button button-secondary"
          href={`/api/v1/rollout.csv${query}`}
          download
          data-action="csv"
        >
          {t('rollout.download')}
        </a>
      }
    >
      <FilterBar>
        <label>
          {t('rollout.asOf')}{' '}
          <input
            type="date"
            value={asOf || data?.asOf || ''}
            max={data && !asOf ? data.asOf : undefined}
            onChange={(event) => setFilters({ asOf: event.target.value })}
          />
        </label>
      </FilterBar>
      <ResourceStates resource={report} isEmpty={data?.rows.length === 0} emptyText={t('rollout.empty')}>
        {data && (
          <>
            <Section title={t('rollout.tableTitle')} section="rollout-table">
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('rollout.tableTitle')}>
                <table className="data-table rollout-table">
                  <caption className="visually-hidden">{t('rollout.tableTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col" rowSpan={2}>
                        {t('rollout.district')}
                      </th>
                      <th scope="col" rowSpan={2}>
                        {t('rollout.startQuarter')}
                      </th>
                      {groups.map((group) =>
                        group.label ? (
                          <th
                            key={group.label}
                            scope="colgroup"
                            colSpan={group.columns.length}
                            className="group"
                          >
                            {t(group.label)}
                          </th>
                        ) : (
                          <th key={group.columns[0]} scope="col" rowSpan={2} className="numeric">
                            {t(`rollout.col.${group.columns[0]!}` as MessageKey)}
                          </th>
                        ),
                      )}
                    </tr>
                    <tr>
                      {groups
                        .filter((group) => group.label)
                        .flatMap((group) =>
                          group.columns.map((column) => (
                            <th key={column} scope="col" className="numeric">
                              {t(`rollout.col.${column}` as MessageKey)}
                            </th>
                          )),
                        )}
                    </tr>
                  </thead>
                  <tbody>
                    {data.rows.map((row) => (
                      <tr key={row.district.id}>
                        <th scope="row">{row.district.name}</th>
                        <td>
                          {row.district.rolloutStartQuarter ? (
                            sayQuarter(translator, row.district.rolloutStartQuarter)
                          ) : (
                            <span className="muted">{t('rollout.noQuarter')}</span>
                          )}
                        </td>
                        {rolloutColumns.map((column) => (
                          <td key={column} className="numeric">
                            {formatNumber(row[column])}
                          </td>
                        ))}
                      </tr>
                    ))}
                    <tr className="totals-row">
                      <th scope="row">{t('rollout.totals')}</th>
                      <td />
                      {rolloutColumns.map((column) => (
                        <td key={column} className="numeric">
                          {formatNumber(data.totals[column])}
                        </td>
                      ))}
                    </tr>
                  </tbody>
                </table>
              </div>
            </Section>
            <section className="card">
              <RolloutChart points={data.history} />
            </section>
            <Section
              title={t('rollout.warningsTitle')}
              intro={t('rollout.warningsIntro')}
              section="night-access"
            >
              {data.nightAccess.length === 0 ? (
                <EmptyState>{t('rollout.warningsEmpty')}</EmptyState>
              ) : (
                <NightAccessTable items={data.nightAccess} />
              )}
            </Section>
          </>
        )}
      </ResourceStates>
    </Page>
  );
}
