// The work lead's day at a glance (R5.1; docs/visits.md): one row per staff member, their work
// shift as a band behind the row, each visit a bar from arrival to departure, travel the gaps
// between. Hand-written SVG like the overview's charts: the figures also stand in the table below
// it, so nothing has to be read off an axis.
import type { Visit, WorkShift } from '@portvakt/contract';
import { hasVisitHappened, isVisitCounted } from '@portvakt/core';
import { useId } from 'react';
import { RowLabel } from '../events';
import { useTranslator } from '../shared/i18n';
import { sayCount } from '../shared/say-count';
import { HourLines, layOutHours, TimeBar } from './time-axis';
import { listStaff } from './visit-staff';

const width = 900;
const labelWidth = 170;
const rowHeight = 36;
const axisHeight = 24;

/** Minutes since local midnight of `day`. */
const minuteOfDay = (at: string, dayStart: Date) => (new Date(at).getTime() - dayStart.getTime()) / 60_000;
export const clockTime = (at: string) =>
  new Date(at).toLocaleTimeString('sv-SE', { hour: '2-digit', minute: '2-digit' });

export function VisitTimeline({
  visits,
  shifts = [],
  dayStart,
}: {
  visits: Visit[];
  shifts?: WorkShift[];
  dayStart: Date;
}) {
  const translator = useTranslator();
  const { t, label } = translator;
  const titleId = useId();
  const rows = listStaff(visits, shifts);
  // The day's working hours, widened to any visit outside them; shifts are cut at the day's edges.
  const clamp = (minute: number) => Math.min(24 * 60, Math.max(0, minute));
  const starts = [
    ...visits.map((v) => minuteOfDay(v.arrival, dayStart)),
    ...shifts.map((s) => clamp(minuteOfDay(s.startsAt, dayStart))),
  ];
  const ends = [
    ...visits.map((v) =>
      v.departure ? minuteOfDay(v.departure, dayStart) : minuteOfDay(v.arrival, dayStart) + 15,
    ),
    ...shifts.map((s) => clamp(minuteOfDay(s.endsAt, dayStart))),
  ];
  const { scale, hours } = layOutHours(starts, ends, labelWidth, width);
  const customers = new Set(visits.filter((v) => isVisitCounted(v.state)).map((v) => v.customerId)).size;
  const minutes = visits.reduce((sum, v) => sum + (isVisitCounted(v.state) ? (v.minutes ?? 0) : 0), 0);
  return (
    <figure className="chart timeline" data-chart="timeline">
      <figcaption>
        <h2 id={titleId}>{t('visits.timeline')}</h2>
        <p className="chart-summary">
          {t('visits.timelineSummary', {
            visits: sayCount(
              translator,
              'visits.visitCount',
              visits.filter((v) => hasVisitHappened(v.state)).length,
            ),
            customers: sayCount(translator, 'visits.customerCount', customers),
            minutes: sayCount(translator, 'visits.minuteCount', minutes),
          })}
          {shifts.length > 0 && ` · ${sayCount(translator, 'visits.shiftCount', shifts.length)}`}
        </p>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${rows.length * rowHeight + axisHeight}`}
        role="img"
        aria-labelledby={titleId}
        className="timeline-svg"
      >
        <HourLines hours={hours} scale={scale} bottom={rows.length * rowHeight} />
        {rows.map(([id, name], index) => {
          const y = index * rowHeight;
          const own = visits.filter((v) => v.staffMemberIds.includes(id));
          return (
            <g key={id} data-staff={name}>
              <RowLabel
                x={labelWidth - 10}
                y={y + rowHeight / 2}
                text={name.length > 16 ? `${name.slice(0, 15)}…` : name}
              />
              {shifts
                .filter((shift) => shift.staffMemberId === id)
                .map((shift) => {
                  const from = clamp(minuteOfDay(shift.startsAt, dayStart));
                  const to = clamp(minuteOfDay(shift.endsAt, dayStart));
                  const state = shift.approvedAt
                    ? t('visits.shiftApprovedBy', { by: shift.approvedByName ?? shift.approvedBy ?? '' })
                    : t('visits.shiftOpen');
                  return (
                    <TimeBar
                      key={shift.id}
                      className={`shift-band${shift.approvedAt ? ' shift-approved' : ''}`}
                      data-shift={shift.source}
                      title={`${t('visits.shift')} ${clockTime(shift.startsAt)}–${clockTime(shift.endsAt)}, ${label('workShiftSource', shift.source)}, ${state}`}
                      place={{
                        x1: scale(from),
                        x2: scale(to),
                        y: y + 2,
                        height: rowHeight - 4,
                        rx: 4,
                        minWidth: 2,
                      }}
                    />
                  );
                })}
              {own.map((visit) => {
                const from = minuteOfDay(visit.arrival, dayStart);
                const to = visit.departure ? minuteOfDay(visit.departure, dayStart) : from + 15;
                const times = `${clockTime(visit.arrival)}–${visit.departure ? clockTime(visit.departure) : '?'}`;
                return (
                  <TimeBar
                    key={visit.id}
                    className={`visit-bar visit-${visit.state}`}
                    title={`${visit.customerName}, ${times}, ${label('visitState', visit.state)}`}
                    place={{ x1: scale(from), x2: scale(to), y: y + 6, height: rowHeight - 12, rx: 3 }}
                  />
                );
              })}
            </g>
          );
        })}
      </svg>
      {shifts.length > 0 && <p className="chart-note">{t('visits.shiftLegend')}</p>}
    </figure>
  );
}
