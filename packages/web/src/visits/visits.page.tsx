// The work lead's day (R5.1, R5.3): a timeline per staff member with their work shifts, the day's
// visits with their corrections, and the shifts. `?day=YYYY-MM-DD` picks the day; today by default.
import { FilterBar } from '../shared/filter-bar';
import { DateStepper } from './date-stepper';
import type { VisitPage as VisitPageBody, WorkShiftPage } from '@portvakt/contract';
import { useSession } from '../accounts';
import { withQuery } from '../shared/api-client';
import { useVisitColumns, VisitTable } from './visit-table';
import { HeadedRowsTable } from './headed-rows-table';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link, useSearchParams } from '../shared/router';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { readDayParam, startOfDay } from '../shared/dates';
import { useId } from 'react';
import {
  ApproveVisitsButton,
  CorrectVisitButton,
  DeclineVisitButton,
  hasPeriodEnded,
  VoidVisitButton,
} from './visit-actions';
import { VisitHistoryButton } from './visit-history';
import { listStaff } from './visit-staff';
import { clockTime, VisitTimeline } from './visit-timeline';

const clock = clockTime;

export function VisitsPage() {
  const { t, label, formatDate } = useTranslator();
  const session = useSession();
  const [params] = useSearchParams();
  const day = readDayParam(params, 'day', new Date());
  const dayStart = startOfDay(day);
  const visits = useResource<VisitPageBody>(
    withQuery('/visits', {
      from: dayStart.toISOString(),
      to: startOfDay(day, 1).toISOString(),
      limit: '500',
    }),
  );
  const shifts = useResource<WorkShiftPage>(
    session.can('work_shift') ? withQuery('/work-shifts', { day, limit: '500' }) : null,
  );
  const items = visits.data?.items ?? [];
  const shiftItems = shifts.data?.items ?? [];
  const canChange = session.can('visit', 'update');
  const reload = () => {
    visits.reload();
    shifts.reload();
  };
  const columns = useVisitColumns();
  const notOverHintId = useId();
  return (
    <Page title={t('visits.title')} intro={t('visits.intro')}>
      <FilterBar>
        <DateStepper unit="day" value={day} />
        <Link to={`/visit-exceptions?from=${day}&to=${day}`}>{t('exceptions.title')}</Link>
        <Link to={`/visit-week?week=${day}`}>{t('week.title')}</Link>
      </FilterBar>
      <ResourceStates
        resource={visits}
        isEmpty={items.length === 0 && shiftItems.length === 0}
        emptyText={t('visits.none')}
      >
        <VisitTimeline visits={items} shifts={shiftItems} dayStart={dayStart} />
        {canChange && (
          <div className="approval-actions" data-section="approvals">
            {!hasPeriodEnded(day, 1) && (
              <p id={notOverHintId} className="hint">
                {t('visits.approveDayNotOver')}
              </p>
            )}
            {listStaff(items, shiftItems).map(([id, name]) => (
              <ApproveVisitsButton
                key={id}
                approval={{ staffMemberId: id, day }}
                notOverHintId={notOverHintId}
                label={t('visits.approveDay', { name })}
                title={t('visits.approveTitle', { name, day: formatDate(day) })}
                text={t('visits.approveText')}
                onChanged={reload}
              />
            ))}
          </div>
        )}
        <VisitTable
          caption={t('visits.caption')}
          visits={items}
          columns={[
            columns.time,
            { header: t('visits.customer'), render: (visit) => visit.customerName },
            columns.staff,
            columns.minutes,
            columns.services,
            columns.state,
            { header: t('visits.source'), render: (visit) => label('visitSource', visit.source) },
            {
              header: t('visits.actions'),
              // Who may read the day may read each visit's versions; who may change it, change it.
              render: (visit) => (
                <span className="row-actions">
                  <VisitHistoryButton visit={visit} />
                  {canChange && (
                    <>
                      <CorrectVisitButton visit={visit} onChanged={reload} />
                      <DeclineVisitButton visit={visit} onChanged={reload} />
                      <VoidVisitButton visit={visit} onChanged={reload} />
                    </>
                  )}
                </span>
              ),
            },
          ]}
        />
        <HeadedRowsTable
          caption={t('visits.shiftsCaption')}
          rows={shiftItems}
          rowData={(shift) => ({ 'data-work-shift': shift.id })}
          columns={[
            { header: t('visits.staff'), render: (shift) => shift.staffName },
            {
              header: t('visits.time'),
              render: (shift) => `${clock(shift.startsAt)}–${clock(shift.endsAt)}`,
            },
            { header: t('visits.source'), render: (shift) => label('workShiftSource', shift.source) },
            {
              header: t('visits.state'),
              render: (shift) =>
                shift.approvedAt
                  ? t('visits.shiftApprovedBy', { by: shift.approvedByName ?? shift.approvedBy ?? '' })
                  : t('visits.shiftOpen'),
            },
          ]}
        />
      </ResourceStates>
    </Page>
  );
}
