// "Återlämning av nycklar" (R8.3): per customer whether the physical keys may go back, or what is
// missing, filtered by district and provider, and optionally only customers with keys held; the
// filters live in the address (?district=&provider=&holding=0).
import type { KeyReturnReadinessReport } from '@portvakt/contract';
import { namedChoices } from '../components';
import { useSession } from '../accounts';
import { listAll, withQuery } from '../shared/api-client';
import { CheckboxField } from '../shared/field';
import { FilterBar } from '../shared/filter-bar';
import { SelectFilter } from '../shared/filters';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link } from '../shared/router';
import { RowTable } from '../shared/row-table';
import { Notice, ResourceStates } from '../shared/states';
import { useAddressFilters } from '../shared/use-address-filters';
import { useLoader, useResource } from '../shared/use-api';
import { ReadinessGaps } from './readiness-gaps';

interface Named {
  id: string;
  name: string;
}

export function KeyReturnReadinessPage() {
  const { t, formatNumber, formatDate } = useTranslator();
  const session = useSession();
  const [{ district, provider, holding }, setFilters] = useAddressFilters(
    { district: '', provider: '', holding: '1' },
    { holding: ['1', '0'] },
  );
  const isHoldingOnly = holding === '1';
  const report = useResource<KeyReturnReadinessReport>(
    withQuery('/key-return-readiness', {
      district: district || undefined,
      provider: provider || undefined,
      holding: isHoldingOnly ? true : undefined,
    }),
  );
  const canChooseProvider = session.me.providerId === null && session.can('provider');
  const choices = useLoader('readiness-choices', async (signal) => ({
    districts: (await listAll<Named>('/districts', {}, signal)).items,
    providers: canChooseProvider ? (await listAll<Named>('/providers', {}, signal)).items : [],
  }));
  const data = report.data;
  return (
    <Page title={t('readiness.title')} intro={t('readiness.intro')}>
      <FilterBar>
        <SelectFilter
          label={t('readiness.district')}
          value={district}
          options={namedChoices(choices.data?.districts)}
          onChange={(value) => setFilters({ district: value })}
        />
        {canChooseProvider && (
          <SelectFilter
            label={t('readiness.provider')}
            value={provider}
            options={namedChoices(choices.data?.providers)}
            onChange={(value) => setFilters({ provider: value })}
          />
        )}
        <CheckboxField
          label={t('readiness.onlyHolding')}
          isChecked={isHoldingOnly}
          onChange={(isChecked) => setFilters({ holding: isChecked ? '1' : '0' })}
        />
      </FilterBar>
      {data && (
        <p className="readiness-summary" data-summary="readiness">
          {t('readiness.summary', {
            ready: formatNumber(data.totals.ready),
            customers: formatNumber(data.totals.customers),
            readyHolding: formatNumber(data.totals.readyHoldingKeys),
            holding: formatNumber(data.totals.holdingKeys),
          })}{' '}
          <span className="muted">{t('readiness.day', { day: formatDate(data.day) })}</span>
        </p>
      )}
      {data?.isTruncated && <Notice tone="error">{t('readiness.truncated')}</Notice>}
      <ResourceStates resource={report} isEmpty={data?.items.length === 0} emptyText={t('readiness.empty')}>
        <section className="card">
          <RowTable
            caption={t('readiness.title')}
            rows={data?.items ?? []}
            rowKey={(item) => item.customerId}
            rowData={(item) => ({ 'data-customer': item.customerName, 'data-ready': String(item.isReady) })}
            columns={[
              {
                header: t('backupKeys.customer'),
                render: (item) => <Link to={`/customers/${item.customerId}`}>{item.customerName}</Link>,
              },
              { header: t('readiness.district'), render: (item) => item.districtName },
              {
                header: { text: t('readiness.keysHeld'), isNumeric: true },
                render: (item) => formatNumber(item.keysHeld),
              },
              {
                header: t('readiness.state'),
                render: (item) =>
                  item.isReady ? (
                    <span className="tag tag-installed">{t('readiness.isReady')}</span>
                  ) : (
                    <span className="tag tag-lost">{t('common.no')}</span>
                  ),
              },
              {
                header: t('readiness.missing'),
                render: (item) => (item.isReady ? '' : <ReadinessGaps missing={item.missing} />),
              },
            ]}
          />
        </section>
      </ResourceStates>
    </Page>
  );
}
