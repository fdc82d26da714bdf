// Break-glass windows and the openings made in them (docs/visits.md "Break-glass"): an alarm of a
// customer under visit-window mode opens the customer's own doors to the alarm-serving provider's
// staff for a while; each opening that only such a window allowed is reviewed by the work lead.
import { attributableSql } from '../events';
import type { Queryable } from '../platform/queryable';

export interface BreakGlassWindowRow {
  id: string;
  alarmId: string;
  customerId: string;
  providerId: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Opens a break-glass window for each of `alarmIds` whose customer is under the mode (their own
 * setting, else `isEnabledByDefault`), one per provider the customer has chosen for `safety_alarm`
 * on the alarm's local date, from the alarm for `minutes`. An alarm's window is opened once.
 */
export async function openBreakGlassWindows(
  db: Queryable,
  request: {
    municipalityId: string;
    alarmIds: readonly string[];
    minutes: number;
    isEnabledByDefault: boolean;
    timeZone: string;
  },
): Promise<BreakGlassWindowRow[]> {
  if (request.alarmIds.length === 0) return [];
  const { rows } = await db.query<BreakGlassWindowRow>(
    `INSERT INTO break_glass_window (municipality_id, alarm_id, customer_id, provider_id, starts_at, ends_at)
     SELECT DISTINCT a.municipality_id, a.id, a.customer_id, cs.provider_id, a.raised_at,
       a.raised_at + make_interval(mins => $3)
     FROM alarm a
       JOIN customer c ON c.id = a.customer_id AND c.municipality_id = a.municipality_id
       JOIN customer_service cs ON cs.customer_id = a.customer_id AND cs.municipality_id = a.municipality_id
         AND cs.service = 'safety_alarm'
         AND cs.starts_on <= (a.raised_at AT TIME ZONE $5)::date
         AND (cs.ends_on IS NULL OR cs.ends_on >= (a.raised_at AT TIME ZONE $5)::date)
     WHERE a.municipality_id = $1 AND a.id = ANY($2::uuid[]) AND coalesce(c.visit_window_mode, $4::boolean)
     ON CONFLICT (municipality_id, alarm_id, provider_id) DO NOTHING
     RETURNING id, alarm_id AS "alarmId", customer_id AS "customerId", provider_id AS "providerId",
       starts_at AS "startsAt", ends_at AS "endsAt"`,
    [request.municipalityId, request.alarmIds, request.minutes, request.isEnabledByDefault, request.timeZone],
  );
  return rows;
}

/** A successful, attributable opening at a customer's own door by the window's provider's staff. */
export interface BreakGlassOpeningRow {
  windowId: string;
  alarmId: string;
  alarmExternalId: string;
  raisedAt: Date;
  customerId: string;
  customerName: string;
  providerId: string;
  providerName: string;
  windowStartsAt: Date;
  windowEndsAt: Date;
  deviceId: string;
  sequence: string;
  occurredAt: Date;
  doorId: string;
  doorLabel: string;
  staffMemberId: string;
  staffName: string;
  review: { comment: string; reviewedBy: string; reviewedAt: Date } | null;
}

export interface BreakGlassOpeningFilter {
  municipalityId: string;
  /** Only this provider's windows (a work lead's scope); null: every provider's. */
  providerId: string | null;
  /** Windows overlapping [from, to). */
  from: Date;
  to: Date;
  /** The door kinds the mode restricts (core's `visitWindowDoorKinds`). */
  doorKinds: readonly string[];
  /** Only this one stored record (a review). */
  record?: { deviceId: string; sequence: string };
}

/**
 * Every opening in the break-glass windows overlapping the period, at the window customer's own
 * doors (on their access path, of the restricted kinds) by staff of the window's provider, with its
 * review; and the planned visits of those customers by those providers around the windows, so
 * core can tell which openings only the window allowed. Two statements.
 */
export async function readBreakGlassOpenings(
  db: Queryable,
  filter: BreakGlassOpeningFilter,
): Promise<{
  openings: BreakGlassOpeningRow[];
  plannedVisits: { customerId: string; providerId: string; startsAt: Date; endsAt: Date }[];
}> {
  const { rows } = await db.query<
    Omit<BreakGlassOpeningRow, 'review'> & {
      comment: string | null;
      reviewedBy: string | null;
      reviewedAt: Date | null;
    }
  >(
    `SELECT w.id AS "windowId", w.alarm_id AS "alarmId", a.external_id AS "alarmExternalId", a.raised_at AS "raisedAt",
       w.customer_id AS "customerId", c.given_name || ' ' || c.family_name AS "customerName",
       w.provider_id AS "providerId", p.name AS "providerName",
       w.starts_at AS "windowStartsAt", w.ends_at AS "windowEndsAt",
       e.device_id AS "deviceId", e.sequence::text AS sequence, e.occurred_at AS "occurredAt",
       d.id AS "doorId", d.label AS "doorLabel",
       s.id AS "staffMemberId", s.given_name || ' ' || s.family_name AS "staffName",
       r.comment, r.reviewed_by AS "reviewedBy", r.reviewed_at AS "reviewedAt"
     FROM break_glass_window w
       JOIN alarm a ON a.id = w.alarm_id AND a.municipality_id = w.municipality_id
       JOIN customer c ON c.id = w.customer_id AND c.municipality_id = w.municipality_id
       JOIN provider p ON p.id = w.provider_id AND p.municipality_id = w.municipality_id
       JOIN access_path_step st ON st.customer_id = w.customer_id AND st.municipality_id = w.municipality_id
       JOIN door d ON d.id = st.door_id AND d.municipality_id = w.municipality_id AND d.kind = ANY($5::text[])
       JOIN device_event e ON e.door_id = d.id AND e.municipality_id = w.municipality_id
         AND e.occurred_at >= w.starts_at AND e.occurred_at < w.ends_at
         AND e.kind = 1 AND e.result = 0 AND ${attributableSql('e')}
       JOIN staff_member s ON s.pseudonym = e.staff_pseudonym AND s.provider_id = w.provider_id
         AND s.municipality_id = w.municipality_id
       LEFT JOIN break_glass_review r ON r.device_id = e.device_id AND r.sequence = e.sequence
         AND r.municipality_id = w.municipality_id

     WHERE w.municipality_id = $1 AND ($2::uuid IS NULL OR w.provider_id = $2)
       AND w.starts_at < $4 AND w.ends_at > $3
       AND ($6::uuid IS NULL OR (e.device_id = $6 AND e.sequence = $7::bigint))
     ORDER BY e.occurred_at, e.device_id, e.sequence, w.starts_at, w.id`,
    [
      filter.municipalityId,
      filter.providerId,
      filter.from,
      filter.to,
      filter.doorKinds,
      filter.record?.deviceId ?? null,
      filter.record?.sequence ?? null,
    ],
  );
  const openings = rows.map(({ comment, reviewedBy, reviewedAt, ...row }) => ({
    ...row,
    review: comment !== null ? { comment, reviewedBy: reviewedBy!, reviewedAt: reviewedAt! } : null,
  }));
  if (openings.length === 0) return { openings, plannedVisits: [] };
  const pairs = [...new Map(openings.map((o) => [`${o.customerId} ${o.providerId}`, o])).values()];
  const from = Math.min(...openings.map((o) => o.windowStartsAt.getTime()));
  const to = Math.max(...openings.map((o) => o.windowEndsAt.getTime()));
  // Planned visits a day either side of the windows: wider than any margin.
  const planned = await db.query<{ customerId: string; providerId: string; startsAt: Date; endsAt: Date }>(
    `SELECT v.customer_id AS "customerId", v.provider_id AS "providerId", v.window_starts_at AS "startsAt",
       v.window_ends_at AS "endsAt"
     FROM planned_visit v JOIN unnest($2::uuid[], $3::uuid[]) AS x(customer_id, provider_id)
       ON x.customer_id = v.customer_id AND x.provider_id = v.provider_id
     WHERE v.municipality_id = $1 AND v.window_starts_at < $5 AND v.window_ends_at > $4`,
    [
      filter.municipalityId,
      pairs.map((o) => o.customerId),
      pairs.map((o) => o.providerId),
      new Date(from - 86_400_000),
      new Date(to + 86_400_000),
    ],
  );
  return { openings, plannedVisits: planned.rows };
}

/** Records the review of one opening; its time, or undefined when it was already reviewed (nothing changes). */
export async function insertBreakGlassReview(
  db: Queryable,
  review: {
    municipalityId: string;
    providerId: string;
    deviceId: string;
    sequence: string;
    windowId: string;
    comment: string;
    reviewedBy: string;
  },
): Promise<Date | undefined> {
  const { rows } = await db.query<{ reviewedAt: Date }>(
    `INSERT INTO break_glass_review (municipality_id, provider_id, device_id, sequence, break_glass_window_id, comment, reviewed_by)
     VALUES ($1, $2, $3, $4::bigint, $5, $6, $7)
     ON CONFLICT (municipality_id, device_id, sequence) DO NOTHING
     RETURNING reviewed_at AS "reviewedAt"`,
    [
      review.municipalityId,
      review.providerId,
      review.deviceId,
      review.sequence,
      review.windowId,
      review.comment,
      review.reviewedBy,
    ],
  );
  return rows[0]?.reviewedAt;
}
