// A paged table of event-log rows for one subject (lock, door, customer, staff member or key),
// newest first: time, door, lock, result, reason in plain language, who (name or pseudonym, as
// the API gives it for the role) and whether the lock verified the key.
import { useTranslator } from '../shared/i18n';
import {
  describeDoor,
  describeLock,
  describeReason,
  describeResult,
  describeStaff,
  eventPath,
  eventQuery,
  eventRowId,
  openAttemptKind,
  type EventFilter,
  type EventRow,
} from './event-log';
import { Link } from '../shared/router';
import { useSession } from '../accounts';
import { usePagedList } from '../shared/use-api';
import { DataTable, type Column } from '../shared/data-table';

type Row = EventRow & { id: string };

export function EventTable({
  filter,
  caption,
  pageSize = 25,
}: {
  filter: EventFilter;
  caption: string;
  pageSize?: number;
}) {
  const { t, label, formatDateTime } = useTranslator();
  const session = useSession();
  const list = usePagedList<EventRow>(eventPath(filter), eventQuery(filter), pageSize);
  const canReadStaff = session.can('staff_member');
  const canReadLocks = session.can('lock_device');
  const columns: Array<Column<Row>> = [
    { key: 'time', header: t('events.time'), render: (row) => formatDateTime(row.occurredAt) },
    {
      key: 'door',
      header: t('events.door'),
      // The API names the doors the role may see; others stay unnamed.
      render: (row) => describeDoor(t, label, row) || <span className="muted">{t('common.none')}</span>,
    },
    {
      key: 'lock',
      header: t('events.lock'),
      render: (row) => {
        const name = describeLock(t, row);
        if (!name) return <span className="muted">{t('common.none')}</span>;
        return row.lockSerial && row.lockDeviceId && canReadLocks ? (
          <Link to={`/locks/${row.lockDeviceId}`}>{name}</Link>
        ) : (
          name
        );
      },
    },
    {
      key: 'result',
      header: t('events.result'),
      render: (row) => (
        <span
          className={`tag ${row.result !== 0 ? 'tag-blocked' : row.kind === openAttemptKind ? 'tag-active' : ''}`}
        >
          {describeResult(t, row)}
          {row.count !== null && row.count > 1 ? ` (${t('events.count', { count: row.count })})` : ''}
        </span>
      ),
    },
    {
      key: 'reason',
      header: t('events.reason'),
      render: (row) => (row.reason === 0 ? t('common.none') : describeReason(t, row.reason)),
    },
    {
      key: 'staff',
      header: t('events.staff'),
      render: (row) => {
        const who = describeStaff(t, row) || t('common.none');
        const name =
          row.staffMemberId && canReadStaff ? <Link to={`/staff/${row.staffMemberId}`}>{who}</Link> : who;
        return (
          <>
            {name}
            {row.providerName && <span className="muted"> · {row.providerName}</span>}
          </>
        );
      },
    },
    {
      key: 'verified',
      header: t('events.verified'),
      render: (row) =>
        row.verified === null ? t('common.none') : t(row.verified ? 'common.yes' : 'common.no'),
    },
  ];
  return (
    <DataTable<Row>
      caption={caption}
      columns={columns}
      rows={list.items.map((row) => ({ ...row, id: eventRowId(row) }))}
      isLoading={list.isLoading}
      {...(list.error ? { error: list.error } : {})}
      onRetry={list.reload}
      emptyText={t('events.empty')}
      paging={list}
    />
  );
}
