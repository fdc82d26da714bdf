// A hand-written horizontal bar chart in SVG: labels and values are printed as text (nothing to
// read off an axis), colours pass 3:1 against white, and the same figures are offered as a table.
import { useId } from 'react';
import { useTranslator } from '../shared/i18n';

export type BarTone = 'primary' | 'good' | 'warning' | 'danger' | 'neutral';

export interface Bar {
  label: string;
  value: number;
  tone?: BarTone;
}

const rowHeight = 34;
const labelWidth = 190;
const valueWidth = 56;
const chartWidth = 560;

function shorten(label: string, max = 24): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export function BarChart({
  title,
  summary,
  bars,
  categoryHeader,
}: {
  title: string;
  summary: string;
  bars: Bar[];
  /** The table view's first column header (default "Kategori"). */
  categoryHeader?: string;
}) {
  const { t, formatNumber } = useTranslator();
  const titleId = useId();
  const summaryId = useId();
  const largest = Math.max(1, ...bars.map((bar) => bar.value));
  const barSpace = chartWidth - labelWidth - valueWidth;
  const height = bars.length * rowHeight + 8;
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
        className="chart-svg"
        preserveAspectRatio="xMinYMin meet"
      >
        {bars.map((bar, index) => {
          const y = index * rowHeight + 4;
          const width = bar.value === 0 ? 0 : Math.max(3, (bar.value / largest) * barSpace);
          return (
            <g key={bar.label} className={`bar bar-${bar.tone ?? 'primary'}`}>
              <title>{`${bar.label}: ${formatNumber(bar.value)}`}</title>
              <text
                x={labelWidth - 8}
                y={y + rowHeight / 2}
                textAnchor="end"
                dominantBaseline="middle"
                className="bar-label"
              >
                {shorten(bar.label)}
              </text>
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
      </svg>
      <details className="chart-table">
        <summary>{t('common.showAsTable')}</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryHeader ?? t('overview.category')}</th>
              <th scope="col" className="numeric">
                {t('overview.value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                <td className="numeric">{formatNumber(bar.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
