// The exceptions queue (R5.3; docs/visits.md "Exceptions"): what a work lead looks at before the
// month is paid, each resolved in one step: confirmed with a reason here, or corrected or
// declined on the day's page. `?from=&to=` (local days) pick the period; this month by default.
import type { Static } from 'typebox';
import { maxVisitExceptionDays, type VisitExceptionList } from '@portvakt/contract';
import { useSession } from '../accounts';
import { postApi, withQuery } from '../shared/api-client';
import { FilterBar } from '../shared/filter-bar';
import { ResourceTable } from '../shared/row-table';
import { DayRangeFields } from '../shared/filters';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link, useSearchParams } from '../shared/router';
import { Notice } from '../shared/states';
import { useResource } from '../shared/use-api';
import { ReasonActionButton } from './visit-actions';
import { readDayParam, startOfDay, toDayString } from '../shared/dates';

type QueuedException = Static<typeof VisitExceptionList>['items'][number];

function ConfirmExceptionButton({ exception, onDone }: { exception: QueuedException; onDone: () => void }) {
  const { t } = useTranslator();
  const confirm = async (reason: string) => {
    const { key, at, providerId } = exception;
    await postApi('/visit-exceptions/confirmations', { key, at, reason, providerId });
    onDone();
  };
  return (
    <ReasonActionButton
      label={t('exceptions.confirm')}
      title={t('exceptions.confirmTitle')}
      text={t('exceptions.confirmText')}
      confirmLabel={t('exceptions.confirm')}
      onConfirm={confirm}
    />
  );
}

/** How many days `from` to `to` (YYYY-MM-DD, both included) are, counted on the calendar. */
function countDays(from: string, to: string): number {
  const [fromDay, toDay] = [from, to].map((day) => Date.parse(`${day}T00:00:00Z`)) as [number, number];
  return Math.round((toDay - fromDay) / 86_400_000) + 1;
}

export function VisitExceptionsPage() {
  const { t, label, formatDateTime } = useTranslator();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const today = new Date();
  const from = readDayParam(params, 'from', new Date(today.getFullYear(), today.getMonth(), 1));
  const to = readDayParam(params, 'to', today);
  // The server's bound, said beside the fields before asking it (docs/visits.md "Exceptions").
  const isPeriodValid = from <= to && countDays(from, to) <= maxVisitExceptionDays;
  const queue = useResource<Static<typeof VisitExceptionList>>(
    isPeriodValid
      ? withQuery('/visit-exceptions', {
          from: startOfDay(from).toISOString(),
          to: startOfDay(to, 1).toISOString(),
        })
      : null,
  );
  const canResolve = session.can('visit', 'update');
  return (
    <Page title={t('exceptions.title')} intro={t('exceptions.intro')}>
      <FilterBar>
        <DayRangeFields
          fromLabel={t('exceptions.from')}
          toLabel={t('exceptions.to')}
          from={from}
          to={to}
          onChange={(change) => setParams(change)}
        />
      </FilterBar>
      {!isPeriodValid && (
        <Notice tone="error">{t('exceptions.badPeriod', { days: maxVisitExceptionDays })}</Notice>
      )}
      {isPeriodValid && (
        <ResourceTable
          resource={queue}
          emptyText={t('exceptions.none')}
          caption={t('exceptions.caption')}
          rowKey={(exception) => exception.key}
          rowData={(exception) => ({ 'data-exception': exception.code })}
          columns={[
            { header: t('exceptions.when'), render: (exception) => formatDateTime(exception.at) },
            { header: t('exceptions.what'), render: (exception) => label('visitException', exception.code) },
            { header: t('visits.customer'), render: (exception) => exception.customerName },
            {
              header: t('exceptions.holding'),
              render: (exception) =>
                exception.isHolding ? (
                  <span className="tag tag-warning">{t('exceptions.holding')}</span>
                ) : null,
            },
            {
              header: { text: t('visits.actions'), isVisuallyHidden: true },
              className: 'row-actions',
              render: (exception) => (
                <>
                  <Link to={`/visits?day=${toDayString(new Date(exception.at))}`}>
                    {t('exceptions.showVisit')}
                  </Link>
                  {canResolve && <ConfirmExceptionButton exception={exception} onDone={queue.reload} />}
                </>
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
