// The monthly compensation run (R5.2; docs/visits.md "Compensation run"): the month's runs per
// provider, running the month again as a new version, each run's lines, its difference to the
// version before, the CSV file and the PDF summary; time given against granted has its own page
// (given-versus-granted.page.tsx). `?month=YYYY-MM`.
import type { CompensationRun, CompensationRunDetail } from '@portvakt/contract';
import { useState } from 'react';
import { useSession } from '../accounts';
import { postApi, withQuery } from '../shared/api-client';
import { ConfirmedActionButton, useConfirmedAction } from '../shared/confirm-dialog';
import { SimpleTable } from '../shared/data-table';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { Link } from '../shared/router';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useMonthFilter } from './month-filter';

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
          <SimpleTable
            caption={t('compensation.lines', { provider: run.providerName, version: run.version })}
            headers={[
              t('visits.customer'),
              t('visits.services'),
              t('compensation.band'),
              { text: t('compensation.customerMinutes'), isNumeric: true },
              { text: t('compensation.staffMinutes'), isNumeric: true },
              { text: t('compensation.rate'), isNumeric: true },
              { text: t('compensation.amount'), isNumeric: true },
            ]}
          >
            {detail.data.lines.map((line) => (
              <tr key={`${line.customerId} ${line.service} ${line.band} ${line.perHour}`}>
                <td>{line.customerName}</td>
                <td>{label('visitService', line.service)}</td>
                <td>{label('timeBand', line.band)}</td>
                <td className="numeric">{line.customerMinutes}</td>
                <td className="numeric">{line.staffMinutes}</td>
                <td className="numeric">{kronor(line.perHour * 100, locale)}</td>
                <td className="numeric">{kronor(line.amountOre, locale)}</td>
              </tr>
            ))}
          </SimpleTable>
          <p>
            <Link to={`/given-versus-granted?month=${run.month}`}>{t('compensation.givenLink')}</Link>
          </p>
        </Section>
      )}
    </ResourceStates>
  );
}

export function CompensationPage() {
  const { t, formatDateTime, language } = useTranslator();
  const locale = language === 'sv' ? 'sv-SE' : 'en-GB';
  const session = useSession();
  const { month, filter } = useMonthFilter();
  const runs = useResource<{ items: CompensationRun[] }>(withQuery('/compensation-runs', { month }));
  const [shown, setShown] = useState<string | undefined>();
  const action = useConfirmedAction();
  const items = runs.data?.items ?? [];
  const runMonth = () =>
    action.run(async () => {
      await postApi('/compensation-runs', { month });
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
            title={t('compensation.runTitle', { month })}
            text={t('compensation.runText')}
            confirmLabel={t('compensation.run')}
            onConfirm={runMonth}
          />
        ) : undefined
      }
    >
      {filter}
      <ResourceStates resource={runs} isEmpty={items.length === 0} emptyText={t('compensation.none')}>
        <SimpleTable
          caption={t('compensation.runs')}
          headers={[
            t('compensation.provider'),
            { text: t('compensation.version'), isNumeric: true },
            { text: t('compensation.total'), isNumeric: true },
            { text: t('compensation.heldBack'), isNumeric: true },
            { text: t('compensation.late'), isNumeric: true },
            t('compensation.createdAt'),
            t('compensation.hash'),
            { text: t('visits.actions'), isVisuallyHidden: true },
          ]}
        >
          {items.map((run) => (
            <tr key={run.id} data-run={run.providerName}>
              <td>{run.providerName}</td>
              <td className="numeric">{run.version}</td>
              <td className="numeric">{kronor(run.totalAmountOre, locale)}</td>
              <td className="numeric">{run.heldBackVisitIds.length}</td>
              <td className="numeric">{run.lateVisitIds.length}</td>
              <td>{formatDateTime(run.createdAt)}</td>
              <td>
                <code title={run.hash}>{run.hash.slice(0, 12)}</code>
              </td>
              <td className="row-actions">
                <button type="button" className="button button-secondary" onClick={() => setShown(run.id)}>
                  {t('compensation.show')}
                </button>
                <a href={`/api/v1/compensation-runs/${run.id}/lines.csv`} download>
                  {t('compensation.download')}
                </a>
                <a href={`/api/v1/compensation-runs/${run.id}/summary.pdf`} download>
                  {t('compensation.downloadPdf')}
                </a>
              </td>
            </tr>
          ))}
        </SimpleTable>
      </ResourceStates>
      {shown && <RunDetail key={shown} runId={shown} />}
    </Page>
  );
}
