// The phone app's day (docs/phone-app.md "Today's visits"): what the phone's holder decides on and
// the planned visits at the customers their teams serve, each with whether the holder has already
// been there. No rules here: the server's use case decides who may ask and which day it is.
import { namedStatement, type Queryable } from '../platform/queryable';

export interface StaffPlannedVisitRow {
  id: string;
  customerId: string;
  customerName: string;
  address: string | null;
  apartment: string | null;
  windowStart: Date;
  windowEnd: Date;
  plannedMinutes: number;
  staffCount: number;
  services: string[];
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  /** Where that visit came from: the phone's check-in, the lock (a door opened), or by hand. */
  checkedInBy: 'phone' | 'lock' | 'manual' | null;
}

/**
 * The planned visits of the staff member's own provider whose window overlaps [from, to), at
 * customers a team of that provider serves whose membership of the staff member and whose
 * assignment to the customer both overlap the period; by window start. Each carries the staff
 * member's current, not declined or voided visit at the customer that marks it (docs/phone-app.md "Today's
 * visits"): every such visit around the listed windows marks the customer's listed window nearest
 * to it (one it overlaps is nearest; one overlapping two marks both), so a check-in before its
 * window or after it shows on that window's card. A visit still open counts up to `now`, and only
 * while it can still be checked out (`longestVisitMinutes` after its arrival). Of the visits that
 * mark a window, the phone's own open check-in is shown first (the card offers its check-out),
 * then one that is done, then one the phone cannot close (a lock visit, open until the door is
 * opened again), each the nearest, then the latest. One statement.
 */
export async function listStaffPlannedVisits(
  db: Queryable,
  query: {
    municipalityId: string;
    providerId: string;
    staffMemberId: string;
    from: Date;
    to: Date;
    now: Date;
    /** The longest visit (core's `maxRegisteredVisitMinutes`): an older open one is abandoned. */
    longestVisitMinutes: number;
  },
): Promise<StaffPlannedVisitRow[]> {
  const { rows } = await db.query<StaffPlannedVisitRow>(
    namedStatement(
      'list-staff-planned-visits',
      `WITH served AS (
         SELECT DISTINCT tc.customer_id
         FROM team_membership tm
         JOIN team t ON t.id = tm.team_id AND t.provider_id = $2 AND t.municipality_id = $1
         JOIN team_customer tc ON tc.team_id = t.id AND tc.municipality_id = t.municipality_id
         WHERE tm.municipality_id = $1 AND tm.staff_member_id = $3
           AND tm.valid_from < $5 AND (tm.valid_until IS NULL OR tm.valid_until > $4)
           AND tc.valid_from < $5 AND (tc.valid_until IS NULL OR tc.valid_until > $4)
       ), listed AS (
         SELECT p.* FROM planned_visit p JOIN served USING (customer_id)
         WHERE p.municipality_id = $1 AND p.provider_id = $2
           AND p.window_starts_at < $5 AND p.window_ends_at > $4
       ), span AS (
         -- Per customer, the day and its listed windows: the visits that may mark one of them.
         SELECT customer_id, least($4::timestamptz, min(window_starts_at)) AS starts_at,
           greatest($5::timestamptz, max(window_ends_at)) AS ends_at
         FROM listed GROUP BY customer_id
       ), own AS (
         SELECT v.visit_id, v.customer_id, v.arrival_at, v.departure_at, v.source,
           coalesce(v.departure_at, greatest($6::timestamptz, v.arrival_at)) AS ends_at
         FROM span
         JOIN visit v ON v.customer_id = span.customer_id AND v.municipality_id = $1
           AND v.arrival_at < span.ends_at
           AND v.arrival_at > span.starts_at - make_interval(mins => $7)
         WHERE $3::uuid = ANY(v.staff_member_ids) AND v.superseded_at IS NULL AND v.state NOT IN ('declined', 'voided')
           AND (v.departure_at IS NOT NULL OR v.arrival_at > $6::timestamptz - make_interval(mins => $7))
           AND coalesce(v.departure_at, greatest($6::timestamptz, v.arrival_at)) >= span.starts_at
       ), pairs AS (
         SELECT l.id, o.visit_id, o.arrival_at, o.departure_at, o.source,
           greatest(l.window_starts_at - o.ends_at, o.arrival_at - l.window_ends_at, interval '0') AS distance
         FROM listed l JOIN own o USING (customer_id)
       ), marks AS (
         SELECT DISTINCT ON (id) id, arrival_at, departure_at, source
         FROM (SELECT pairs.*, min(distance) OVER (PARTITION BY visit_id) AS nearest FROM pairs) ranked
         WHERE distance = nearest
         -- The phone's own open check-in first (its check-out is on the card), then one that is
         -- done, then one the phone cannot close (a lock visit ends when the door is opened again).
         ORDER BY id, CASE WHEN departure_at IS NULL AND source = 'phone' THEN 0
           WHEN departure_at IS NOT NULL THEN 1 ELSE 2 END, distance, arrival_at DESC
       )
       SELECT p.id, p.customer_id AS "customerId", c.given_name || ' ' || c.family_name AS "customerName",
         pr.street_address AS address, coalesce(c.apartment, d.label) AS apartment,
         p.window_starts_at AS "windowStart", p.window_ends_at AS "windowEnd",
         p.planned_minutes AS "plannedMinutes", p.staff_count AS "staffCount", p.services,
         m.arrival_at AS "checkedInAt", m.departure_at AS "checkedOutAt", m.source AS "checkedInBy"
       FROM listed p
       JOIN customer c ON c.id = p.customer_id AND c.municipality_id = p.municipality_id
       LEFT JOIN property pr ON pr.id = c.residence_property_id AND pr.municipality_id = c.municipality_id
       LEFT JOIN door d ON d.id = c.apartment_door_id AND d.municipality_id = c.municipality_id
       LEFT JOIN marks m ON m.id = p.id
       ORDER BY p.window_starts_at, "customerName", p.id`,
      [
        query.municipalityId,
        query.providerId,
        query.staffMemberId,
        query.from,
        query.to,
        query.now,
        query.longestVisitMinutes,
      ],
    ),
  );
  return rows;
}
