// Live notices over PostgreSQL LISTEN/NOTIFY (docs/live.md "Across processes"): after an ingest
// transaction commits, one notification per municipality names the device chains that grew and
// the sequence ranges they grew by — ids only, no personal data. Every server process listens on
// one connection and re-reads what a notice names through the event log's scoped queries, so a
// record ingested by any process reaches every process's streams.
import type pg from 'pg';
import type { Queryable } from '../registry';
import { createLookupByIds } from '../platform/queryable';

export const liveNoticeChannel = 'portvakt_live';

/** One device chain's new records: sequences `first`..`last`. */
export interface LiveNoticeBatch {
  deviceId: string;
  first: number;
  last: number;
}

/** What an ingest stored: its municipality, its receive time (ms since epoch) and the chains. */
export interface LiveNotice {
  municipalityId: string;
  at: number;
  batches: LiveNoticeBatch[];
}

/** NOTIFY payloads must stay under 8000 bytes: ~70 bytes a batch, so at most this many per notice. */
const batchesPerNotice = 80;

/** Sends the notice, split when it names many chains. Call it after the ingest has committed. */
export async function notifyLiveNotice(db: Queryable, notice: LiveNotice): Promise<void> {
  for (let start = 0; start < notice.batches.length; start += batchesPerNotice) {
    const batches = notice.batches.slice(start, start + batchesPerNotice);
    const payload = JSON.stringify({
      m: notice.municipalityId,
      at: notice.at,
      b: batches.map((b) => [b.deviceId, b.first, b.last]),
    });
    await db.query('SELECT pg_notify($1, $2)', [liveNoticeChannel, payload]);
  }
}

/** Reads a notification's payload; undefined for anything that is not a notice. */
export function parseLiveNotice(payload: string | undefined): LiveNotice | undefined {
  try {
    const value = JSON.parse(payload ?? '') as { m?: unknown; at?: unknown; b?: unknown };
    if (typeof value.m !== 'string' || typeof value.at !== 'number' || !Array.isArray(value.b))
      return undefined;
    const batches = (value.b as unknown[]).flatMap((b) =>
      Array.isArray(b) && typeof b[0] === 'string' && Number.isInteger(b[1]) && Number.isInteger(b[2])
        ? [{ deviceId: b[0], first: b[1] as number, last: b[2] as number }]
        : [],
    );
    return { municipalityId: value.m, at: value.at, batches };
  } catch {
    return undefined;
  }
}

/** A listening connection; `close` stops listening and gives the connection back. */
export interface LiveListener {
  close: () => Promise<void>;
}

/**
 * Listens for notices on a connection of its own (held for as long as it listens). `onEnd` is
 * called once if the connection fails, so the caller can listen again.
 */
export async function listenForLiveNotices(
  pool: pg.Pool,
  onNotice: (notice: LiveNotice) => void,
  onEnd: (error: Error) => void,
): Promise<LiveListener> {
  const client = await pool.connect();
  let isOpen = true;
  const release = (error?: Error) => {
    if (!isOpen) return;
    isOpen = false;
    client.removeAllListeners('notification');
    client.release(error);
  };
  client.on('notification', (message) => {
    if (message.channel !== liveNoticeChannel) return;
    const notice = parseLiveNotice(message.payload);
    if (notice) onNotice(notice);
  });
  client.once('error', (error: Error) => {
    release(error);
    onEnd(error);
  });
  try {
    await client.query(`LISTEN ${liveNoticeChannel}`);
  } catch (error) {
    release(error as Error);
    throw error;
  }
  return {
    close: async () => {
      if (!isOpen) return;
      try {
        await client.query(`UNLISTEN ${liveNoticeChannel}`);
      } finally {
        release();
      }
    },
  };
}

/**
 * What a reconnecting stream missed: the chains that got records received after `since`, that
 * happened from `dayFrom` on, as one notice (its `at` the newest receive time), or undefined.
 */
export async function readLiveNoticeSince(
  db: Queryable,
  municipalityId: string,
  since: Date,
  dayFrom: Date,
): Promise<LiveNotice | undefined> {
  const { rows } = await db.query<{ deviceId: string; first: string; last: string; at: Date }>(
    `SELECT e.device_id AS "deviceId", min(e.sequence) AS first, max(e.sequence) AS last, max(e.received_at) AS at
     FROM device_event e
     WHERE e.municipality_id = $1 AND e.occurred_at >= $2 AND e.received_at > $3
     GROUP BY e.device_id`,
    [municipalityId, dayFrom, since],
  );
  if (rows.length === 0) return undefined;
  return {
    municipalityId,
    at: Math.max(...rows.map((row) => row.at.getTime())),
    batches: rows.map((row) => ({
      deviceId: row.deviceId,
      first: Number(row.first),
      last: Number(row.last),
    })),
  };
}

/** The lock each lock-enrolment device id belongs to (other devices are left out). */
export const resolveLiveLocks = createLookupByIds<string, [municipalityId: string]>(
  `SELECT id, lock_device_id FROM device_enrolment
   WHERE municipality_id = $1 AND id = ANY($2::uuid[]) AND lock_device_id IS NOT NULL`,
);
