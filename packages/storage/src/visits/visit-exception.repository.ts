// What the exceptions queue is computed from, for one provider and period (docs/visits.md
// "Exceptions"), and the resolutions people recorded.
import type { ExceptionPlannedVisit, ExceptionVisit, RefusedAttempt } from '@portvakt/core';
import { attributableSql } from '../events';
import { epochMsSql } from '../platform/epoch-ms';
import { createLookupByIds, type Queryable } from '../platform/queryable';
import { joinHouseholdSql } from './household.repository';

export async function readExceptionInputs(
  db: Queryable,
  municipalityId: string,
  providerId: string,
  from: Date,
  to: Date,
  /** The municipality's zone (`timeZone`): its local days say who was served and which month. */
  timeZone: string,
): Promise<{ visits: ExceptionVisit[]; planned: ExceptionPlannedVisit[]; refused: RefusedAttempt[] }> {
  const visits = await db.query<ExceptionVisit>(
    `SELECT v.visit_id AS "visitId", v.version, v.customer_id AS "customerId", v.staff_member_ids AS "staffMemberIds",
       v.state, ${epochMsSql('v.arrival_at')} AS arrival, ${epochMsSql('v.departure_at')} AS departure,
       h.household_id AS "householdId",
       EXISTS (SELECT 1 FROM customer_service cs WHERE cs.municipality_id = v.municipality_id
                 AND cs.customer_id = v.customer_id AND cs.provider_id = v.provider_id
                 AND cs.starts_on <= (v.arrival_at AT TIME ZONE $5)::date
                 AND (cs.ends_on IS NULL OR cs.ends_on >= (v.arrival_at AT TIME ZONE $5)::date))
         AS "isServed",
       -- Whether the customer has plans of the provider in the visit's local month: decided per
       -- visit, so an exception does not depend on the period asked for (docs/visits.md).
       EXISTS (SELECT 1 FROM planned_visit p WHERE p.municipality_id = v.municipality_id
                 AND p.customer_id = v.customer_id AND p.provider_id = v.provider_id
                 AND p.window_starts_at >= date_trunc('month', v.arrival_at AT TIME ZONE $5)
                                             AT TIME ZONE $5
                 AND p.window_starts_at < (date_trunc('month', v.arrival_at AT TIME ZONE $5)
                                             + interval '1 month') AT TIME ZONE $5)
         AS "hasPlans"
     FROM visit v ${joinHouseholdSql('v', 'h', '$4')}
     WHERE v.municipality_id = $4 AND v.provider_id = $1 AND v.superseded_at IS NULL AND v.arrival_at >= $2
       AND v.arrival_at < $3`,
    [providerId, from, to, municipalityId, timeZone],
  );
  const planned = await db.query<ExceptionPlannedVisit>(
    `SELECT id AS "plannedVisitId", customer_id AS "customerId", ${epochMsSql('window_starts_at')} AS "windowStart",
       ${epochMsSql('window_ends_at')} AS "windowEnd"
     FROM planned_visit WHERE municipality_id = $4 AND provider_id = $1 AND window_starts_at >= $2
       AND window_starts_at < $3`,
    [providerId, from, to, municipalityId],
  );
  const refused = await db.query<RefusedAttempt>(
    `SELECT c.id AS "customerId", s.id AS "staffMemberId", ${epochMsSql('e.occurred_at')} AS at
     FROM device_event e
       JOIN staff_member s ON s.pseudonym = e.staff_pseudonym AND s.provider_id = $2
         AND s.municipality_id = e.municipality_id
       JOIN customer c ON c.apartment_door_id = e.door_id AND c.municipality_id = e.municipality_id
     WHERE e.municipality_id = $1 AND e.kind = 1 AND e.result = 1 AND e.door_id IS NOT NULL
       AND e.occurred_at >= $3 AND e.occurred_at < $4 AND ${attributableSql('e')}
       -- Only the provider's own customers of that day: a refusal at anyone else's door is not the
       -- provider's visit to miss, and naming that customer would tell who lives behind it (R2).
       AND EXISTS (SELECT 1 FROM customer_service cs WHERE cs.municipality_id = e.municipality_id
                     AND cs.customer_id = c.id AND cs.provider_id = $2
                     AND cs.starts_on <= (e.occurred_at AT TIME ZONE $5)::date
                     AND (cs.ends_on IS NULL OR cs.ends_on >= (e.occurred_at AT TIME ZONE $5)::date))
     ORDER BY e.occurred_at`,
    [municipalityId, providerId, from, to, timeZone],
  );
  return { visits: visits.rows, planned: planned.rows, refused: refused.rows };
}

export interface ExceptionResolutionRow {
  key: string;
  resolution: string;
  reason: string;
  resolvedBy: string;
  resolvedAt: Date;
}

export async function listExceptionResolutions(
  db: Queryable,
  municipalityId: string,
  providerId: string,
  keys: string[],
): Promise<Map<string, ExceptionResolutionRow>> {
  const { rows } = await db.query<ExceptionResolutionRow>(
    `SELECT exception_key AS key, resolution, reason, resolved_by AS "resolvedBy", resolved_at AS "resolvedAt"
     FROM visit_exception_resolution
     WHERE municipality_id = $3 AND provider_id = $1 AND exception_key = ANY($2::text[])`,
    [providerId, keys, municipalityId],
  );
  return new Map(rows.map((row) => [row.key, row]));
}

/** Records a confirmation; false when the exception was already resolved. */
export async function insertExceptionResolution(
  db: Queryable,
  row: {
    municipalityId: string;
    providerId: string;
    key: string;
    code: string;
    reason: string;
    resolvedBy: string;
  },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO visit_exception_resolution (municipality_id, provider_id, exception_key, code, resolution, reason,
       resolved_by)
     VALUES ($1, $2, $3, $4, 'confirmed', $5, $6) ON CONFLICT DO NOTHING`,
    [row.municipalityId, row.providerId, row.key, row.code, row.reason, row.resolvedBy],
  );
  return rowCount === 1;
}

/** Customers' names by id, within the municipality (for lists that carry only ids). */
export const listCustomerNames = createLookupByIds<string, [municipalityId: string]>(
  `SELECT id, given_name || ' ' || family_name FROM customer WHERE municipality_id = $1 AND id = ANY($2::uuid[])`,
);
