// `GET /api/v1/live/district`: the live view's starting picture (docs/live.md) — the server's
// clock, the current block-list version, the properties in the caller's reach with their locks'
// states and today's counts, and today's newest records re-read through the event log's scoped
// query, so the page shows what the event API would show this caller.
import type { LiveDistrict, LiveProperty } from '@portvakt/contract';
import type { Actor } from '@portvakt/core';
import {
  listLiveLocks,
  listNewestLiveRecordIds,
  readBlockListVersion,
  withTransaction,
} from '@portvakt/storage';
import type pg from 'pg';
import { logLiveRead, readLiveToday, readLiveView, readTodaysLockRecords } from './live-today';
import { presentLiveLock } from './read-live-changes';

export interface LiveDistrictInput {
  /** How many of today's newest records to include. */
  limit?: number | undefined;
}

export async function readLiveDistrict({
  db,
  actor,
  input,
  requestId,
  now,
}: {
  db: pg.Pool;
  actor: Actor;
  input: LiveDistrictInput;
  requestId: string;
  now: Date;
}): Promise<LiveDistrict> {
  const view = readLiveView(actor);
  const municipalityId = actor.municipalityId;
  const today = await readLiveToday(db, municipalityId, now);
  const limit = input.limit ?? 50;
  return withTransaction(db, async (client) => {
    const rows = await listLiveLocks(client, {
      municipalityId,
      view,
      today: today.period,
      dayFrom: today.dayFrom,
      dayTo: today.dayTo,
    });
    const properties = new Map<string, LiveProperty>();
    for (const row of rows) {
      const property = properties.get(row.propertyId) ?? {
        id: row.propertyId,
        designation: row.designation,
        streetAddress: row.streetAddress,
        latitude: row.latitude,
        longitude: row.longitude,
        locks: [],
      };
      property.locks.push(presentLiveLock(row));
      properties.set(row.propertyId, property);
    }
    // The newest ids at the locks in reach, then those locks' rows through listEvents (the
    // caller's view decides what each row names); only the chosen ids are kept.
    const newest = await listNewestLiveRecordIds(client, {
      municipalityId,
      lockIds: rows.map((row) => row.lockDeviceId),
      dayFrom: today.dayFrom,
      dayTo: today.dayTo,
      limit,
    });
    const wanted = new Set(newest.map((id) => `${id.deviceId}:${id.sequence}`));
    const events = await readTodaysLockRecords(
      client,
      { municipalityId, view, today, lockIds: new Set(newest.map((id) => id.lockDeviceId)), limit },
      (row) => wanted.has(`${row.deviceId}:${row.sequence}`),
    );
    await logLiveRead(
      client,
      { actor, requestId, today },
      { queryKind: 'live_district', rowCount: events.length },
    );
    return {
      clock: today.clock.toISOString(),
      day: today.day,
      dayFrom: today.dayFrom.toISOString(),
      dayTo: today.dayTo.toISOString(),
      blockListVersion: await readBlockListVersion(client, municipalityId),
      properties: [...properties.values()],
      events,
    };
  });
}
