// The SLA report for the municipality (R9.2): per month and locksmith company, the share on site
// within the SLA, median and 90th percentile minutes, and every breach; a bar chart of the share
// per company over the period. The period shown lives in the address (?from=&to=), written when
// "Visa" is clicked.
import type { EmergencySlaReport } from '@portvakt/contract';
import { useState, type FormEvent, type ReactNode } from 'react';
import { BarChart } from '../events';
import { withQuery } from '../shared/api-client';
import { SimpleTable } from '../shared/data-table';
import { InputField } from '../shared/field';
import { FilterBar } from '../shared/filter-bar';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { RowTable } from '../shared/row-table';
import { Section } from '../shared/section';
import { ResourceStates } from '../shared/states';
import { useAddressFilters } from '../shared/use-address-filters';
import { useResource } from '../shared/use-api';

/** The current year up to the end of this month, Stockholm time, as the default period. */
function defaultPeriod(): { from: string; to: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(new Date());
  const [year, month] = today.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${year}-01-01`, to: `${year}-${String(month).padStart(2, '0')}-${lastDay}` };
}

type SlaFigures = EmergencySlaReport['total'];

/** A figure of the SLA table, shown alike for a company's month and for the total. */
interface FigureColumn {
  header: string;
  render: (figures: SlaFigures) => ReactNode;
}

function FigureCells({ columns, figures }: { columns: FigureColumn[]; figures: SlaFigures }) {
  return columns.map((column) => (
    <td key={column.header} className="numeric">
      {column.render(figures)}
    </td>
  ));
}

export function EmergencySlaPage() {
  const { t, formatNumber, formatDateTime } = useTranslator();
  const [period, setPeriod] = useAddressFilters(defaultPeriod());
  const [draft, setDraft] = useState(period);
  const report = useResource<EmergencySlaReport>(withQuery('/emergency-sla', period));
  const percent = (share: number | null) =>
    share === null ? '–' : `${formatNumber(Math.round(share * 100))} %`;
  const minutes = (value: number | null) => (value === null ? '–' : formatNumber(value));
  const figureColumns: FigureColumn[] = [
    { header: t('emergency.count'), render: (figures) => figures.count },
    { header: t('emergency.onTime'), render: (figures) => figures.onTime },
    { header: t('emergency.breached'), render: (figures) => figures.breached },
    { header: t('emergency.pending'), render: (figures) => figures.pending },
    { header: t('emergency.closedBeforeArrival'), render: (figures) => figures.closedBeforeArrival },
    { header: t('emergency.share'), render: (figures) => percent(figures.shareWithin) },
    { header: t('emergency.median'), render: (figures) => minutes(figures.medianMinutes) },
    { header: t('emergency.p90'), render: (figures) => minutes(figures.p90Minutes) },
  ];
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
      <FilterBar onSubmit={submit}>
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
      </FilterBar>
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
                  ...figureColumns.map((column) => ({ text: column.header, isNumeric: true })),
                ]}
              >
                {data.groups.map((group) => (
                  <tr key={`${group.month}-${group.locksmithCompanyId}`} data-month={group.month}>
                    <td>{group.month}</td>
                    <td>{group.locksmithCompanyName}</td>
                    <FigureCells columns={figureColumns} figures={group} />
                  </tr>
                ))}
                <tr className="total-row" data-month="total">
                  <th scope="row" colSpan={2}>
                    {t('emergency.total')}
                  </th>
                  <FigureCells columns={figureColumns} figures={data.total} />
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
              <RowTable
                emptyText={t('emergency.noBreaches')}
                caption={t('emergency.breaches')}
                rows={data.breaches}
                rowKey={(breach) => breach.emergencyId}
                rowData={(breach) => ({ 'data-breach': breach.reference })}
                columns={[
                  { header: t('emergency.reference'), render: (breach) => breach.reference },
                  { header: t('emergency.locksmith'), render: (breach) => breach.locksmithCompanyName },
                  {
                    header: t('emergency.assignedAt'),
                    render: (breach) => formatDateTime(breach.assignedAt),
                  },
                  { header: t('emergency.dueAt'), render: (breach) => formatDateTime(breach.dueAt) },
                  {
                    header: { text: t('emergency.minutes'), isNumeric: true },
                    render: (breach) => (
                      <>
                        {breach.minutes}
                        {breach.isStillWaiting ? ` (${t('emergency.stillWaiting')})` : ''}
                        {breach.closedAt ? ` (${t('emergency.closedWithoutLocksmith')})` : ''}
                      </>
                    ),
                  },
                ]}
              />
            </Section>
          </>
        )}
      </ResourceStates>
    </Page>
  );
}
