// The rows of the due list and of the lock list's battery view: lock, address, door, level,
// predicted change, rate and confidence. Locks, doors and addresses only, never customers (R2.7).
import type { BatteryForecastList, BatteryForecastRow } from '@portvakt/contract';
import { useState } from 'react';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Link } from '../shared/router';
import { RowTable } from '../shared/row-table';
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
    <RowTable
      caption={caption}
      rows={rows}
      rowKey={(row) => row.lockId}
      rowData={(row) => ({ 'data-lock': row.serial })}
      columns={[
        {
          header: t('batteries.serial'),
          render: (row) => <Link to={`/locks/${row.lockId}`}>{row.serial}</Link>,
        },
        {
          header: t('batteries.address'),
          render: (row) => (
            <>
              {row.streetAddress}
              <span className="muted"> · {row.districtName}</span>
            </>
          ),
        },
        {
          header: t('batteries.door'),
          render: (row) => `${row.doorLabel} (${label('doorKind', row.doorKind)})`,
        },
        {
          header: { text: t('batteries.level'), isNumeric: true },
          render: (row) => (
            <span className={`tag tag-battery tag-battery-${levelTone(row.batteryLevel, threshold)}`}>
              {row.batteryLevel === null ? '–' : `${row.batteryLevel} %`}
            </span>
          ),
        },
        {
          header: t('batteries.dueAt'),
          render: (row) =>
            row.dueAt === null
              ? // A value of its own, not the lock page's "Inget beräknat byte: {reason}" without its start.
                t(`batteries.unknown.${row.unknownReason ?? 'no_readings'}` as MessageKey)
              : Date.parse(row.dueAt) <= now
                ? t('batteries.overdue')
                : formatDay(row.dueAt),
        },
        {
          header: { text: t('batteries.rate'), isNumeric: true },
          render: (row) =>
            row.ratePerMonth === null
              ? '–'
              : t('batteries.ratePerMonth', { rate: formatNumber(row.ratePerMonth) }),
        },
        {
          header: t('batteries.confidence'),
          render: (row) => (row.confidence ? t(`batteries.confidence.${row.confidence}`) : '–'),
        },
      ]}
    />
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
