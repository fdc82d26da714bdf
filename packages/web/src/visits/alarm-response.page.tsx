// Alarm response times (R11.1; docs/visits.md "Alarm response times"): per district and provider
// the median and 90th percentile from alarm to the first opening at the customer's door, as a
// chart and a table, and the alarms no arrival was recorded for. `?month=YYYY-MM`.
import type { AlarmResponseReport } from '@portvakt/contract';
import { BarChart } from '../events';
import { withQuery } from '../shared/api-client';
import { RowTable } from '../shared/row-table';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useMonthFilter } from './month-filter';

export function AlarmResponsePage() {
  const { t, formatDateTime } = useTranslator();
  const { month, filter } = useMonthFilter();
  const report = useResource<AlarmResponseReport>(withQuery('/alarm-response-times', { month }));
  const groups = report.data?.groups ?? [];
  const unanswered = report.data?.unanswered ?? [];
  const total = groups.reduce((sum, g) => sum + g.alarms, 0);
  return (
    <Page title={t('alarms.title')} intro={t('alarms.intro')}>
      {filter}
      <ResourceStates
        resource={report}
        isEmpty={groups.length === 0 && unanswered.length === 0}
        emptyText={t('alarms.none')}
      >
        {groups.length > 0 && (
          <BarChart
            title={t('alarms.chart')}
            summary={t('alarms.chartSummary', { alarms: total, unanswered: unanswered.length })}
            unit=" min"
            bars={groups.map((g) => ({
              // The district alone when one provider answers there; both where several do.
              label:
                groups.filter((other) => other.districtId === g.districtId).length > 1
                  ? `${g.districtName}: ${g.providerName}`
                  : g.districtName,
              value: g.medianMinutes,
              tone: g.p90Minutes > 30 ? 'warning' : 'primary',
            }))}
          />
        )}
        <RowTable
          caption={t('alarms.caption')}
          rows={groups}
          rowKey={(g) => `${g.districtId} ${g.providerId}`}
          rowData={(g) => ({ 'data-alarm-group': g.districtName })}
          columns={[
            { header: t('alarms.district'), render: (g) => g.districtName },
            { header: t('compensation.provider'), render: (g) => g.providerName },
            { header: { text: t('alarms.count'), isNumeric: true }, render: (g) => g.alarms },
            { header: { text: t('alarms.median'), isNumeric: true }, render: (g) => g.medianMinutes },
            { header: { text: t('alarms.p90'), isNumeric: true }, render: (g) => g.p90Minutes },
          ]}
        />
        {unanswered.length > 0 && (
          <Section title={t('alarms.unanswered')} intro={t('alarms.unansweredIntro')} section="unanswered">
            <RowTable
              caption={t('alarms.unanswered')}
              rows={unanswered}
              rowKey={(a) => a.alarmId}
              columns={[
                { header: t('alarms.raisedAt'), render: (a) => formatDateTime(a.raisedAt) },
                { header: t('visits.customer'), render: (a) => a.customerName },
                { header: t('alarms.district'), render: (a) => a.districtName },
              ]}
            />
          </Section>
        )}
      </ResourceStates>
    </Page>
  );
}
