// The facts rollout counts (R8.1) and the R2.6 rule judges, read per municipality: entrances and
// their consent, locks and their use per day (lock_usage_on), open install orders, customers'
// ways in and services, staff with keys, doors' opening hours. No counting here: core's
// rollout rules count (docs/rollout.md).
import type { DailyWindow, DoorOpening, RolloutFacts, Scope, ServiceNeed } from '@portvakt/core';
import type pg from 'pg';
import { createColumnQuery, Params, type Queryable } from '../platform/queryable';
import { scopeCondition } from '../registry';
import { withTransaction } from '../platform/transaction';

/** A lock's local install day; a lock without one counts from the day it was registered. */
const localDay = (column: string) => `to_char(${column} AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD')`;

const onOrBefore = (column: string) => `(${column} AT TIME ZONE 'Europe/Stockholm')::date <= $2::date`;

/**
 * The municipality's ($1) keys that were active at the end of the local day $2, with who held
 * them then (docs/rollout.md "Staff with keys"): registered by then (`created_at`) and not yet on
 * the block list, which every key leaving `active` enters and none leaves (a key is never made
 * active again); a key inactive now with no entry (written outside the registry) counts as
 * inactive. The holder is the one the last audited change of the key by then left it with; with
 * none kept (audit retention, a key written outside the API), the one the first later change found,
 * else today's.
 */
const keysOnDay = `
  SELECT k.id, CASE WHEN past.found THEN past.holder WHEN later.found THEN later.holder
                    ELSE k.holder_staff_member_id END AS holder
  FROM digital_key k
  LEFT JOIN block_list_entry b ON b.municipality_id = k.municipality_id AND b.digital_key_id = k.id
  LEFT JOIN LATERAL (
    SELECT true AS found, (a.after ->> 'holderStaffMemberId')::uuid AS holder FROM audit_entry a
    WHERE a.municipality_id = $1 AND a.entity = 'digital_key' AND a.entity_id = k.id::text
      AND a.after ? 'holderStaffMemberId' AND ${onOrBefore('a.occurred_at')}
    ORDER BY a.occurred_at DESC, a.id DESC LIMIT 1) past ON true
  LEFT JOIN LATERAL (
    SELECT true AS found, (a.before ->> 'holderStaffMemberId')::uuid AS holder FROM audit_entry a
    WHERE a.municipality_id = $1 AND a.entity = 'digital_key' AND a.entity_id = k.id::text
      AND a.before ? 'holderStaffMemberId' AND NOT ${onOrBefore('a.occurred_at')}
    ORDER BY a.occurred_at, a.id LIMIT 1) later ON true
  WHERE k.municipality_id = $1 AND ${onOrBefore('k.created_at')}
    AND (CASE WHEN b.blocked_at IS NOT NULL THEN NOT ${onOrBefore('b.blocked_at')} ELSE k.status = 'active' END)`;

/**
 * Everything countRollout and countRolloutHistory need, for `days` (the chart's points, `asOf`
 * last), read in one snapshot so the table's figures agree with each other.
 */
export async function readRolloutFacts(
  db: pg.Pool,
  municipalityId: string,
  asOf: string,
  days: readonly string[],
): Promise<Omit<RolloutFacts, 'nightAccessCustomers'>> {
  return withTransaction(
    db,
    async (client) => {
      const districts = await client.query<RolloutFacts['districts'][number]>(
        `SELECT id, code, name, rollout_start_quarter AS "rolloutStartQuarter" FROM district
         WHERE municipality_id = $1 ORDER BY rollout_start_quarter NULLS LAST, name, id`,
        [municipalityId],
      );
      const entrances = await client.query<RolloutFacts['entrances'][number]>(
        `SELECT d.id AS "doorId", p.id AS "propertyId", p.district_id AS "districtId", c.status AS "consentStatus"
         FROM door d JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
         LEFT JOIN entrance_consent c ON c.municipality_id = d.municipality_id AND c.door_id = d.id
         WHERE d.municipality_id = $1 AND d.kind = 'entrance'`,
        [municipalityId],
      );
      const locks = await client.query<RolloutFacts['locks'][number] & { doorId: string }>(
        `SELECT l.id AS "lockId", l.door_id AS "doorId", d.kind AS "doorKind", p.district_id AS "districtId",
                ${localDay('coalesce(l.installed_at, l.created_at)')} AS "installedOn"
         FROM lock_device l JOIN door d ON d.municipality_id = l.municipality_id AND d.id = l.door_id
         JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
         WHERE l.municipality_id = $1 AND l.status = 'installed'`,
        [municipalityId],
      );
      const inUse = await client.query<{ day: string; lockIds: string[] }>(
        `SELECT to_char(x.day, 'YYYY-MM-DD') AS day, array_agg(u.lock_device_id) AS "lockIds"
         FROM unnest($2::date[]) AS x(day), lock_usage_on($1, x.day) u
         WHERE u.is_in_use GROUP BY x.day`,
        [municipalityId, days],
      );
      const orders = await client.query<RolloutFacts['openInstallOrders'][number]>(
        `SELECT d.kind AS "doorKind", p.district_id AS "districtId"
         FROM work_order w JOIN door d ON d.municipality_id = w.municipality_id AND d.id = w.door_id
         JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
         WHERE w.municipality_id = $1 AND w.kind = 'install' AND w.state IN ('requested', 'planned', 'in_progress')`,
        [municipalityId],
      );
      const customers = await client.query<RolloutFacts['customers'][number]>(
        `SELECT c.id AS "customerId", c.district_id AS "districtId",
           ARRAY(SELECT s.door_id FROM access_path_step s WHERE s.municipality_id = $1 AND s.customer_id = c.id
                 UNION SELECT c.apartment_door_id WHERE c.apartment_door_id IS NOT NULL) AS "doorIds",
           coalesce((SELECT json_agg(json_build_object('startsOn', to_char(cs.starts_on, 'YYYY-MM-DD'),
                       'endsOn', to_char(cs.ends_on, 'YYYY-MM-DD')))
                     FROM customer_service cs WHERE cs.municipality_id = $1 AND cs.customer_id = c.id), '[]') AS services
         FROM customer c WHERE c.municipality_id = $1`,
        [municipalityId],
      );
      // Staff decision (docs/rollout.md): a key active on asOf, held that day by someone employed
      // on asOf, counted in the districts of the customers their teams are assigned on asOf; a
      // holder in no team with customers then counts where their provider serves a customer.
      const keyHolders = await client.query<RolloutFacts['keyHolders'][number]>(
        `WITH holder AS (
           SELECT DISTINCT sm.id, sm.provider_id FROM (${keysOnDay}) k
           JOIN staff_member sm ON sm.municipality_id = $1 AND sm.id = k.holder
           WHERE sm.employment_starts_on <= $2::date
             AND (sm.employment_ends_on IS NULL OR sm.employment_ends_on >= $2::date)),
         served AS (
           SELECT cs.provider_id, c.id AS customer_id, c.district_id FROM customer_service cs
           JOIN customer c ON c.municipality_id = cs.municipality_id AND c.id = cs.customer_id
           WHERE cs.municipality_id = $1 AND cs.starts_on <= $2::date
             AND (cs.ends_on IS NULL OR cs.ends_on >= $2::date)),
         by_team AS (
           SELECT DISTINCT s.district_id, h.id FROM holder h
           JOIN team_membership tm ON tm.municipality_id = $1 AND tm.staff_member_id = h.id
             AND ${onOrBefore('tm.valid_from')}
             AND (tm.valid_until IS NULL OR NOT ${onOrBefore('tm.valid_until')})
           JOIN team_customer tc ON tc.municipality_id = $1 AND tc.team_id = tm.team_id
             AND ${onOrBefore('tc.valid_from')}
             AND (tc.valid_until IS NULL OR NOT ${onOrBefore('tc.valid_until')})
           JOIN served s ON s.provider_id = h.provider_id AND s.customer_id = tc.customer_id)
         SELECT district_id AS "districtId", id AS "staffMemberId" FROM by_team
         UNION
         SELECT s.district_id, h.id FROM holder h JOIN served s ON s.provider_id = h.provider_id
         WHERE NOT EXISTS (SELECT 1 FROM by_team t WHERE t.id = h.id)`,
        [municipalityId, asOf],
      );
      return {
        districts: districts.rows,
        entrances: entrances.rows,
        locks: locks.rows.map(({ doorId: _door, ...lock }) => lock),
        lockDoors: Object.fromEntries(locks.rows.map((lock) => [lock.lockId, lock.doorId])),
        locksInUseByDay: Object.fromEntries(inUse.rows.map((row) => [row.day, row.lockIds])),
        openInstallOrders: orders.rows,
        customers: customers.rows,
        keyHolders: keyHolders.rows,
      };
    },
    { mode: 'ISOLATION LEVEL REPEATABLE READ READ ONLY' },
  );
}

/** What the R2.6 rule needs of one customer: services on the day and doors on the way in. */
export interface NightAccessFacts {
  customerId: string;
  customerName: string;
  districtId: string;
  needs: ServiceNeed[];
  doors: Array<DoorOpening & { streetAddress: string }>;
}

/**
 * The customers (all of the municipality's, or those named) served on `day` who have a door with
 * recorded opening hours on their way in: the only ones the rule can warn about. A door's lock
 * is in use as lock_usage_on says for the day, if it was installed by then. Only customers
 * `scope` may read today: the doors are today's, so a past `day` must not show a provider where
 * a customer it no longer serves lives now.
 */
export async function readNightAccessFacts(
  db: Queryable,
  scope: Scope,
  day: string,
  customerIds?: readonly string[],
): Promise<NightAccessFacts[]> {
  const params = new Params();
  params.add(scope.municipalityId);
  params.add(day);
  params.add(customerIds ?? null);
  const inScope = scopeCondition('customer', scope, params);
  const { rows } = await db.query<NightAccessFacts>(
    `WITH used AS (
       SELECT u.door_id FROM lock_usage_on($1, $2::date) u
         JOIN lock_device l ON l.municipality_id = $1 AND l.id = u.lock_device_id
       WHERE u.is_in_use AND (coalesce(l.installed_at, l.created_at) AT TIME ZONE 'Europe/Stockholm')::date <= $2::date
     ), ways AS (
       SELECT s.customer_id, s.door_id, s.position FROM access_path_step s WHERE s.municipality_id = $1
       UNION ALL SELECT c.id, c.apartment_door_id, 1000 FROM customer c
       WHERE c.municipality_id = $1 AND c.apartment_door_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM access_path_step s
           WHERE s.municipality_id = $1 AND s.customer_id = c.id AND s.door_id = c.apartment_door_id)
     )
     SELECT c.id AS "customerId", c.given_name || ' ' || c.family_name AS "customerName",
       c.district_id AS "districtId",
       (SELECT json_agg(json_build_object('service', cs.service, 'providerId', pr.id, 'providerName', pr.name,
                 'providerKinds', pr.kinds, 'windows', coalesce(pr.service_windows -> cs.service, '[]'))
               ORDER BY pr.name, cs.service)
        FROM customer_service cs JOIN provider pr ON pr.municipality_id = cs.municipality_id AND pr.id = cs.provider_id
        WHERE cs.municipality_id = $1 AND cs.customer_id = c.id AND cs.starts_on <= $2::date
          AND (cs.ends_on IS NULL OR cs.ends_on >= $2::date)) AS needs,
       (SELECT json_agg(json_build_object('doorId', d.id, 'label', d.label, 'kind', d.kind,
                 'streetAddress', p.street_address, 'openingMethod', d.opening_method,
                 'openingHours', d.opening_hours, 'isLockInUse', d.id IN (SELECT door_id FROM used))
               ORDER BY w.position)
        FROM ways w JOIN door d ON d.municipality_id = $1 AND d.id = w.door_id
        JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
        WHERE w.customer_id = c.id) AS doors
     FROM customer c
     WHERE c.municipality_id = $1 AND ($3::uuid[] IS NULL OR c.id = ANY($3::uuid[]))
       AND c.id IN (SELECT t.id FROM customer t WHERE t.municipality_id = $1 AND ${inScope})
       AND EXISTS (SELECT 1 FROM ways w JOIN door d ON d.municipality_id = $1 AND d.id = w.door_id
                   WHERE w.customer_id = c.id AND d.opening_hours IS NOT NULL)
       AND EXISTS (SELECT 1 FROM customer_service cs WHERE cs.municipality_id = $1 AND cs.customer_id = c.id
                   AND cs.starts_on <= $2::date AND (cs.ends_on IS NULL OR cs.ends_on >= $2::date))
     ORDER BY c.family_name, c.given_name, c.id`,
    params.values,
  );
  return rows.map((row) => ({
    ...row,
    needs: row.needs.map((need) => ({ ...need, windows: need.windows as DailyWindow[] })),
  }));
}

/**
 * The customers a team serves on `day` (local): its current team assignments, and for an area
 * rule the district's customers with the rule's service from the team's provider.
 */
export const listTeamCustomerIds = createColumnQuery<
  string,
  [municipalityId: string, teamId: string, day: string]
>(`SELECT tc.customer_id AS id FROM team_customer tc
   WHERE tc.municipality_id = $1 AND tc.team_id = $2 AND ${localDay('tc.valid_from')} <= $3
     AND (tc.valid_until IS NULL OR ${localDay('tc.valid_until')} >= $3)
   UNION
   SELECT c.id FROM area_rule a JOIN team t ON t.municipality_id = a.municipality_id AND t.id = a.team_id
     JOIN customer c ON c.municipality_id = a.municipality_id AND c.district_id = a.district_id
     JOIN customer_service cs ON cs.municipality_id = c.municipality_id AND cs.customer_id = c.id AND cs.provider_id = t.provider_id
       AND cs.service = a.service AND cs.starts_on <= $3::date AND (cs.ends_on IS NULL OR cs.ends_on >= $3::date)
   WHERE a.municipality_id = $1 AND a.team_id = $2 AND ${localDay('a.valid_from')} <= $3
     AND (a.valid_until IS NULL OR ${localDay('a.valid_until')} >= $3)`);
