// Per-day counts for the console's overview (openings and refused attempts per local day). One
// aggregate over the month partitions the time range prunes to; identities never leave the
// database, only counts.
import { attributableSql, servedOnEventDaySql } from './event-query.repository';
import type { Queryable } from '../registry';

/** Local days are Swedish days, like the service windows. */
export const eventSummaryTimeZone = 'Europe/Stockholm';

export interface EventDaySummary {
  /** Local date, YYYY-MM-DD. */
  day: string;
  /** Successful open attempts. */
  openings: number;
  /** Refused open attempts (an aggregate record of unverified attempts counts as its `count`). */
  refused: number;
}

export interface EventSummaryQuery {
  municipalityId: string;
  /** Number of local days, ending with today. */
  days: number;
  now?: Date;
  /** Work leads: events of the provider's staff and keys, and at its customers' doors at the time. */
  providerId?: string;
}

const openAttempt = 1; // eventKinds['open-attempt']
const resultOk = 0;
const resultDenied = 1;

/** Counts per local day, oldest first, every day present (zero when quiet). */
export async function summariseEventsPerDay(
  db: Queryable,
  query: EventSummaryQuery,
): Promise<{ from: Date; to: Date; days: EventDaySummary[] }> {
  // The bounds first, as plain values, so the aggregate's partition-key range is a pair of
  // parameters the planner prunes months with.
  const bounds = await db.query<{ from: Date; to: Date }>(
    `SELECT (d - make_interval(days => $2::int - 1)) AT TIME ZONE $3 AS "from",
            (d + interval '1 day') AT TIME ZONE $3 AS "to"
     FROM (SELECT date_trunc('day', $1::timestamptz AT TIME ZONE $3) AS d) t`,
    [query.now ?? new Date(), query.days, eventSummaryTimeZone],
  );
  const { from, to } = bounds.rows[0]!;
  const params: unknown[] = [query.municipalityId, from, to, eventSummaryTimeZone];
  let scope = '';
  if (query.providerId) {
    params.push(query.providerId);
    scope = `AND (
      EXISTS (SELECT 1 FROM staff_member vs WHERE vs.municipality_id = $1 AND vs.pseudonym = e.staff_pseudonym AND vs.provider_id = $5
        AND ${attributableSql('e')})
      OR EXISTS (SELECT 1 FROM digital_key vk WHERE vk.municipality_id = $1 AND vk.id = e.key_id AND vk.provider_id = $5 AND ${attributableSql('e')})
      OR ${servedOnEventDaySql('e', '$5', '$1')})`;
  }
  // device_event only: held copies (device_event_held) are older than any retention limit, far
  // outside a window of at most a quarter.
  const { rows } = await db.query<{ day: string; openings: string; refused: string }>(
    `SELECT to_char((e.occurred_at AT TIME ZONE $4)::date, 'YYYY-MM-DD') AS day,
       count(*) FILTER (WHERE e.result = ${resultOk}) AS openings,
       coalesce(sum(coalesce(e.event_count, 1)) FILTER (WHERE e.result = ${resultDenied}), 0) AS refused
     FROM device_event e
     WHERE e.municipality_id = $1 AND e.occurred_at >= $2::timestamptz AND e.occurred_at < $3::timestamptz
       AND e.kind = ${openAttempt} ${scope}
     GROUP BY 1`,
    params,
  );
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const days: EventDaySummary[] = [];
  const formatter = new Intl.DateTimeFormat('sv-SE', {
    timeZone: eventSummaryTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  // Walk local days by noon UTC of each calendar day (safe across daylight-saving changes).
  const firstDay = formatter.format(from);
  const [y, m, d] = firstDay.split('-').map(Number) as [number, number, number];
  for (let index = 0; index < query.days; index += 1) {
    const day = new Date(Date.UTC(y, m - 1, d + index, 12)).toISOString().slice(0, 10);
    const row = byDay.get(day);
    days.push({ day, openings: Number(row?.openings ?? 0), refused: Number(row?.refused ?? 0) });
  }
  return { from, to, days };
}
