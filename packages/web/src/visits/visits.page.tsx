// The work lead's day (R5.1, R5.3): a timeline per staff member with their work shifts, the day's
// visits with their corrections, and the shifts. `?day=YYYY-MM-DD` picks the day; today by default.
import { DateStepper } from './date-stepper';
import type { Visit, VisitPage as VisitPageBody, WorkShiftPage } from '@portvakt/contract';
import { useSession } from '../accounts';
import { withQuery } from '../shared/api-client';
import { SimpleTable } from '../shared/data-table';
import { VisitTable } from './visit-table';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link, useSearchParams } from '../shared/router';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { ApproveDayButton, CorrectVisitButton, DeclineVisitButton } from './visit-actions';
import { listStaff } from './visit-staff';
import { clockTime, VisitTimeline } from './visit-timeline';

const pad = (value: number) => String(value).padStart(2, '0');
/** A local calendar day as YYYY-MM-DD. */
export const toDayString = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** Local midnight of a YYYY-MM-DD day, shifted by `days`. */
export function startOfDay(day: string, days = 0): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + days);
}

const clock = clockTime;

export function VisitsPage() {
  const { t, label } = useTranslator();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(params.get('day') ?? '')
    ? params.get('day')!
    : toDayString(new Date());
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
  const goTo = (days: number) => setParams({ day: toDayString(startOfDay(day, days)) });
  const row = (visit: Visit) => [
    `${clock(visit.arrival)}–${visit.departure ? clock(visit.departure) : ''}`,
    visit.customerName,
    visit.staffNames.join(', '),
    visit.minutes ?? t('visits.stillThere'),
    visit.services.map((service) => label('visitService', service)).join(', '),
    label('visitState', visit.state),
    label('visitSource', visit.source),
    canChange ? (
      <span className="row-actions">
        <CorrectVisitButton visit={visit} onChanged={reload} />
        <DeclineVisitButton visit={visit} onChanged={reload} />
      </span>
    ) : null,
  ];
  return (
    <Page title={t('visits.title')} intro={t('visits.intro')}>
      <div className="filters">
        <DateStepper
          label={t('visits.day')}
          previousLabel={t('visits.previousDay')}
          nextLabel={t('visits.nextDay')}
          value={day}
          onPick={(date) => setParams({ day: date })}
          onStep={goTo}
        />
        <Link to={`/visit-exceptions?from=${day}&to=${day}`}>{t('exceptions.title')}</Link>
        <Link to={`/visit-week?week=${day}`}>{t('week.title')}</Link>
      </div>
      <ResourceStates
        resource={visits}
        isEmpty={items.length === 0 && shiftItems.length === 0}
        emptyText={t('visits.none')}
      >
        <VisitTimeline visits={items} shifts={shiftItems} dayStart={dayStart} />
        {canChange && (
          <div className="filters" data-section="approvals">
            {listStaff(items, shiftItems).map(([id, name]) => (
              <ApproveDayButton key={id} staffMemberId={id} name={name} day={day} onChanged={reload} />
            ))}
          </div>
        )}
        <VisitTable
          caption={t('visits.caption')}
          headers={[
            t('visits.time'),
            t('visits.customer'),
            t('visits.staff'),
            { text: t('visits.minutes'), isNumeric: true },
            t('visits.services'),
            t('visits.state'),
            t('visits.source'),
            { text: t('visits.actions'), isVisuallyHidden: !canChange },
          ]}
          visits={items}
          cells={row}
        />
        {shiftItems.length > 0 && <h2>{t('visits.shiftsCaption')}</h2>}
        {shiftItems.length > 0 && (
          <SimpleTable
            caption={t('visits.shiftsCaption')}
            headers={[t('visits.staff'), t('visits.time'), t('visits.source'), t('visits.state')]}
          >
            {shiftItems.map((shift) => (
              <tr key={shift.id} data-work-shift={shift.id}>
                <td>{shift.staffName}</td>
                <td>{`${clock(shift.startsAt)}–${clock(shift.endsAt)}`}</td>
                <td>{label('workShiftSource', shift.source)}</td>
                <td>
                  {shift.approvedAt
                    ? t('visits.shiftApprovedBy', { by: shift.approvedBy ?? '' })
                    : t('visits.shiftOpen')}
                </td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </ResourceStates>
    </Page>
  );
}
