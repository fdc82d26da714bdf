// What one notice means to one caller (docs/live.md): the new records re-read through the event
// log's own scoped query (listEvents per lock, the caller's view), and the states of the locks in
// the caller's reach that the records touched. Nothing in the notice is shown as it came: it
// names ids, and a caller sees exactly what `GET /api/v1/event-log/lock/{id}` would show them.
import type { LiveLock } from '@portvakt/contract';
import type { Actor, EventView } from '@portvakt/core';
import {
  listLiveLocks,
  resolveLiveLocks,
  withTransaction,
  type LiveLockRow,
  type LiveNotice,
  type StoredEvent,
} from '@portvakt/storage';
import type pg from 'pg';
import { logLiveRead, readTodaysLockRecords, type LiveToday } from './live-today';

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
    const records = await readTodaysLockRecords(
      client,
      { municipalityId, view, today, lockIds, limit: recordsPerLock },
      isNew,
    );
    const locks = await listLiveLocks(client, {
      municipalityId,
      view,
      today: today.period,
      dayFrom: today.dayFrom,
      dayTo: today.dayTo,
      lockIds,
    });
    if (records.length > 0)
      await logLiveRead(
        client,
        { actor, requestId, today },
        { queryKind: 'live_stream', rowCount: records.length },
      );
    return { records, locks: locks.map(presentLiveLock) };
  });
}
