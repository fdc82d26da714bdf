// The rollout dashboard (R8.1, docs/rollout.md): the Stockholm-style table per district with its
// totals, the chart over the past year, the CSV download, and the R2.6 warnings.
import { rolloutColumns, type RolloutReport } from '@portvakt/contract';
import { useState } from 'react';
import { SimpleTable } from '../shared/data-table';
import { EmptyState, ResourceStates } from '../shared/states';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { useResource } from '../shared/use-api';
import { NightAccessTable } from './night-access';
import { RolloutChart } from './rollout-chart';

export function RolloutPage() {
  const { t, formatNumber } = useTranslator();
  // Empty: today, as the server judges it.
  const [asOf, setAsOf] = useState('');
  const query = asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
  const report = useResource<RolloutReport>(`/rollout${query}`);
  const data = report.data;
  const header = (column: (typeof rolloutColumns)[number]) => ({
    text: t(`rollout.col.${column}` as MessageKey),
    isNumeric: true,
  });
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
      <div className="form-inline rollout-filter">
        <label>
          {t('rollout.asOf')}{' '}
          <input
            type="date"
            value={asOf || data?.asOf || ''}
            max={data && !asOf ? data.asOf : undefined}
            onChange={(event) => setAsOf(event.target.value)}
          />
        </label>
      </div>
      <ResourceStates resource={report} isEmpty={data?.rows.length === 0} emptyText={t('rollout.empty')}>
        {data && (
          <>
            <Section title={t('rollout.tableTitle')} section="rollout-table">
              <SimpleTable
                caption={t('rollout.tableTitle')}
                headers={[t('rollout.district'), t('rollout.startQuarter'), ...rolloutColumns.map(header)]}
              >
                {data.rows.map((row) => (
                  <tr key={row.district.id}>
                    <th scope="row">{row.district.name}</th>
                    <td>
                      {row.district.rolloutStartQuarter ?? (
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
              </SimpleTable>
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
