// The SLA report for the municipality (R9.2): per month and locksmith company, the share on site
// within the SLA, median and 90th percentile minutes, and every breach; a bar chart of the share
// per company over the period.
import type { EmergencySlaReport } from '@portvakt/contract';
import { useState, type FormEvent } from 'react';
import { BarChart } from '../events';
import { withQuery } from '../shared/api-client';
import { SimpleTable } from '../shared/data-table';
import { InputField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';

/** The current year up to the end of this month, Stockholm time, as the default period. */
function defaultPeriod(): { from: string; to: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const [year, month] = today.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${year}-01-01`, to: `${year}-${String(month).padStart(2, '0')}-${lastDay}` };
}

function readPeriodFromAddress(): { from: string; to: string } {
  const query = new URLSearchParams(window.location.search);
  const fallback = defaultPeriod();
  return { from: query.get('from') ?? fallback.from, to: query.get('to') ?? fallback.to };
}

export function EmergencySlaPage() {
  const { t, formatNumber, formatDateTime } = useTranslator();
  const [period, setPeriod] = useState(readPeriodFromAddress);
  const [draft, setDraft] = useState(period);
  const report = useResource<EmergencySlaReport>(withQuery('/emergency-sla', period));
  const percent = (share: number | null) =>
    share === null ? '–' : `${formatNumber(Math.round(share * 100))} %`;
  const minutes = (value: number | null) => (value === null ? '–' : formatNumber(value));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPeriod(draft);
  };
  const data = report.data;
  const companies = new Map<string, { name: string; onTime: number; decided: number }>();
  for (const group of data?.groups ?? []) {
    const company = companies.get(group.locksmithCompanyId) ?? {
      name: group.locksmithCompanyName,
      onTime: 0,
      decided: 0,
    };
    company.onTime += group.onTime;
    company.decided += group.onTime + group.breached;
    companies.set(group.locksmithCompanyId, company);
  }
  return (
    <Page
      title={t('emergency.slaTitle')}
      intro={t('emergency.slaIntro', { minutes: data?.slaMinutes ?? 60 })}
    >
      <form className="filters" onSubmit={submit}>
        <InputField
          label={t('emergency.from')}
          type="date"
          value={draft.from}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
        />
        <InputField
          label={t('emergency.to')}
          type="date"
          value={draft.to}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
        />
        <button type="submit" className="button button-secondary">
          {t('emergency.show')}
        </button>
      </form>
      <ResourceStates
        resource={report}
        isEmpty={(data?.total.count ?? 0) === 0}
        emptyText={t('emergency.none')}
      >
        {data && (
          <>
            <Section title={t('emergency.total')} section="sla-table">
              <SimpleTable
                caption={t('emergency.slaTitle')}
                headers={[
                  t('emergency.month'),
                  t('emergency.locksmith'),
                  { text: t('emergency.count'), isNumeric: true },
                  { text: t('emergency.onTime'), isNumeric: true },
                  { text: t('emergency.breached'), isNumeric: true },
                  { text: t('emergency.pending'), isNumeric: true },
                  { text: t('emergency.share'), isNumeric: true },
                  { text: t('emergency.median'), isNumeric: true },
                  { text: t('emergency.p90'), isNumeric: true },
                ]}
              >
                {data.groups.map((group) => (
                  <tr key={`${group.month}-${group.locksmithCompanyId}`} data-month={group.month}>
                    <td>{group.month}</td>
                    <td>{group.locksmithCompanyName}</td>
                    <td className="numeric">{group.count}</td>
                    <td className="numeric">{group.onTime}</td>
                    <td className="numeric">{group.breached}</td>
                    <td className="numeric">{group.pending}</td>
                    <td className="numeric">{percent(group.shareWithin)}</td>
                    <td className="numeric">{minutes(group.medianMinutes)}</td>
                    <td className="numeric">{minutes(group.p90Minutes)}</td>
                  </tr>
                ))}
                <tr className="total-row" data-month="total">
                  <th scope="row" colSpan={2}>
                    {t('emergency.total')}
                  </th>
                  <td className="numeric">{data.total.count}</td>
                  <td className="numeric">{data.total.onTime}</td>
                  <td className="numeric">{data.total.breached}</td>
                  <td className="numeric">{data.total.pending}</td>
                  <td className="numeric">{percent(data.total.shareWithin)}</td>
                  <td className="numeric">{minutes(data.total.medianMinutes)}</td>
                  <td className="numeric">{minutes(data.total.p90Minutes)}</td>
                </tr>
              </SimpleTable>
            </Section>
            <BarChart
              title={t('emergency.chartTitle')}
              summary={t('emergency.chartSummary', { minutes: data.slaMinutes })}
              categoryHeader={t('emergency.locksmith')}
              maxValue={100}
              unit=" %"
              bars={[...companies.values()]
                .filter((company) => company.decided > 0)
                .map((company) => {
                  const value = Math.round((company.onTime / company.decided) * 100);
                  return {
                    label: company.name,
                    value,
                    tone: value >= 90 ? 'good' : value >= 70 ? 'warning' : 'danger',
                  };
                })}
            />
            <Section title={t('emergency.breaches')} section="sla-breaches">
              {data.breaches.length === 0 ? (
                <p className="muted">{t('emergency.noBreaches')}</p>
              ) : (
                <SimpleTable
                  caption={t('emergency.breaches')}
                  headers={[
                    t('emergency.reference'),
                    t('emergency.locksmith'),
                    t('emergency.assignedAt'),
                    t('emergency.dueAt'),
                    { text: t('emergency.minutes'), isNumeric: true },
                  ]}
                >
                  {data.breaches.map((breach) => (
                    <tr key={breach.emergencyId} data-breach={breach.reference}>
                      <td>{breach.reference}</td>
                      <td>{breach.locksmithCompanyName}</td>
                      <td>{formatDateTime(breach.assignedAt)}</td>
                      <td>{formatDateTime(breach.dueAt)}</td>
                      <td className="numeric">
                        {breach.minutes}
                        {breach.isStillWaiting ? ` (${t('emergency.stillWaiting')})` : ''}
                      </td>
                    </tr>
                  ))}
                </SimpleTable>
              )}
            </Section>
          </>
        )}
      </ResourceStates>
    </Page>
  );
}
