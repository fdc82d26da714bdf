// Event-log sections of detail pages: a customer's recent openings and refused attempts, a
// lock's events, and a lock's battery history drawn from the battery level in its events.
import { useMemo } from 'react';
import { fetchAllEvents, type EventFilter, type EventSubjectKind } from './event-log';
import { Section } from '../shared/section';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { EventLogLink } from './event-log.page';
import { useSession } from '../accounts';
import { useLoader } from '../shared/use-api';
import { EventTable } from './event-table';
import { LineChart } from './chart';
import { EmptyState, ErrorState, LoadingState } from '../shared/states';

/** Whether the role may read this subject's events (lock managers: locks and doors only). */
export function useCanReadEvents(subject: EventSubjectKind): boolean {
  const session = useSession();
  if (!session.can('device_event')) return false;
  return session.me.role !== 'lock_manager' || subject === 'lock' || subject === 'door';
}

/** Midnight (local) `days` days ago, fixed for the page's lifetime so paging keeps its query. */
function useSince(days: number): string {
  return useMemo(() => {
    const now = new Date();
    return new Date(now.getFullYear(), now.getMonth(), now.getDate() - days).toISOString();
  }, [days]);
}

/** The detail pages with recent events, and how each names them. */
const recentEventWords = {
  customer: { title: 'customers.recentEvents', intro: 'events.recentIntro' },
  lock: { title: 'locks.events', intro: 'events.lockIntro' },
} as const satisfies Partial<Record<EventSubjectKind, { title: MessageKey; intro: MessageKey }>>;

export function RecentEventsSection({ subject, id }: { subject: keyof typeof recentEventWords; id: string }) {
  const { t } = useTranslator();
  const since = useSince(30);
  const filter: EventFilter = { subject, id, from: since };
  const title = t(recentEventWords[subject].title);
  return (
    <Section
      title={title}
      intro={
        <>
          {t(recentEventWords[subject].intro)} <EventLogLink subject={subject} id={id} />
        </>
      }
    >
      <EventTable filter={filter} caption={title} pageSize={10} />
    </Section>
  );
}

export function BatteryHistorySection({ lockId }: { lockId: string }) {
  const { t, formatDateTime } = useTranslator();
  const since = useSince(90);
  const history = useLoader(`battery:${lockId}:${since}`, (signal) =>
    fetchAllEvents({ subject: 'lock', id: lockId, from: since }, 2_000, signal),
  );
  let body;
  if (history.isLoading && !history.data) body = <LoadingState />;
  else if (history.error) body = <ErrorState error={history.error} onRetry={history.reload} />;
  else {
    const points = history
      .data!.items.map((row) => ({ at: row.occurredAt, value: row.battery }))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const latest = points.at(-1);
    body =
      latest === undefined ? (
        <>
          <h2>{t('locks.batteryHistory')}</h2>
          <EmptyState>{t('events.batteryEmpty')}</EmptyState>
        </>
      ) : (
        <LineChart
          title={t('locks.batteryHistory')}
          summary={`${t('events.batteryIntro')} ${t('events.batterySummary', {
            level: latest.value,
            at: formatDateTime(latest.at),
          })}`}
          points={points}
          unit=" %"
          valueHeader={t('events.battery')}
        />
      );
  }
  return (
    <section className="card" aria-label={t('locks.batteryHistory')}>
      {body}
    </section>
  );
}
