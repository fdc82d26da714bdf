// What one notice means to one caller (docs/live.md): the new records re-read through the event
// log's own scoped query (listEvents per lock, the caller's view), and the states of the locks in
// the caller's reach that the records touched. Nothing in the notice is shown as it came: it
// names ids, and a caller sees exactly what `GET /api/v1/event-log/lock/{id}` would show them.
import type { LiveLock } from '@portvakt/contract';
import type { Actor, EventView } from '@portvakt/core';
import {
  listEvents,
  listLiveLocks,
  recordEventRead,
  resolveLiveLocks,
  withTransaction,
  type LiveLockRow,
  type LiveNotice,
  type StoredEvent,
} from '@portvakt/storage';
import type pg from 'pg';
import { actorColumns } from '../audit';
import type { LiveToday } from './live-today';

/** At most this many records of one lock per notice (a lock's records of one upload). */
const recordsPerLock = 500;

export interface LiveChanges {
  /** Newest first, like the event list. */
  records: StoredEvent[];
  locks: LiveLock[];
}

/** A lock row as the contract shapes it (the property's own fields stay in the district). */
export function presentLiveLock(row: LiveLockRow): LiveLock {
  const { designation: _d, streetAddress: _s, latitude: _la, longitude: _lo, ...lock } = row;
  return lock;
}

export async function readLiveChanges({
  db,
  actor,
  view,
  today,
  notice,
  requestId,
}: {
  db: pg.Pool;
  actor: Actor;
  view: EventView;
  today: LiveToday;
  notice: LiveNotice;
  requestId: string;
}): Promise<LiveChanges> {
  const municipalityId = actor.municipalityId;
  const lockOf = await resolveLiveLocks(
    db,
    municipalityId,
    notice.batches.map((batch) => batch.deviceId),
  );
  const lockIds = [...new Set(lockOf.values())];
  if (lockIds.length === 0) return { records: [], locks: [] };
  const isNew = (row: StoredEvent) =>
    notice.batches.some(
      (batch) => batch.deviceId === row.deviceId && row.sequence >= batch.first && row.sequence <= batch.last,
    );
  return withTransaction(db, async (client) => {
    const records: StoredEvent[] = [];
    for (const lockId of lockIds) {
      const page = await listEvents(client, {
        municipalityId,
        subject: { kind: 'lock', id: lockId },
        from: today.dayFrom,
        to: today.dayTo,
        limit: recordsPerLock,
        view,
      });
      records.push(...page.items.filter(isNew));
    }
    records.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.sequence - a.sequence);
    const locks = await listLiveLocks(client, {
      municipalityId,
      view,
      today: today.period,
      dayFrom: today.dayFrom,
      dayTo: today.dayTo,
      lockIds,
    });
    // Every read of events is logged (docs/event-log.md "Queries and read logging").
    if (records.length > 0)
      await recordEventRead(client, {
        ...actorColumns(actor),
        queryKind: 'live_stream',
        subjectKind: 'municipality',
        subjectId: null,
        timeFrom: today.dayFrom,
        timeTo: today.dayTo,
        rowCount: records.length,
        requestId,
      });
    return { records, locks: locks.map(presentLiveLock) };
  });
}
