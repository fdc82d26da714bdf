// Openings and refused attempts per local day, for the console's overview charts. Counts only:
// no person's events leave the database, so the read is not written to event_read_log.
import type { EventDaySummary } from '@portvakt/contract';
import { localToday } from '@portvakt/core';
import type { Static } from 'typebox';
import { eventSummaryTimeZone, summariseEventsPerDay, type Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';

/**
 * The aggregate reads every event of the window (a sequential scan of one or two month
 * partitions: ~0.25 s per 100,000 events here), and the overview asks on every visit, so each
 * answer is kept for a minute per municipality, provider scope and window. Late uploads (a key
 * carrying records for days) show up within that minute.
 */
const cacheMilliseconds = 60_000;
const cacheLimit = 500;

type Summary = Awaited<ReturnType<typeof summariseEventsPerDay>>;

/**
 * The summary use case with its own cache (one per app: one per municipality, provider scope and
 * window). It needs the event log's read grant; a work lead counts what their event-log view shows.
 */
export function createEventDaySummaryReader(): (
  options: ReadOptions<{ days?: number }, Queryable> & { now: Date },
) => Promise<Static<typeof EventDaySummary>> {
  const cache = new Map<string, { expiresAt: number; value: Promise<Summary> }>();
  const readCached = (
    db: Queryable,
    query: Parameters<typeof summariseEventsPerDay>[1],
  ): Promise<Summary> => {
    // The window ends with the local day of the request's clock (the live demo's runs fast).
    const day = localToday(query.now, eventSummaryTimeZone);
    const key = `${query.municipalityId}:${query.providerId ?? ''}:${query.days}:${day}`;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    if (cache.size >= cacheLimit) {
      for (const [entryKey, entry] of cache) if (entry.expiresAt <= now) cache.delete(entryKey);
      if (cache.size >= cacheLimit) cache.clear();
    }
    const value = summariseEventsPerDay(db, query);
    value.catch(() => cache.delete(key));
    cache.set(key, { expiresAt: now + cacheMilliseconds, value });
    return value;
  };
  return async function readEventDaySummary({ db, actor, input, now }) {
    const scope = authorise(actor, 'device_event', 'read');
    const summary = await readCached(db, {
      municipalityId: actor.municipalityId,
      days: input.days ?? 14,
      now,
      ...(scope.kind === 'provider' ? { providerId: scope.providerId } : {}),
    });
    return {
      from: summary.from.toISOString(),
      to: summary.to.toISOString(),
      timeZone: 'Europe/Stockholm',
      days: summary.days,
    };
  };
}
