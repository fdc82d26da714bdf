// The rows of the due list and of the lock list's battery view: lock, address, door, level,
// predicted change, rate and confidence. Locks, doors and addresses only, never customers (R2.7).
import type { BatteryForecastList, BatteryForecastRow } from '@portvakt/contract';
import { useState } from 'react';
import { SimpleTable } from '../shared/data-table';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Link } from '../shared/router';
import { ResourceStates } from '../shared/states';
import type { ResourceState } from '../shared/use-api';

/** An instant as a calendar day in the console's language (the predicted change is a day, not a minute). */
export function useDayFormat(): (iso: string) => string {
  const { language } = useTranslator();
  const format = new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  return (iso) => format.format(new Date(iso));
}

function levelTone(level: number | null, threshold: number): string {
  if (level === null) return 'neutral';
  return level <= threshold ? 'danger' : level <= threshold + 10 ? 'warning' : 'good';
}

function BatteryRowsTable({
  rows,
  threshold,
  caption,
  now,
}: {
  rows: BatteryForecastRow[];
  threshold: number;
  caption: string;
  /** The instant the list was read: a predicted date before it is shown as "now". */
  now: number;
}) {
  const { t, label, formatNumber } = useTranslator();
  const formatDay = useDayFormat();
  return (
    <SimpleTable
      caption={caption}
      headers={[
        t('batteries.serial'),
        t('batteries.address'),
        t('batteries.door'),
        { text: t('batteries.level'), isNumeric: true },
        t('batteries.dueAt'),
        { text: t('batteries.rate'), isNumeric: true },
        t('batteries.confidence'),
      ]}
    >
      {rows.map((row) => (
        <tr key={row.lockId} data-lock={row.serial}>
          <td>
            <Link to={`/locks/${row.lockId}`}>{row.serial}</Link>
          </td>
          <td>
            {row.streetAddress}
            <span className="muted"> · {row.districtName}</span>
          </td>
          <td>{`${row.doorLabel} (${label('doorKind', row.doorKind)})`}</td>
          <td className="numeric">
            <span className={`tag tag-battery tag-battery-${levelTone(row.batteryLevel, threshold)}`}>
              {row.batteryLevel === null ? '–' : `${row.batteryLevel} %`}
            </span>
          </td>
          <td>
            {row.dueAt === null
              ? t(`batteries.reason.${row.unknownReason ?? 'no_readings'}` as MessageKey)
              : Date.parse(row.dueAt) <= now
                ? t('batteries.overdue')
                : formatDay(row.dueAt)}
          </td>
          <td className="numeric">
            {row.ratePerMonth === null
              ? '–'
              : t('batteries.ratePerMonth', { rate: formatNumber(row.ratePerMonth) })}
          </td>
          <td>{row.confidence ? t(`batteries.confidence.${row.confidence}`) : '–'}</td>
        </tr>
      ))}
    </SimpleTable>
  );
}

/** A forecast list as it loads: the states, then its rows, with "now" the instant it was first read. */
export function BatteryRows({
  list,
  emptyText,
  caption,
}: {
  list: ResourceState<BatteryForecastList>;
  emptyText: string;
  caption: string;
}) {
  const [readAt] = useState(() => Date.now());
  const items = list.data?.items ?? [];
  return (
    <ResourceStates resource={list} isEmpty={items.length === 0} emptyText={emptyText}>
      <BatteryRowsTable rows={items} threshold={list.data?.threshold ?? 0} caption={caption} now={readAt} />
    </ResourceStates>
  );
}
