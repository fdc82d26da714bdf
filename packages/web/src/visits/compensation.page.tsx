// The monthly compensation run (R5.2; docs/visits.md "Compensation run"): the month's runs per
// provider, running the month again as a new version, each run's lines, its difference to the
// version before, the CSV file and the PDF summary; time given against granted has its own page
// (given-versus-granted.page.tsx). `?month=YYYY-MM`.
import type { CompensationRun, CompensationRunDetail } from '@portvakt/contract';
import { useState } from 'react';
import { useSession } from '../accounts';
import { ApiRequestError, postApi, withQuery } from '../shared/api-client';
import { ConfirmedActionButton, useConfirmedAction } from '../shared/confirm-dialog';
import { ResourceTable, RowTable } from '../shared/row-table';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { Link } from '../shared/router';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { formatMonth, useMonthFilter } from './month-filter';

/** The band and day a refused run names when the rates leave a day without one rate (docs/visits.md). */
interface UnpricedDay {
  band: string;
  day: string;
}

function readUnpricedDay(error: unknown): UnpricedDay | undefined {
  if (!(error instanceof ApiRequestError)) return undefined;
  if (error.code !== 'no_rate_for_day' && error.code !== 'overlapping_rates') return undefined;
  const details = error.details as Partial<UnpricedDay> | undefined;
  return details?.band && details.day ? { band: details.band, day: details.day } : undefined;
}

const kronor = (ore: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'SEK' }).format(ore / 100);

function RunDetail({ runId }: { runId: string }) {
  const { t, label, language } = useTranslator();
  const locale = language === 'sv' ? 'sv-SE' : 'en-GB';
  const detail = useResource<CompensationRunDetail>(`/compensation-runs/${runId}`);
  const run = detail.data?.run;
  return (
    <ResourceStates resource={detail} isEmpty={false} emptyText="">
      {run && detail.data && (
        <Section
          title={t('compensation.lines', { provider: run.providerName, version: run.version })}
          section="run-lines"
        >
          {detail.data.diff && (
            <p>
              {t('compensation.diff', {
                version: detail.data.diff.previousVersion,
                added: detail.data.diff.added,
                removed: detail.data.diff.removed,
                changed: detail.data.diff.changed,
                delta: kronor(detail.data.diff.amountDeltaOre, locale),
              })}
            </p>
          )}
          <RowTable
            caption={t('compensation.lines', { provider: run.providerName, version: run.version })}
            rows={detail.data.lines}
            rowKey={(line) => `${line.customerId} ${line.service} ${line.band} ${line.perHour}`}
            columns={[
              { header: t('visits.customer'), render: (line) => line.customerName },
              { header: t('visits.services'), render: (line) => label('visitService', line.service) },
              { header: t('compensation.band'), render: (line) => label('timeBand', line.band) },
              {
                header: { text: t('compensation.customerMinutes'), isNumeric: true },
                render: (line) => line.customerMinutes,
              },
              {
                header: { text: t('compensation.staffMinutes'), isNumeric: true },
                render: (line) => line.staffMinutes,
              },
              {
                header: { text: t('compensation.rate'), isNumeric: true },
                render: (line) => kronor(line.perHour * 100, locale),
              },
              {
                header: { text: t('compensation.amount'), isNumeric: true },
                render: (line) => kronor(line.amountOre, locale),
              },
            ]}
          />
          <p>
            <Link to={`/given-versus-granted?month=${run.month}`}>{t('compensation.givenLink')}</Link>
          </p>
        </Section>
      )}
    </ResourceStates>
  );
}

export function CompensationPage() {
  const { t, label, formatDate, formatDateTime, language } = useTranslator();
  const locale = language === 'sv' ? 'sv-SE' : 'en-GB';
  const session = useSession();
  const { month, filter } = useMonthFilter();
  const runs = useResource<{ items: CompensationRun[] }>(withQuery('/compensation-runs', { month }));
  const [shown, setShown] = useState<string | undefined>();
  const action = useConfirmedAction();
  // Which band and day the rates leave unpriced, said under the refusal so it can be put right.
  const [unpriced, setUnpriced] = useState<UnpricedDay>();
  const runMonth = () =>
    action.run(async () => {
      setUnpriced(undefined);
      try {
        await postApi('/compensation-runs', { month });
      } catch (error) {
        setUnpriced(readUnpricedDay(error));
        throw error;
      }
      runs.reload();
    });
  return (
    <Page
      title={t('compensation.title')}
      intro={t('compensation.intro')}
      actions={
        session.can('compensation_run', 'create') ? (
          <ConfirmedActionButton
            action={action}
            label={t('compensation.run')}
            tone="primary"
            title={t('compensation.runTitle', { month: formatMonth(month, language) })}
            text={t('compensation.runText')}
            confirmLabel={t('compensation.run')}
            onConfirm={runMonth}
          >
            {action.problem && unpriced && (
              <p data-notice="unpriced-day">
                {t('compensation.unpricedDay', {
                  band: label('timeBand', unpriced.band),
                  day: formatDate(unpriced.day),
                })}
              </p>
            )}
          </ConfirmedActionButton>
        ) : undefined
      }
    >
      {filter}
      <ResourceTable
        resource={runs}
        emptyText={t('compensation.none')}
        caption={t('compensation.runs')}
        rowData={(run) => ({ 'data-run': run.providerName })}
        columns={[
          { header: t('compensation.provider'), render: (run) => run.providerName },
          { header: { text: t('compensation.version'), isNumeric: true }, render: (run) => run.version },
          {
            header: { text: t('compensation.total'), isNumeric: true },
            render: (run) => kronor(run.totalAmountOre, locale),
          },
          {
            header: { text: t('compensation.heldBack'), isNumeric: true },
            render: (run) => run.heldBackVisitIds.length,
          },
          {
            header: { text: t('compensation.late'), isNumeric: true },
            render: (run) => run.lateVisitIds.length,
          },
          { header: t('compensation.createdAt'), render: (run) => formatDateTime(run.createdAt) },
          {
            header: t('compensation.hash'),
            render: (run) => <code title={run.hash}>{run.hash.slice(0, 12)}</code>,
          },
          {
            header: { text: t('visits.actions'), isVisuallyHidden: true },
            className: 'row-actions',
            render: (run) => (
              <>
                <button type="button" className="button button-secondary" onClick={() => setShown(run.id)}>
                  {t('compensation.show')}
                </button>
                <a href={`/api/v1/compensation-runs/${run.id}/lines.csv`} download>
                  {t('compensation.download')}
                </a>
                <a href={`/api/v1/compensation-runs/${run.id}/summary.pdf`} download>
                  {t('compensation.downloadPdf')}
                </a>
              </>
            ),
          },
        ]}
      />
      {shown && <RunDetail key={shown} runId={shown} />}
    </Page>
  );
}
