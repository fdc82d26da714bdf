// The lock page's battery section: predicted against actual (docs/batteries.md). The chart shows
// the daily levels the forecast used, the fitted line running on to the threshold, the predicted
// date and the recorded battery changes; under it the changes, and a form to record one.
import type { LockBattery } from '@portvakt/contract';
import { batteryChangeDoers } from '@portvakt/contract';
import { useState, type FormEvent } from 'react';
import { useSession } from '../accounts';
import {
  ChartFigure,
  chartWidth,
  DayAxisEnds,
  linePath,
  percentTicks,
  plotArea,
  useAxisDayFormat,
  ValueGrid,
} from '../events';
import { postApi } from '../shared/api-client';
import { InputField, SelectField, SubmitButton } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { RowTable } from '../shared/row-table';
import { ErrorState, LoadingState, Notice } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useDraft } from '../shared/use-draft';
import { useDayFormat } from './battery-rows';
import { useApiCall } from './use-api-call';

const area = plotArea({ width: chartWidth, height: 220, left: 44, right: 16, top: 14, bottom: 30 });
const dayMs = 86_400_000;

function ForecastChart({ battery }: { battery: LockBattery }) {
  const { t, formatNumber } = useTranslator();
  const formatDate = useDayFormat();
  const readings = battery.readings.map((reading) => ({ at: Date.parse(reading.at), level: reading.level }));
  const changes = battery.changes.map((change) => Date.parse(change.changedAt));
  const due = battery.dueAt ? Date.parse(battery.dueAt) : null;
  const times = [...readings.map((reading) => reading.at), ...changes, ...(due === null ? [] : [due])];
  const first = Math.min(...times);
  const last = Math.max(...times, first + dayMs);
  const x = area.xScale(first, last);
  const y = area.yScale(100);
  const formatDay = useAxisDayFormat();
  const line = battery.line;
  const lineFrom = battery.since ? Math.max(Date.parse(battery.since), first) : readings[0]?.at;
  const levelAt = (time: number) => line!.level + (line!.slopePerDay * (time - Date.parse(line!.at))) / dayMs;
  const summary =
    battery.dueAt && battery.ratePerMonth !== null && battery.confidence
      ? t('batteries.forecastSummary', {
          threshold: battery.threshold,
          due: formatDate(battery.dueAt),
          rate: formatNumber(battery.ratePerMonth),
          confidence: t(`batteries.confidence.${battery.confidence}` as MessageKey),
          days: battery.readingDays,
        })
      : t('batteries.forecastUnknown', {
          reason: t(`batteries.reason.${battery.unknownReason ?? 'no_readings'}` as MessageKey),
        });
  // Nothing to draw (a lock that never reported, or a battery changed since): the words only.
  if (times.length === 0)
    return (
      <>
        <h2>{t('batteries.forecastTitle')}</h2>
        <p className="chart-summary">{summary}</p>
      </>
    );
  return (
    <>
      <ChartFigure
        title={t('batteries.forecastTitle')}
        summary={summary}
        height={area.height}
        svgClassName="chart-svg line-chart forecast-chart"
        headers={[t('batteries.changedAt'), t('batteries.level')]}
        rows={battery.readings.map((reading) => ({
          key: reading.at,
          label: formatDate(reading.at),
          value: `${Math.round(reading.level)} %`,
        }))}
      >
        <ValueGrid
          ticks={percentTicks}
          left={area.left}
          right={area.plotRight}
          y={y}
          format={(tick) => `${tick} %`}
        />
        <DayAxisEnds left={area.left} right={area.plotRight} y={area.height - 8} first={first} last={last} />
        <line
          className="forecast-threshold"
          x1={area.left}
          x2={area.plotRight}
          y1={y(battery.threshold)}
          y2={y(battery.threshold)}
        />
        {changes.map((time) => (
          <line
            key={time}
            className="forecast-change"
            x1={x(time)}
            x2={x(time)}
            y1={area.top}
            y2={area.plotBottom}
          >
            <title>{`${t('batteries.legendChange')} ${formatDate(new Date(time).toISOString())}`}</title>
          </line>
        ))}
        {readings.length > 0 && (
          <path
            className="line-path"
            d={linePath(readings.map((reading) => [x(reading.at), y(reading.level)]))}
          />
        )}
        {line && lineFrom !== undefined && due !== null && (
          <>
            <path
              className="forecast-line"
              d={linePath([
                [x(lineFrom), y(levelAt(lineFrom))],
                [x(due), y(levelAt(due))],
              ])}
            />
            <line
              className="forecast-due"
              x1={x(due)}
              x2={x(due)}
              y1={y(battery.threshold) - 10}
              y2={area.plotBottom}
            />
            <text
              className="forecast-label"
              x={Math.min(x(due), area.plotRight - 4)}
              y={y(battery.threshold) - 14}
              textAnchor="end"
            >
              {formatDay(due)}
            </text>
          </>
        )}
      </ChartFigure>
      <ul className="forecast-legend">
        <li>
          <span aria-hidden="true" />
          {t('batteries.legendReadings')}
        </li>
        <li>
          <span aria-hidden="true" className="legend-line" />
          {t('batteries.legendLine')}
        </li>
        <li>
          <span aria-hidden="true" className="legend-threshold" />
          {t('batteries.legendThreshold')} {battery.threshold} %
        </li>
        <li>
          <span aria-hidden="true" className="legend-change" />
          {t('batteries.legendChange')}
        </li>
      </ul>
    </>
  );
}

function RecordChangeForm({ lockId, onRecorded }: { lockId: string; onRecorded: () => void }) {
  const { t } = useTranslator();
  const { draft, setDraft, bind } = useDraft({ changedAt: '', doneBy: 'installer', levelBefore: '' });
  const { changedAt, doneBy, levelBefore } = draft;
  const { error, isBusy, call } = useApiCall();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    return call(async () => {
      await postApi(`/locks/${encodeURIComponent(lockId)}/battery-changes`, {
        changedAt: changedAt ? new Date(changedAt).toISOString() : new Date().toISOString(),
        doneBy,
        ...(levelBefore === '' ? {} : { levelBefore: Number(levelBefore) }),
      });
      setDraft({ ...draft, changedAt: '', levelBefore: '' });
      onRecorded();
    });
  };
  return (
    <form
      className="round-form"
      onSubmit={(event) => void submit(event)}
      aria-label={t('batteries.recordChange')}
    >
      <InputField label={t('batteries.changedAt')} type="datetime-local" {...bind('changedAt')} />
      <SelectField
        label={t('batteries.doneBy')}
        {...bind('doneBy')}
        options={batteryChangeDoers.map((doer) => ({ value: doer, label: t(`batteries.doer.${doer}`) }))}
      />
      <InputField
        label={t('batteries.levelBefore')}
        type="number"
        min={0}
        max={100}
        {...bind('levelBefore')}
      />
      <SubmitButton isBusy={isBusy}>{t('batteries.recordChange')}</SubmitButton>
      {error && <ErrorState error={error} />}
    </form>
  );
}

/** Shown on the lock page to the roles that read battery forecasts (never property owners). */
export function BatteryForecastSection({ lockId }: { lockId: string }) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const canRead = session.can('battery_forecast');
  const battery = useResource<LockBattery>(canRead ? `/locks/${encodeURIComponent(lockId)}/battery` : null);
  const [notice, setNotice] = useState<string | undefined>();
  if (!canRead) return null;
  return (
    <section className="card" data-section="battery-forecast" aria-label={t('batteries.forecastTitle')}>
      {battery.isLoading && !battery.data && <LoadingState />}
      {battery.error && <ErrorState error={battery.error} onRetry={battery.reload} />}
      {battery.data && (
        <>
          <ForecastChart battery={battery.data} />
          <h3>{t('batteries.changes')}</h3>
          <RowTable
            emptyText={t('batteries.noChanges')}
            caption={t('batteries.changesCaption')}
            rows={battery.data.changes}
            columns={[
              { header: t('batteries.changedAt'), render: (change) => formatDateTime(change.changedAt) },
              { header: t('batteries.doneBy'), render: (change) => t(`batteries.doer.${change.doneBy}`) },
              {
                header: t('batteries.levelBefore'),
                className: 'numeric',
                render: (change) => (change.levelBefore === null ? '–' : `${change.levelBefore} %`),
              },
              {
                header: t('batteries.recordedBy'),
                render: (change) => change.recordedByName ?? change.recordedBy,
              },
            ]}
          />
          {notice && <Notice>{notice}</Notice>}
          {session.can('lock_device', 'update') && (
            <RecordChangeForm
              lockId={lockId}
              onRecorded={() => {
                setNotice(t('batteries.recorded'));
                battery.reload();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
