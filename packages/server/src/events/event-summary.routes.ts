// Openings and refused attempts per local day, for the console's overview charts. Counts only:
// no person's events leave the database, so the read is not written to event_read_log.
import { EventDaySummary } from '@portvakt/contract';
import { summariseEventsPerDay } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';

export const eventSummaryRouteTemplates = ['GET /api/v1/event-log/summary'];

/**
 * The aggregate reads every event of the window (a sequential scan of one or two month
 * partitions: ~0.25 s per 100,000 events here), and the overview asks on every visit, so each
 * answer is kept for a minute per municipality, provider scope and window. Late uploads (a key
 * carrying records for days) show up within that minute.
 */
const cacheMilliseconds = 60_000;
const cacheLimit = 500;

type Summary = Awaited<ReturnType<typeof summariseEventsPerDay>>;

/** A per-app cache of summaries (one per municipality, provider scope and window). */
function createSummaryCache(pool: AppContext['pool']) {
  const cache = new Map<string, { expiresAt: number; value: Promise<Summary> }>();
  return (query: Parameters<typeof summariseEventsPerDay>[1]): Promise<Summary> => {
    const key = `${query.municipalityId}:${query.providerId ?? ''}:${query.days}`;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    if (cache.size >= cacheLimit) {
      for (const [entryKey, entry] of cache) if (entry.expiresAt <= now) cache.delete(entryKey);
      if (cache.size >= cacheLimit) cache.clear();
    }
    const value = summariseEventsPerDay(pool, query);
    value.catch(() => cache.delete(key));
    cache.set(key, { expiresAt: now + cacheMilliseconds, value });
    return value;
  };
}

export function registerEventSummaryRoutes(app: FastifyInstance, context: AppContext): void {
  const cachedSummary = createSummaryCache(context.pool);
  declareRoutes(app, { tags: ['event log'] }).get('/api/v1/event-log/summary', {
    summary: 'Openings and refused attempts per local day (Europe/Stockholm), oldest day first',
    querystring: Type.Object(
      { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 92, default: 14 })) },
      { additionalProperties: false },
    ),
    response: EventDaySummary,
    // The same grant as the event log; a work lead counts what their event-log view shows.
    permission: ['device_event', 'read'],
    handle: async ({ request, actor, scope }) => {
      const { days } = request.query;
      const summary = await cachedSummary({
        municipalityId: actor.municipalityId,
        days: days ?? 14,
        ...(scope.kind === 'provider' ? { providerId: scope.providerId } : {}),
      });
      return {
        from: summary.from.toISOString(),
        to: summary.to.toISOString(),
        timeZone: 'Europe/Stockholm',
        days: summary.days,
      };
    },
  });
}
