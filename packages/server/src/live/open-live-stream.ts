// `GET /api/v1/live/stream` (docs/live.md): server-sent events for one caller. `record` carries a
// new event-log row (the event API's shape and scope), `lock` a lock's new state, `clock` the
// server's clock every few seconds. Notices come from the process's LISTEN connection (any
// process may have ingested); each is re-read for this caller. A reconnecting browser sends
// Last-Event-ID (the receive time, ms, of what it last got) and first gets what it missed.
import type { LiveClock, LiveLock } from '@portvakt/contract';
import type { Actor, EventView } from '@portvakt/core';
import { readBlockListVersion, readLiveNoticeSince, type LiveNotice } from '@portvakt/storage';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readClock, type AppContext } from '../platform/context';
import { ApiError } from '../platform/errors';
import type { LiveHub } from './live-hub';
import { readLiveToday } from './live-today';
import { readLiveChanges } from './read-live-changes';

/** How often the clock ticks (the demo's accelerated clock moves visibly between them). */
const clockTickMs = Number(process.env.PORTVAKT_LIVE_CLOCK_MS ?? 5000);
/**
 * A stream lives this long, then ends and the browser reconnects: the session is checked again
 * (a logged-out or blocked user stops receiving) and nothing is lost (Last-Event-ID).
 */
const streamLifetimeMs = 5 * 60_000;
/** Catch-up reaches this far before Last-Event-ID: ingests commit in any order across processes. */
const catchUpMarginMs = 10_000;

/** Last-Event-ID as this stream hands it out: a receive time in ms; 400 for anything else. */
export function parseLastEventId(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,15}$/.test(value))
    throw new ApiError(400, 'invalid_cursor', 'Last-Event-ID is not one this stream handed out.');
  return Number(value);
}

export async function openLiveStream({
  context,
  hub,
  request,
  reply,
  actor,
  view,
}: {
  context: Pick<AppContext, 'pool' | 'now'>;
  hub: LiveHub;
  request: FastifyRequest;
  reply: FastifyReply;
  actor: Actor;
  view: EventView;
}): Promise<void> {
  const header = request.headers['last-event-id'];
  const lastEventId = parseLastEventId(Array.isArray(header) ? header[0] : header);
  const db = context.pool;
  const municipalityId = actor.municipalityId;
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  let isOpen = true;
  const write = (event: string, data: unknown, id?: number) => {
    if (!isOpen) return;
    response.write(
      `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`,
    );
  };
  const sendClock = async () => {
    const clock: LiveClock = {
      clock: readClock(context).toISOString(),
      blockListVersion: await readBlockListVersion(db, municipalityId),
    };
    write('clock', clock);
  };
  // Notices are delivered one after the other, in the order they came.
  let queue: Promise<void> = Promise.resolve();
  const deliver = (notice: LiveNotice) => {
    queue = queue
      .then(async () => {
        if (!isOpen) return;
        const today = await readLiveToday(db, municipalityId, readClock(context));
        const changes = await readLiveChanges({ db, actor, view, today, notice, requestId: request.id });
        for (const record of [...changes.records].reverse()) write('record', record, notice.at);
        for (const lock of changes.locks) write('lock', lock satisfies LiveLock, notice.at);
        // The page's clock moves with what it shows, not only at the next tick.
        if (changes.records.length > 0 || changes.locks.length > 0) await sendClock();
      })
      .catch((error: unknown) => {
        request.log.warn({ err: error }, 'live stream: could not read a notice');
        end();
      });
  };
  let unsubscribe: () => void = () => undefined;
  const ticker = setInterval(() => void sendClock().catch(() => end()), clockTickMs);
  const lifetime = setTimeout(() => end(), streamLifetimeMs);
  const forget = hub.trackStream(() => end());
  function end() {
    if (!isOpen) return;
    isOpen = false;
    clearInterval(ticker);
    clearTimeout(lifetime);
    unsubscribe();
    forget();
    response.end();
  }
  request.raw.on('close', end);
  response.write('retry: 2000\n\n');
  try {
    unsubscribe = await hub.subscribe((notice) => {
      if (notice.municipalityId === municipalityId) deliver(notice);
    });
    await sendClock();
    if (lastEventId !== undefined) {
      const today = await readLiveToday(db, municipalityId, readClock(context));
      const missed = await readLiveNoticeSince(
        db,
        municipalityId,
        new Date(lastEventId - catchUpMarginMs),
        today.dayFrom,
      );
      if (missed) deliver(missed);
    }
  } catch (error) {
    request.log.warn({ err: error }, 'live stream: could not start');
    end();
  }
  if (!isOpen) unsubscribe();
}
