// "Nycklar kvar" (R11.2): physical backup keys held at each month end, as a bar chart (the events
// chart) and tables per provider and per district, with the key handling avoided.
import type { KeysHeldReport } from '@portvakt/contract';
import { useState } from 'react';
import { BarChart } from '../events';
import { withQuery } from '../shared/api-client';
import { SimpleTable } from '../shared/data-table';
import { InputField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';

function SeriesTable({
  title,
  nameHeader,
  days,
  rows,
}: {
  title: string;
  nameHeader: string;
  days: string[];
  rows: Array<{ id: string; name: string; keys: number[] }>;
}) {
  const { t, formatNumber } = useTranslator();
  return (
    <Section title={title} section={title}>
      {rows.length === 0 ? (
        <p className="muted">{t('keysHeld.empty')}</p>
      ) : (
        <div className="table-scroll keys-held-table" tabIndex={0} role="region" aria-label={title}>
          <SimpleTable
            caption={title}
            headers={[nameHeader, ...days.map((day) => ({ text: day, isNumeric: true }))]}
          >
            {rows.map((row) => (
              <tr key={row.id} data-series={row.name}>
                <th scope="row">{row.name}</th>
                {row.keys.map((keys, index) => (
                  <td key={days[index]} className="numeric">
                    {formatNumber(keys)}
                  </td>
                ))}
              </tr>
            ))}
          </SimpleTable>
        </div>
      )}
    </Section>
  );
}

export function KeysHeldPage() {
  const { t, formatNumber, formatDate } = useTranslator();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const report = useResource<KeysHeldReport>(
    withQuery('/keys-held', { from: from || undefined, to: to || undefined }),
  );
  const data = report.data;
  const last = data?.points.at(-1);
  const days = data?.points.map((point) => point.day) ?? [];
  const returned = data?.points.reduce((sum, point) => sum + point.keysReturned, 0) ?? 0;
  return (
    <Page title={t('keysHeld.title')} intro={t('keysHeld.intro')}>
      <div className="form-inline">
        <InputField
          label={t('keysHeld.from')}
          type="month"
          value={from || data?.from || ''}
          onValue={setFrom}
        />
        <InputField label={t('keysHeld.to')} type="month" value={to || data?.to || ''} onValue={setTo} />
      </div>
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
                bars={data.points.map((point) => ({ label: point.day, value: point.keys }))}
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
                <SimpleTable
                  caption={t('keysHeld.totals')}
                  headers={[
                    t('keysHeld.month'),
                    { text: t('keysHeld.keys'), isNumeric: true },
                    { text: t('keysHeld.copies'), isNumeric: true },
                    { text: t('keysHeld.customers'), isNumeric: true },
                    { text: t('keysHeld.keysReturned'), isNumeric: true },
                    { text: t('keysHeld.customersReturned'), isNumeric: true },
                    { text: t('keysHeld.cabinetTakes'), isNumeric: true },
                  ]}
                >
                  {data.points.map((point) => (
                    <tr key={point.day} data-day={point.day}>
                      <th scope="row">{point.day}</th>
                      <td className="numeric">{formatNumber(point.keys)}</td>
                      <td className="numeric">{formatNumber(point.copies)}</td>
                      <td className="numeric">{formatNumber(point.customers)}</td>
                      <td className="numeric">{formatNumber(point.keysReturned)}</td>
                      <td className="numeric">{formatNumber(point.customersReturned)}</td>
                      <td className="numeric">{formatNumber(point.cabinetTakes)}</td>
                    </tr>
                  ))}
                </SimpleTable>
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
