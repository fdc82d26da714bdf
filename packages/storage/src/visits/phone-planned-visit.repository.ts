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
}

/**
 * The planned visits of the staff member's own provider whose window overlaps [from, to), at
 * customers a team of that provider serves whose membership of the staff member and whose
 * assignment to the customer both overlap the period; by window start. Each carries the staff
 * member's latest current, not declined visit at the customer overlapping the window: a visit
 * still open counts up to `now` (a check-in made for a later window does not mark it yet).
 * One statement.
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
       )
       SELECT p.id, p.customer_id AS "customerId", c.given_name || ' ' || c.family_name AS "customerName",
         pr.street_address AS address, coalesce(c.apartment, d.label) AS apartment,
         p.window_starts_at AS "windowStart", p.window_ends_at AS "windowEnd",
         p.planned_minutes AS "plannedMinutes", p.staff_count AS "staffCount", p.services,
         v.arrival_at AS "checkedInAt", v.departure_at AS "checkedOutAt"
       FROM planned_visit p
       JOIN served USING (customer_id)
       JOIN customer c ON c.id = p.customer_id AND c.municipality_id = p.municipality_id
       LEFT JOIN property pr ON pr.id = c.residence_property_id AND pr.municipality_id = c.municipality_id
       LEFT JOIN door d ON d.id = c.apartment_door_id AND d.municipality_id = c.municipality_id

       LEFT JOIN LATERAL (
         SELECT v.arrival_at, v.departure_at FROM visit v
         WHERE v.customer_id = p.customer_id AND v.municipality_id = $1 AND $3::uuid = ANY(v.staff_member_ids)
           AND v.superseded_at IS NULL AND v.state <> 'declined'
           AND v.arrival_at < p.window_ends_at
           AND coalesce(v.departure_at, greatest($6::timestamptz, v.arrival_at)) >= p.window_starts_at
         ORDER BY v.arrival_at DESC LIMIT 1
       ) v ON true
       WHERE p.municipality_id = $1 AND p.provider_id = $2
         AND p.window_starts_at < $5 AND p.window_ends_at > $4
       ORDER BY p.window_starts_at, "customerName", p.id`,
      [query.municipalityId, query.providerId, query.staffMemberId, query.from, query.to, query.now],
    ),
  );
  return rows;
}
