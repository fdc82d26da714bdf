// The rollout over the past year as a hand-written SVG line chart (no chart library: the console
// has none, and three lines need none): locks mounted, locks in use and fully keyless customers
// at each month's end, with a legend, the last figures written out and the same points as a table.
import type { RolloutPoint } from '@portvakt/contract';
import { useId } from 'react';
import { ChartTable, linePath, plotArea, ValueGrid } from '../events';
import { useTranslator, type MessageKey } from '../shared/i18n';

const area = plotArea({ width: 640, height: 240, left: 44, right: 16, top: 16, bottom: 30 });

const series: Array<{ key: 'locksInstalled' | 'locksInUse' | 'customersKeyless'; label: MessageKey }> = [
  { key: 'locksInstalled', label: 'rollout.series.locksInstalled' },
  { key: 'locksInUse', label: 'rollout.series.locksInUse' },
  { key: 'customersKeyless', label: 'rollout.series.customersKeyless' },
];

/** A round step for the value axis: 1, 2 or 5 times a power of ten, about four ticks. */
function findStep(max: number): number {
  const rough = Math.max(1, max) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough) ?? power * 10;
}

export function RolloutChart({ points }: { points: RolloutPoint[] }) {
  const { t, formatNumber, formatDate, language } = useTranslator();
  const titleId = useId();
  const summaryId = useId();
  const last = points.at(-1);
  const max = Math.max(1, ...points.flatMap((p) => series.map((s) => p[s.key])));
  const step = findStep(max);
  const top_ = Math.ceil(max / step) * step;
  const x = area.xScale(0, Math.max(1, points.length - 1));
  const y = area.yScale(top_);
  const month = (day: string) =>
    new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
      month: 'short',
      timeZone: 'UTC',
    }).format(new Date(`${day}T00:00:00Z`));
  const ticks: number[] = [];
  for (let value = 0; value <= top_; value += step) ticks.push(value);
  return (
    <figure className="chart rollout-chart" data-chart="rollout">
      <figcaption>
        <h2 id={titleId}>{t('rollout.chartTitle')}</h2>
        {last && (
          <p id={summaryId} className="chart-summary">
            {t('rollout.chartSummary', {
              day: formatDate(last.day),
              installed: formatNumber(last.locksInstalled),
              inUse: formatNumber(last.locksInUse),
              keyless: formatNumber(last.customersKeyless),
            })}
          </p>
        )}
      </figcaption>
      <ul className="rollout-legend">
        {series.map((s, index) => (
          <li key={s.key}>
            <span className={`rollout-swatch rollout-series-${index}`} aria-hidden="true" />
            {t(s.label)}
          </li>
        ))}
      </ul>
      <svg
        viewBox={`0 0 ${area.width} ${area.height}`}
        role="img"
        aria-labelledby={`${titleId} ${summaryId}`}
        className="chart-svg"
        preserveAspectRatio="xMinYMin meet"
      >
        <ValueGrid ticks={ticks} left={area.left} right={area.plotRight} y={y} format={formatNumber} />
        {points.map((point, index) => (
          <text key={point.day} x={x(index)} y={area.height - 10} textAnchor="middle" className="line-axis">
            {index === points.length - 1 ? point.day.slice(5) : month(point.day)}
          </text>
        ))}
        {series.map((s, index) => (
          <g key={s.key} className={`rollout-line rollout-series-${index}`}>
            <path d={linePath(points.map((p, i) => [x(i), y(p[s.key])]))} />
            {points.map((p, i) => (
              <circle key={p.day} cx={x(i)} cy={y(p[s.key])} r={3}>
                <title>{`${formatDate(p.day)}: ${t(s.label)} ${formatNumber(p[s.key])}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <ChartTable
        caption={t('rollout.chartTitle')}
        rows={points}
        rowKey={(point) => point.day}
        columns={[
          { header: t('rollout.day'), isRowHeader: true, render: (point) => formatDate(point.day) },
          ...series.map((s) => ({
            header: { text: t(s.label), isNumeric: true },
            render: (point: RolloutPoint) => formatNumber(point[s.key]),
          })),
        ]}
      />
    </figure>
  );
}
