// "Today" for the live view: the server clock's local day (Europe/Stockholm, accelerated in the
// demo), the instants it runs between, the caller's view of the event log, and how today's
// records are re-read in that view and the read logged.
import { eventViewFor, localToday, type Actor, type EventView, type ServicePeriod } from '@portvakt/core';
import { listEvents, type Queryable, type StoredEvent } from '@portvakt/storage';
import { logEventRead } from '../events';
import { authorise } from '../platform/authorise';
import { readLocalDayBounds } from '../platform/local-day';

export interface LiveToday {
  clock: Date;
  day: string;
  dayFrom: Date;
  dayTo: Date;
  /** Today as a service period: a provider's reach is the customers it serves today. */
  period: ServicePeriod;
}

/** The local day the clock reads, and its bounds. */
export async function readLiveToday(db: Queryable, municipalityId: string, clock: Date): Promise<LiveToday> {
  const day = localToday(clock);
  const { from, to } = await readLocalDayBounds(db, municipalityId, day, 'day');
  return { clock, day, dayFrom: from, dayTo: to, period: { fromDay: day, toDay: day } };
}

/**
 * The caller's view of the event log, exactly as the event API decides it (policy `device_event`,
 * core's eventViewFor); 403 for roles that may not read events.
 */
export function readLiveView(actor: Actor): EventView {
  return eventViewFor(authorise(actor, 'device_event', 'read'), actor);
}

/**
 * Today's records at each of `lockIds` that `isWanted` keeps, newest first, re-read through the
 * event log's own scoped query (listEvents per lock: the caller's view decides what each names).
 */
export async function readTodaysLockRecords(
  db: Queryable,
  query: {
    municipalityId: string;
    view: EventView;
    today: LiveToday;
    lockIds: Iterable<string>;
    limit: number;
  },
  isWanted: (row: StoredEvent) => boolean,
): Promise<StoredEvent[]> {
  const records: StoredEvent[] = [];
  for (const lockId of query.lockIds) {
    const page = await listEvents(db, {
      municipalityId: query.municipalityId,
      subject: { kind: 'lock', id: lockId },
      from: query.today.dayFrom,
      to: query.today.dayTo,
      limit: query.limit,
      view: query.view,
    });
    records.push(...page.items.filter(isWanted));
  }
  return records.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.sequence - a.sequence);
}

/** Every read of events is logged (docs/event-log.md "Queries and read logging"): a live one as the municipality's day. */
export function logLiveRead(
  db: Queryable,
  { actor, requestId, today }: { actor: Actor; requestId: string; today: LiveToday },
  read: { queryKind: string; rowCount: number },
): Promise<void> {
  return logEventRead(db, actor, requestId, {
    ...read,
    subjectKind: 'municipality',
    subjectId: null,
    from: today.dayFrom,
    to: today.dayTo,
  });
}
