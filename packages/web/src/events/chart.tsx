// Hand-written SVG charts: a horizontal bar chart, bars of a value against a reference, and a line
// over time (0–100). All share one frame: a title and a summary in words, the figures printed as
// text (nothing to read off an axis), colours that pass 3:1 against white, and the same figures
// offered as a table.
import { useId, type ReactNode } from 'react';
import { useTranslator } from '../shared/i18n';
import { RowTable, type RowColumn } from '../shared/row-table';
import {
  DayAxisEnds,
  linePath,
  percentTicks,
  plotArea,
  RowLabel,
  shortenLabel,
  ValueGrid,
} from './chart-parts';

export const chartWidth = 560;

/** The frame every chart shares: caption, the SVG, and a table view of the same figures. */
export function ChartFigure({
  title,
  summary,
  height,
  svgClassName,
  headers,
  rows,
  children,
}: {
  title: string;
  summary: string;
  height: number;
  svgClassName: string;
  /** The table view's two column headers: what is counted or measured, and its value. */
  headers: [string, string];
  rows: Array<{ key: string; label: string; value: string }>;
  children: ReactNode;
}) {
  const titleId = useId();
  const summaryId = useId();
  return (
    <figure className="chart" data-chart={title}>
      <figcaption>
        <h2 id={titleId}>{title}</h2>
        <p id={summaryId} className="chart-summary">
          {summary}
        </p>
      </figcaption>
      <svg
        viewBox={`0 0 ${chartWidth} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${summaryId}`}
        className={svgClassName}
        preserveAspectRatio="xMinYMin meet"
      >
        {children}
      </svg>
      <ChartTable
        caption={title}
        rows={rows}
        rowKey={(row) => row.key}
        columns={[
          { header: headers[0], isRowHeader: true, render: (row) => row.label },
          { header: { text: headers[1], isNumeric: true }, render: (row) => row.value },
        ]}
      />
    </figure>
  );
}

/** A chart's figures as a table, folded away: the same figures for those who cannot see the chart. */
export function ChartTable<Row>(table: {
  caption: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: Array<RowColumn<Row>>;
}) {
  const { t } = useTranslator();
  return (
    <details className="chart-table">
      <summary>{t('common.showAsTable')}</summary>
      <RowTable frame="plain" {...table} />
    </details>
  );
}

export type BarTone = 'primary' | 'good' | 'warning' | 'danger' | 'neutral';

export interface Bar {
  label: string;
  value: number;
  tone?: BarTone;
}

const rowHeight = 34;
const labelWidth = 190;
const valueWidth = 56;

/** A label that fits the label column, right-aligned 8 units before the bars, with a margin. */
const shorten = (label: string) => shortenLabel(label, labelWidth - 16);

export function BarChart({
  title,
  summary,
  bars,
  categoryHeader,
  maxValue,
  unit = '',
}: {
  title: string;
  summary: string;
  bars: Bar[];
  /** The table view's first column header (default "Kategori"). */
  categoryHeader?: string;
  /** The value a full bar stands for (default the largest bar), e.g. 100 for percentages. */
  maxValue?: number;
  /** Printed after each value, e.g. " %". */
  unit?: string;
}) {
  const { t, formatNumber: formatPlain } = useTranslator();
  const formatNumber = (value: number) => `${formatPlain(value)}${unit}`;
  const largest = Math.max(1, maxValue ?? 0, ...bars.map((bar) => bar.value));
  // Room for the printed value and its unit to the right of the longest bar.
  const barSpace = chartWidth - labelWidth - valueWidth - unit.length * 9;
  return (
    <ChartFigure
      title={title}
      summary={summary}
      height={bars.length * rowHeight + 8}
      svgClassName="chart-svg"
      headers={[categoryHeader ?? t('overview.category'), t('overview.value')]}
      rows={bars.map((bar) => ({ key: bar.label, label: bar.label, value: formatNumber(bar.value) }))}
    >
      {bars.map((bar, index) => {
        const y = index * rowHeight + 4;
        const width = bar.value === 0 ? 0 : Math.max(3, (bar.value / largest) * barSpace);
        return (
          <g key={bar.label} className={`bar bar-${bar.tone ?? 'primary'}`}>
            <title>{`${bar.label}: ${formatNumber(bar.value)}`}</title>
            <RowLabel x={labelWidth - 8} y={y + rowHeight / 2} text={shorten(bar.label)} />
            <rect x={labelWidth} y={y + 4} width={width} height={rowHeight - 10} rx={3} />
            <text
              x={labelWidth + width + 6}
              y={y + rowHeight / 2}
              dominantBaseline="middle"
              className="bar-value"
            >
              {formatNumber(bar.value)}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}

export interface ComparedBar {
  label: string;
  /** What was measured, drawn filled, e.g. minutes given. */
  value: number;
  /** What it is measured against, drawn as the track behind it, e.g. minutes granted. */
  reference: number;
  tone?: BarTone;
}

const legendHeight = 28;

/**
 * Horizontal bars of a value against a reference per row: the reference as an outlined track,
 * the value filled over it, both printed ("45 / 600 min"), so a shortfall is the empty part of
 * the track.
 */
export function ComparisonChart({
  title,
  summary,
  bars,
  valueName,
  referenceName,
  categoryHeader,
  unit = '',
}: {
  title: string;
  summary: string;
  bars: ComparedBar[];
  valueName: string;
  referenceName: string;
  categoryHeader?: string;
  unit?: string;
}) {
  const { t, formatNumber } = useTranslator();
  const printed = (bar: ComparedBar) => `${formatNumber(bar.value)} / ${formatNumber(bar.reference)}${unit}`;
  const largest = Math.max(1, ...bars.flatMap((bar) => [bar.value, bar.reference]));
  // Room for the longest printed pair to the right of the longest bar.
  const pairWidth = Math.max(...bars.map((bar) => printed(bar).length), 4) * 8.5;
  const barSpace = chartWidth - labelWidth - pairWidth - 12;
  const widthOf = (value: number) => (value === 0 ? 0 : Math.max(3, (value / largest) * barSpace));
  return (
    <ChartFigure
      title={title}
      summary={summary}
      height={legendHeight + bars.length * rowHeight + 8}
      svgClassName="chart-svg comparison-chart"
      headers={[categoryHeader ?? t('overview.category'), `${valueName} / ${referenceName}`]}
      rows={bars.map((bar, index) => ({
        key: `${bar.label}-${index}`,
        label: bar.label,
        value: printed(bar),
      }))}
    >
      <g className="comparison-legend" aria-hidden="true">
        <rect x={labelWidth} y={6} width={14} height={14} rx={2} className="comparison-value" />
        <text x={labelWidth + 20} y={13} dominantBaseline="middle">
          {valueName}
        </text>
        <rect x={labelWidth + 130} y={6} width={14} height={14} rx={2} className="comparison-reference" />
        <text x={labelWidth + 150} y={13} dominantBaseline="middle">
          {referenceName}
        </text>
      </g>
      {bars.map((bar, index) => {
        const y = legendHeight + index * rowHeight + 4;
        const track = widthOf(bar.reference);
        const filled = widthOf(bar.value);
        return (
          <g
            key={`${bar.label}-${index}`}
            className={`bar bar-${bar.tone ?? 'primary'}`}
            data-bar={bar.label}
          >
            <title>{`${bar.label}: ${valueName} ${printed(bar)}`}</title>
            <RowLabel x={labelWidth - 8} y={y + rowHeight / 2} text={shorten(bar.label)} />
            {track > 0 && (
              <rect
                x={labelWidth}
                y={y + 4}
                width={track}
                height={rowHeight - 10}
                rx={3}
                className="comparison-reference"
              />
            )}
            <rect x={labelWidth} y={y + 8} width={filled} height={rowHeight - 18} rx={2} />
            <text
              x={labelWidth + Math.max(track, filled) + 6}
              y={y + rowHeight / 2}
              dominantBaseline="middle"
              className="bar-value"
            >
              {printed(bar)}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}

export interface Point {
  at: string;
  value: number;
}

const lineArea = plotArea({ width: chartWidth, height: 180, left: 44, right: 12, top: 12, bottom: 28 });

export function LineChart({
  title,
  summary,
  points,
  unit,
  valueHeader,
}: {
  title: string;
  summary: string;
  points: Point[];
  unit: string;
  valueHeader: string;
}) {
  const { t, formatDateTime } = useTranslator();
  const times = points.map((point) => Date.parse(point.at));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = Math.max(1, last - first);
  const x = lineArea.xScale(first, first + span);
  const y = lineArea.yScale(100);
  const path = linePath(points.map((point, index) => [x(times[index]!), y(point.value)]));
  return (
    <ChartFigure
      title={title}
      summary={summary}
      height={lineArea.height}
      svgClassName="chart-svg line-chart"
      headers={[t('events.time'), valueHeader]}
      rows={points.map((point, index) => ({
        key: `${point.at}-${index}`,
        label: formatDateTime(point.at),
        value: `${point.value}${unit}`,
      }))}
    >
      <ValueGrid
        ticks={percentTicks}
        left={lineArea.left}
        right={lineArea.plotRight}
        y={y}
        format={(tick) => `${tick}${unit}`}
      />
      <DayAxisEnds
        left={lineArea.left}
        right={lineArea.plotRight}
        y={lineArea.height - 8}
        first={first}
        last={last}
      />
      <path d={path} className="line-path" />
      {points.length <= 60 &&
        points.map((point, index) => (
          <circle
            key={`${point.at}-${index}`}
            cx={x(times[index]!)}
            cy={y(point.value)}
            r={3}
            className="line-dot"
          >
            <title>{`${formatDateTime(point.at)}: ${point.value}${unit}`}</title>
          </circle>
        ))}
    </ChartFigure>
  );
}
