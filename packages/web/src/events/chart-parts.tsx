// The pieces the hand-written SVG charts share (this folder's charts, the battery forecast, the
// rollout, the visit day and week): row labels, a value grid, the first and last day under a time
// axis, the plot area inside the margins and the path of a line.
import { useTranslator } from '../shared/i18n';

/** The ticks of a 0–100 axis. */
export const percentTicks = [0, 25, 50, 75, 100];

// Rough advance widths of 15 px sans-serif text (the charts' labels): capitals and digits are
// wide, a few letters and punctuation narrow. Generous on purpose: a label cut a letter early
// reads better than one whose first letter falls off the chart's left edge.
const wideCharacter = /[A-ZÅÄÖÜÉ0-9mw@%&—–]/;
const narrowCharacter = /[ il.,:;'’|!()\[\]jft]/;
const advanceOf = (character: string) =>
  wideCharacter.test(character) ? 11 : narrowCharacter.test(character) ? 5 : 8.5;

/** About how wide `text` is in 15 px chart labels, in SVG units. */
export function estimateLabelWidth(text: string): number {
  let width = 0;
  for (const character of text) width += advanceOf(character);
  return width;
}

/** `label` cut with an ellipsis where it would not fit `maxWidth` (15 px chart labels). */
export function shortenLabel(label: string, maxWidth: number): string {
  if (estimateLabelWidth(label) <= maxWidth) return label;
  let width = estimateLabelWidth('…');
  let end = 0;
  for (const character of label) {
    if (width + advanceOf(character) > maxWidth) break;
    width += advanceOf(character);
    end += character.length;
  }
  return `${label.slice(0, end).trimEnd()}…`;
}

/** A row's label, right-aligned against `x` where the row's bars begin. */
export function RowLabel({ x, y, text }: { x: number; y: number; text: string }) {
  return (
    <text x={x} y={y} textAnchor="end" dominantBaseline="middle" className="bar-label">
      {text}
    </text>
  );
}

/** Grid lines across the chart from `left` to `right` at each tick, the tick printed at the left. */
export function ValueGrid({
  ticks,
  left,
  right,
  y,
  format,
}: {
  ticks: number[];
  left: number;
  right: number;
  y: (value: number) => number;
  format: (tick: number) => string;
}) {
  return ticks.map((tick) => (
    <g key={tick} className="line-grid">
      <line x1={left} x2={right} y1={y(tick)} y2={y(tick)} />
      <text x={left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle">
        {format(tick)}
      </text>
    </g>
  ));
}

/** A day as the axes print it ("3 dec."). */
export function useAxisDayFormat(): (time: number) => string {
  const { language } = useTranslator();
  const format = new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    day: 'numeric',
    month: 'short',
  });
  return (time: number) => format.format(new Date(time));
}

/** The first and last day of a time axis, under its two ends. */
export function DayAxisEnds({
  left,
  right,
  y,
  first,
  last,
}: {
  left: number;
  right: number;
  y: number;
  first: number;
  last: number;
}) {
  const formatDay = useAxisDayFormat();
  return (
    <>
      <text x={left} y={y} className="line-axis">
        {formatDay(first)}
      </text>
      <text x={right} y={y} textAnchor="end" className="line-axis">
        {formatDay(last)}
      </text>
    </>
  );
}

/** A chart's size and the margins its axes' labels take. */
export interface PlotMargins {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The plot inside the margins: its right and bottom edges, and the scales onto it. */
export function plotArea(margins: PlotMargins) {
  const { width, height, left, right, top, bottom } = margins;
  return {
    ...margins,
    plotRight: width - right,
    plotBottom: height - bottom,
    /** The x of a value on an axis running from `from` to `to`. */
    xScale: (from: number, to: number) => (value: number) =>
      left + ((value - from) / (to - from)) * (width - left - right),
    /** The y of a value on an axis from 0 up to `max`, kept on the axis. */
    yScale: (max: number) => (value: number) =>
      top + (1 - Math.min(max, Math.max(0, value)) / max) * (height - top - bottom),
  };
}

/** The SVG path of a line through the points, in order. */
export function linePath(points: Array<readonly [x: number, y: number]>): string {
  return points.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
}
