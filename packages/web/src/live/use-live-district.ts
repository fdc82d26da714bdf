// The live view's state: today's district from `GET /api/v1/live/district`, kept current by the
// stream's server-sent events (EventSource reconnects by itself and sends Last-Event-ID, so the
// server sends what was missed). Records are keyed by device and sequence, so one that arrives
// twice (a catch-up overlapping a notice) is shown once. At the local midnight (the clock, or a
// record, past the day's end) the district is read again for the new day: a console left open
// overnight would otherwise keep yesterday and drop every record of today.
import type { LiveDistrict, LiveLock } from '@portvakt/contract';
import { useEffect, useState } from 'react';
import { eventRowId, type EventRow } from '../events';
import { getApi } from '../shared/api-client';

export type LiveConnection = 'connecting' | 'connected' | 'reconnecting';

export interface LiveState {
  district: LiveDistrict | undefined;
  error: unknown;
  connection: LiveConnection;
  /** Per property: the result of its newest door event that arrived live, and when (for flashing). */
  flashes: Record<string, { result: number; at: number }>;
}

const feedLength = 100;

function mergeRecord(district: LiveDistrict, row: EventRow): LiveDistrict {
  if (row.occurredAt < district.dayFrom || row.occurredAt >= district.dayTo) return district;
  const id = eventRowId(row);
  if (district.events.some((event) => eventRowId(event) === id)) return district;
  const events = [row, ...district.events]
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.sequence - a.sequence)
    .slice(0, feedLength);
  return { ...district, events };
}

function mergeLock(district: LiveDistrict, lock: LiveLock): LiveDistrict {
  return {
    ...district,
    properties: district.properties.map((property) =>
      property.id !== lock.propertyId
        ? property
        : {
            ...property,
            locks: property.locks.some((l) => l.lockDeviceId === lock.lockDeviceId)
              ? property.locks.map((l) => (l.lockDeviceId === lock.lockDeviceId ? lock : l))
              : [...property.locks, lock],
          },
    ),
  };
}

export function useLiveDistrict(): LiveState {
  const [state, setState] = useState<LiveState>({
    district: undefined,
    error: undefined,
    connection: 'connecting',
    flashes: {},
  });
  useEffect(() => {
    const abort = new AbortController();
    let source: EventSource | undefined;
    const propertyOfLock = (district: LiveDistrict | undefined, lockId: string | null) =>
      district?.properties.find((p) => p.locks.some((l) => l.lockDeviceId === lockId))?.id;
    // The end of the day the page shows, and records past it that came while the new day is read.
    let dayTo = '';
    let isReadingNewDay = false;
    let nextDayRecords: EventRow[] = [];
    const readNewDay = () => {
      if (isReadingNewDay) return;
      isReadingNewDay = true;
      void getApi<LiveDistrict>('/live/district', abort.signal)
        .then((district) => {
          dayTo = district.dayTo;
          const arrived = nextDayRecords;
          nextDayRecords = [];
          setState((previous) => ({
            ...previous,
            district: arrived.reduce(mergeRecord, district),
          }));
        })
        .catch((error: unknown) => {
          if (!abort.signal.aborted) setState((previous) => ({ ...previous, error }));
        })
        .finally(() => (isReadingNewDay = false));
    };
    void getApi<LiveDistrict>('/live/district', abort.signal)
      .then((district) => {
        dayTo = district.dayTo;
        setState((previous) => ({ ...previous, district }));
        source = new EventSource('/api/v1/live/stream');
        source.onopen = () => setState((previous) => ({ ...previous, connection: 'connected' }));
        source.onerror = () => setState((previous) => ({ ...previous, connection: 'reconnecting' }));
        source.addEventListener('record', (message) => {
          const row = JSON.parse((message as MessageEvent<string>).data) as EventRow;
          if (row.occurredAt >= dayTo) {
            nextDayRecords.push(row);
            readNewDay();
          }
          setState((previous) => {
            if (!previous.district) return previous;
            const propertyId = propertyOfLock(previous.district, row.lockDeviceId);
            const isDoorEvent = row.kind === 1 && propertyId !== undefined;
            return {
              ...previous,
              district: mergeRecord(previous.district, row),
              flashes: isDoorEvent
                ? { ...previous.flashes, [propertyId]: { result: row.result, at: Date.now() } }
                : previous.flashes,
            };
          });
        });
        source.addEventListener('lock', (message) => {
          const lock = JSON.parse((message as MessageEvent<string>).data) as LiveLock;
          setState((previous) =>
            previous.district ? { ...previous, district: mergeLock(previous.district, lock) } : previous,
          );
        });
        source.addEventListener('clock', (message) => {
          const { clock, blockListVersion } = JSON.parse((message as MessageEvent<string>).data) as {
            clock: string;
            blockListVersion: number;
          };
          if (clock >= dayTo) readNewDay();
          setState((previous) =>
            previous.district
              ? { ...previous, district: { ...previous.district, clock, blockListVersion } }
              : previous,
          );
        });
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState((previous) => ({ ...previous, error }));
      });
    return () => {
      abort.abort();
      source?.close();
    };
  }, []);
  return state;
}
