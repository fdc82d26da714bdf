// A customer's week at a glance (R5.1, R5.3; docs/visits.md "Console"): one row per day, each
// visit a bar from arrival to departure coloured by its state, each planned visit's time window
// a dashed outline behind it, so a missed, late or unplanned visit shows as a bar outside or an
// outline without one. Hand-written SVG like the day timeline; the table below holds the figures.
import type { PlannedVisit, Visit } from '@portvakt/contract';
import { hasVisitHappened, isVisitCounted } from '@portvakt/core';
import { useId } from 'react';
import { RowLabel } from '../events';
import { useTranslator } from '../shared/i18n';
import { sayCount } from '../shared/say-count';
import { HourLines, layOutHours, TimeBar } from './time-axis';
import { clockTime } from './visit-timeline';

const width = 900;
const labelWidth = 110;
const rowHeight = 44;
const axisHeight = 24;

/** The states in the order the legend names them. */
const legendStates = ['registered', 'approved', 'corrected', 'incomplete', 'declined', 'voided'] as const;

/** The seven local midnights of the week starting at `weekStart` (a Monday). */
export function listWeekDays(weekStart: Date): Date[] {
  return Array.from(
    { length: 7 },
    (_, i) => new Date(weekStart.getFullYear(), weekStart.getMonth(), weekStart.getDate() + i),
  );
}

/** Which of `days` an instant falls on, the last for anything later; -1 before the first. */
function dayIndexOf(at: string, days: readonly Date[]): number {
  const time = new Date(at).getTime();
  for (let i = days.length - 1; i >= 0; i--) if (time >= days[i]!.getTime()) return i;
  return -1;
}

export function VisitWeekChart({
  visits,
  planned,
  weekStart,
  title,
}: {
  visits: Visit[];
  planned: PlannedVisit[];
  weekStart: Date;
  title: string;
}) {
  const translator = useTranslator();
  const { t, label, language } = translator;
  const titleId = useId();
  const days = listWeekDays(weekStart);
  const weekEnd = new Date(days[6]!.getFullYear(), days[6]!.getMonth(), days[6]!.getDate() + 1).getTime();
  const minuteOf = (at: string, day: Date) => (new Date(at).getTime() - day.getTime()) / 60_000;
  const clamp = (minute: number) => Math.min(24 * 60, Math.max(0, minute));
  // Each bar or outline in its day's row, cut at the day's edges (a visit past midnight ends there).
  const place = (from: string, to: string | null) => {
    const index = dayIndexOf(from, days);
    if (index < 0 || new Date(from).getTime() >= weekEnd) return undefined;
    const day = days[index]!;
    const start = clamp(minuteOf(from, day));
    const end = to === null ? start + 15 : clamp(minuteOf(to, day));
    return { index, start, end };
  };
  const placed = [
    ...visits.map((v) => place(v.arrival, v.departure)),
    ...planned.map((p) => place(p.windowStart, p.windowEnd)),
  ].filter((p) => p !== undefined);
  const { scale, hours } = layOutHours(
    placed.map((p) => p.start),
    placed.map((p) => p.end),
    labelWidth,
    width,
  );
  /** A bar in its day's row, `inset` from the row's top and bottom. */
  const barIn = (at: { index: number; start: number; end: number }, inset: number, rx: number) => ({
    x1: scale(at.start),
    x2: scale(at.end),
    y: at.index * rowHeight + inset,
    height: rowHeight - 2 * inset,
    rx,
  });
  const locale = language === 'sv' ? 'sv-SE' : 'en-GB';
  const minutes = visits.reduce((sum, v) => sum + (isVisitCounted(v.state) ? (v.minutes ?? 0) : 0), 0);
  // A voided visit (registered by mistake) is drawn, but is not one of the week's visits.
  const visitCount = visits.filter((v) => hasVisitHappened(v.state)).length;
  const plannedMinutes = planned.reduce((sum, p) => sum + p.plannedMinutes, 0);
  return (
    <figure className="chart timeline" data-chart="week">
      <figcaption>
        <h2 id={titleId}>{title}</h2>
        <p className="chart-summary">
          {t('week.summary', {
            visits: sayCount(translator, 'visits.visitCount', visitCount),
            minutes: sayCount(translator, 'visits.minuteCount', minutes),
            planned: sayCount(translator, 'week.plannedCount', planned.length),
            plannedMinutes: sayCount(translator, 'week.plannedMinuteCount', plannedMinutes),
          })}
        </p>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${7 * rowHeight + axisHeight}`}
        role="img"
        aria-labelledby={titleId}
        className="timeline-svg"
      >
        <HourLines hours={hours} scale={scale} bottom={7 * rowHeight} />
        {days.map((day, index) => (
          <g key={day.getTime()} data-day={index}>
            <line
              className="week-row-line"
              x1={labelWidth}
              x2={width - 8}
              y1={(index + 1) * rowHeight}
              y2={(index + 1) * rowHeight}
            />
            <RowLabel
              x={labelWidth - 10}
              y={index * rowHeight + rowHeight / 2}
              text={day.toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'numeric' })}
            />
          </g>
        ))}
        {planned.map((plan) => {
          const at = place(plan.windowStart, plan.windowEnd);
          if (!at) return null;
          return (
            <TimeBar
              key={plan.id}
              className="planned-window"
              data-planned={plan.externalId}
              title={`${t('week.plannedWindow')} ${clockTime(plan.windowStart)}–${clockTime(plan.windowEnd)}, ${t('week.plannedMinutes', { minutes: plan.plannedMinutes })}`}
              place={barIn(at, 4, 4)}
            />
          );
        })}
        {visits.map((visit) => {
          const at = place(visit.arrival, visit.departure);
          if (!at) return null;
          const times = `${clockTime(visit.arrival)}–${visit.departure ? clockTime(visit.departure) : '?'}`;
          return (
            <TimeBar
              key={visit.id}
              className={`visit-bar visit-${visit.state}`}
              data-state={visit.state}
              title={`${times}, ${visit.staffNames.join(', ')}, ${label('visitState', visit.state)}`}
              place={barIn(at, 12, 3)}
            />
          );
        })}
      </svg>
      <ul className="chart-legend" aria-label={t('week.legend')}>
        {legendStates.map((state) => (
          <li key={state}>
            <svg width="28" height="14" aria-hidden="true" className={`visit-bar visit-${state}`}>
              <rect x="1" y="1" width="26" height="12" rx="3" />
            </svg>
            {label('visitState', state)}
          </li>
        ))}
        <li>
          <svg width="28" height="14" aria-hidden="true" className="planned-window">
            <rect x="1" y="1" width="26" height="12" rx="3" />
          </svg>
          {t('week.plannedWindow')}
        </li>
      </ul>
    </figure>
  );
}
