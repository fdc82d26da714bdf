// The work lead's day at a glance (R5.1; docs/visits.md): one row per staff member, each visit a
// bar from arrival to departure, travel the gaps between. Hand-written SVG like the overview's
// charts: the figures also stand in the table below it, so nothing has to be read off an axis.
import type { Visit } from '@portvakt/contract';
import { useId } from 'react';
import { useTranslator } from '../shared/i18n';
import { listStaff } from './visit-staff';

const width = 900;
const labelWidth = 170;
const rowHeight = 36;
const axisHeight = 24;

/** Minutes since local midnight of `day`. */
const minuteOfDay = (at: string, dayStart: Date) => (new Date(at).getTime() - dayStart.getTime()) / 60_000;

export function VisitTimeline({ visits, dayStart }: { visits: Visit[]; dayStart: Date }) {
  const { t, label } = useTranslator();
  const titleId = useId();
  const rows = listStaff(visits);
  // The day's working hours, widened to any visit outside them.
  const starts = visits.map((v) => minuteOfDay(v.arrival, dayStart));
  const ends = visits.map((v) =>
    v.departure ? minuteOfDay(v.departure, dayStart) : minuteOfDay(v.arrival, dayStart) + 15,
  );
  const first = Math.floor(Math.min(6 * 60, ...starts) / 60) * 60;
  const last = Math.ceil(Math.max(22 * 60, ...ends) / 60) * 60;
  const scale = (minute: number) =>
    labelWidth + ((minute - first) / (last - first)) * (width - labelWidth - 8);
  const hours = Array.from({ length: (last - first) / 60 + 1 }, (_, i) => first + i * 60);
  const customers = new Set(visits.filter((v) => v.state !== 'declined').map((v) => v.customerId)).size;
  const minutes = visits.reduce((sum, v) => sum + (v.state === 'declined' ? 0 : (v.minutes ?? 0)), 0);
  return (
    <figure className="chart timeline" data-chart="timeline">
      <figcaption>
        <h2 id={titleId}>{t('visits.timeline')}</h2>
        <p className="chart-summary">
          {t('visits.timelineSummary', { visits: visits.length, customers, minutes })}
        </p>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${rows.length * rowHeight + axisHeight}`}
        role="img"
        aria-labelledby={titleId}
        className="timeline-svg"
      >
        {hours.map((hour) => (
          <g key={hour} className="timeline-hour">
            <line x1={scale(hour)} x2={scale(hour)} y1={0} y2={rows.length * rowHeight} />
            <text x={scale(hour)} y={rows.length * rowHeight + 16} textAnchor="middle">
              {String(Math.floor(hour / 60) % 24).padStart(2, '0')}
            </text>
          </g>
        ))}
        {rows.map(([id, name], index) => {
          const y = index * rowHeight;
          const own = visits.filter((v) => v.staffMemberIds.includes(id));
          return (
            <g key={id} data-staff={name}>
              <text
                x={labelWidth - 10}
                y={y + rowHeight / 2}
                textAnchor="end"
                dominantBaseline="middle"
                className="bar-label"
              >
                {name.length > 16 ? `${name.slice(0, 15)}…` : name}
              </text>
              {own.map((visit) => {
                const from = minuteOfDay(visit.arrival, dayStart);
                const to = visit.departure ? minuteOfDay(visit.departure, dayStart) : from + 15;
                const times = `${new Date(visit.arrival).toLocaleTimeString('sv-SE', { hour: '2-digit', minute: '2-digit' })}–${
                  visit.departure
                    ? new Date(visit.departure).toLocaleTimeString('sv-SE', {
                        hour: '2-digit',
                        minute: '2-digit',
                      })
                    : '?'
                }`;
                return (
                  <g key={visit.id} className={`visit-bar visit-${visit.state}`}>
                    <title>{`${visit.customerName}, ${times}, ${label('visitState', visit.state)}`}</title>
                    <rect
                      x={scale(from)}
                      y={y + 6}
                      width={Math.max(4, scale(to) - scale(from))}
                      height={rowHeight - 12}
                      rx={3}
                    />
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
