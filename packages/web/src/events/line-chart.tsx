// A small hand-written line chart in SVG (a value over time, 0–100), with the first, lowest and
// latest values printed as text and the same points offered as a table.
import { useId } from 'react';
import { useTranslator } from '../shared/i18n';

export interface Point {
  at: string;
  value: number;
}

const width = 560;
const height = 180;
const left = 44;
const right = 12;
const top = 12;
const bottom = 28;

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
  const { t, formatDateTime, language } = useTranslator();
  const formatDay = (time: number) =>
    new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', { day: 'numeric', month: 'short' }).format(
      new Date(time),
    );
  const titleId = useId();
  const summaryId = useId();
  const times = points.map((point) => Date.parse(point.at));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = Math.max(1, last - first);
  const x = (time: number) => left + ((time - first) / span) * (width - left - right);
  const y = (value: number) => top + (1 - Math.min(100, Math.max(0, value)) / 100) * (height - top - bottom);
  const path = points
    .map(
      (point, index) =>
        `${index === 0 ? 'M' : 'L'}${x(times[index]!).toFixed(1)},${y(point.value).toFixed(1)}`,
    )
    .join(' ');
  return (
    <figure className="chart" data-chart={title}>
      <figcaption>
        <h2 id={titleId}>{title}</h2>
        <p id={summaryId} className="chart-summary">
          {summary}
        </p>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${summaryId}`}
        className="chart-svg line-chart"
        preserveAspectRatio="xMinYMin meet"
      >
        {[0, 25, 50, 75, 100].map((tick) => (
          <g key={tick} className="line-grid">
            <line x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} />
            <text x={left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle">
              {`${tick}${unit}`}
            </text>
          </g>
        ))}
        <text x={left} y={height - 8} className="line-axis">
          {formatDay(first)}
        </text>
        <text x={width - right} y={height - 8} textAnchor="end" className="line-axis">
          {formatDay(last)}
        </text>
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
      </svg>
      <details className="chart-table">
        <summary>{t('common.showAsTable')}</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.time')}</th>
              <th scope="col" className="numeric">
                {valueHeader}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((point, index) => (
              <tr key={`${point.at}-${index}`}>
                <th scope="row">{formatDateTime(point.at)}</th>
                <td className="numeric">{`${point.value}${unit}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
