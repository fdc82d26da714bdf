// The lock list's battery view (issue #12 item 7): installed locks at most N % or due within N
// weeks, searched by address, property or serial, sorted by predicted change or level. The
// filters live in the address (?batteryMax=&dueWeeks=&batteryQ=&batterySort=) like the list's own.
import type { BatteryForecastList } from '@portvakt/contract';
import type { FormEvent } from 'react';
import { useSession } from '../accounts';
import { withQuery } from '../shared/api-client';
import { InputField, SelectField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link, useSearchParams } from '../shared/router';
import { useResource } from '../shared/use-api';
import { useDraft } from '../shared/use-draft';
import { BatteryRows } from './battery-rows';

/** Whether the address asks for the battery view, and the actor may have it. */
export function useIsBatteryView(): boolean {
  const session = useSession();
  const [params] = useSearchParams();
  return session.can('battery_forecast') && Boolean(params.get('batteryMax') || params.get('dueWeeks'));
}

/** The two battery filters, offered above the lock list to the roles that read forecasts. */
export function BatteryFilterForm() {
  const { t } = useTranslator();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const { draft, bind } = useDraft({
    batteryMax: params.get('batteryMax') ?? '',
    dueWeeks: params.get('dueWeeks') ?? '',
    batteryQ: params.get('batteryQ') ?? '',
  });
  if (!session.can('battery_forecast')) return null;
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setParams(draft);
  };
  return (
    <form className="round-form battery-filter" onSubmit={apply} aria-label={t('batteries.filterTitle')}>
      <InputField label={t('batteries.maxLevel')} type="number" min={0} max={100} {...bind('batteryMax')} />
      <InputField label={t('batteries.dueWithin')} type="number" min={1} max={26} {...bind('dueWeeks')} />
      <InputField label={t('batteries.searchAddress')} type="search" maxLength={100} {...bind('batteryQ')} />
      <button type="submit" className="button">
        {t('batteries.applyFilter')}
      </button>
    </form>
  );
}

export function BatteryLockListPage() {
  const { t } = useTranslator();
  const [params, setParams] = useSearchParams();
  const sort = params.get('batterySort') === 'batteryLevel' ? 'batteryLevel' : 'dueAt';
  const list = useResource<BatteryForecastList>(
    withQuery('/battery-forecast', {
      maxLevel: params.get('batteryMax'),
      withinWeeks: params.get('dueWeeks'),
      q: params.get('batteryQ'),
      sort,
    }),
  );
  return (
    <Page title={t('locks.title')} intro={t('locks.intro')}>
      <BatteryFilterForm />
      <div className="round-form">
        <SelectField
          label={t('batteries.sort')}
          value={sort}
          onValue={(batterySort) => setParams({ batterySort })}
        >
          <option value="dueAt">{t('batteries.sortDue')}</option>
          <option value="batteryLevel">{t('batteries.sortLevel')}</option>
        </SelectField>
        <p>
          <Link to="/locks">{t('batteries.clearFilter')}</Link>
        </p>
      </div>
      <BatteryRows list={list} emptyText={t('common.noResults')} caption={t('locks.caption')} />
    </Page>
  );
}
