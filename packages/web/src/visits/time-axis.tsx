// The parts the day timeline and the week chart share: the hour axis (06–22 at least, widened to
// whole hours around whatever falls outside) and the bars, each with its title as hover text.
import type { ReactNode, SVGProps } from 'react';

/** The x of each minute of the day between the row labels and the right edge, and the whole hours. */
export function layOutHours(starts: number[], ends: number[], labelWidth: number, width: number) {
  const first = Math.floor(Math.min(6 * 60, ...starts) / 60) * 60;
  const last = Math.ceil(Math.max(22 * 60, ...ends) / 60) * 60;
  const scale = (minute: number) =>
    labelWidth + ((minute - first) / (last - first)) * (width - labelWidth - 8);
  const hours = Array.from({ length: (last - first) / 60 + 1 }, (_, i) => first + i * 60);
  return { scale, hours };
}

/** A line down the chart at each whole hour, with the hour under it. */
export function HourLines({
  hours,
  scale,
  bottom,
}: {
  hours: number[];
  scale: (minute: number) => number;
  bottom: number;
}) {
  return (
    <>
      {hours.map((hour) => (
        <g key={hour} className="timeline-hour">
          <line x1={scale(hour)} x2={scale(hour)} y1={0} y2={bottom} />
          <text x={scale(hour)} y={bottom + 16} textAnchor="middle">
            {String(Math.floor(hour / 60) % 24).padStart(2, '0')}
          </text>
        </g>
      ))}
    </>
  );
}

/** Where a bar stands: from `x1` to `x2` (at least `minWidth` wide), `y` and `height`, corner `rx`. */
export interface BarPlace {
  x1: number;
  x2: number;
  y: number;
  height: number;
  rx: number;
  minWidth?: number;
}

/** One bar: a group (its class and data attributes) with the title and the rounded rectangle. */
export function TimeBar({
  place,
  title,
  ...group
}: { place: BarPlace; title: string } & Omit<SVGProps<SVGGElement>, 'children'>): ReactNode {
  const { x1, x2, y, height, rx, minWidth = 4 } = place;
  return (
    <g {...group}>
      <title>{title}</title>
      <rect x={x1} y={y} width={Math.max(minWidth, x2 - x1)} height={height} rx={rx} />
    </g>
  );
}
